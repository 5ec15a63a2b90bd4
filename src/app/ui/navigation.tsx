import {
  createContext,
  useContext,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

/**
 * Moving between screens, for the screens that load on demand. They ask this context instead of
 * importing the router: whatever a lazy chunk reaches is split out of the first route into a
 * shared chunk, and the router split out of the shell costs the first route ~2 KB gzipped
 * (test/e2e/build-output.test.ts holds it to its budget). So this module must not import the
 * router either; the provider that bridges the two lives in the shell (RouterNavigation).
 */
export interface Navigation {
  /** The current address's query, e.g. an inbox's search and filter. */
  search: URLSearchParams;
  pathname: string;
  go: (to: string, options?: { replace?: boolean }) => void;
}

export const NavigationContext = createContext<Navigation | null>(null);

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside RouterNavigation');
  return navigation;
}

/**
 * A real link (it opens in a new tab, reads as a link) that moves inside the app on a click.
 * Outside the app's navigation (a screen rendered on its own, as the component tests do) it is a
 * plain link: following it loads the page, which is still right.
 */
export function AppLink({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const navigation = useContext(NavigationContext);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!navigation) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    navigation.go(to);
  };
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
