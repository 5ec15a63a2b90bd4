import { createContext, useContext, type ReactNode } from 'react';
import type { MinhChungDb } from './db/database';
import type { SyncController } from './sync/controller';

/** What the screens need from outside React: the database and the sync loop. */
export interface AppServices {
  db: MinhChungDb;
  /** Where the server is; '' means the origin that served the app. */
  baseUrl: string;
  /** Present while a user is signed in. */
  sync: SyncController | null;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({
  services,
  children,
}: {
  services: AppServices;
  children: ReactNode;
}) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
