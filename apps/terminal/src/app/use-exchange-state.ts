// Subscribes a component to the exchange state (online, unsent count, last exchange).
import { useEffect, useState } from 'preact/hooks';
import type { ExchangeMonitor, ExchangeState } from './exchange-monitor.js';

export function useExchangeState(monitor: ExchangeMonitor): ExchangeState {
  const [state, setState] = useState(monitor.state);
  useEffect(() => {
    setState(monitor.state);
    return monitor.subscribe(setState);
  }, [monitor]);
  return state;
}
