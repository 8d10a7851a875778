// The current screen, kept in step with the browser history so Android's back button walks back
// through the screens the operator opened, and going home unwinds them all.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Route } from './route.js';

interface Entry {
  route: Route;
  /** How many screens above the main one this entry is. */
  depth: number;
}

export function useHistoryRoute() {
  const [route, setRoute] = useState<Route>({ name: 'main' });
  const depth = useRef(0);

  useEffect(() => {
    const onPop = (ev: PopStateEvent) => {
      const entry = ev.state as Entry | null;
      depth.current = entry?.depth ?? 0;
      setRoute(entry?.route ?? { name: 'main' });
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  /** Opens a screen on top; `main` goes home, dropping the screens above it from the history. */
  const navigate = useCallback((next: Route) => {
    if (next.name === 'main') {
      if (depth.current > 0) history.go(-depth.current);
      depth.current = 0;
    } else {
      depth.current += 1;
      const entry: Entry = { route: next, depth: depth.current };
      history.pushState(entry, '');
    }
    setRoute(next);
  }, []);

  /** The screen below this one (the header's back arrow), like the device's back button. */
  const back = useCallback(() => {
    if (depth.current > 0) history.back();
    else setRoute({ name: 'main' });
  }, []);

  return { route, navigate, back };
}
