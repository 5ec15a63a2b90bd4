import { useMemo, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { NavigationContext, type Navigation } from './navigation';

/** Bridges the router to the navigation context; rendered once inside the app's router. */
export function RouterNavigation({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const value = useMemo(
    (): Navigation => ({
      search: new URLSearchParams(location.search),
      pathname: location.pathname,
      go: (to, options) => void navigate(to, options),
    }),
    [navigate, location.search, location.pathname],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}
