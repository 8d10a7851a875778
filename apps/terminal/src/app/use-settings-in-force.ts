// Subscribes a component to the base's operator settings in force, and to nothing else the exchange
// monitor reports, so the app shell re-renders only when a new configuration takes effect.
import type { OperatorSettings } from '@shelfsync/protocol';
import { useEffect, useState } from 'preact/hooks';
import type { ExchangeMonitor } from './exchange-monitor.js';

export function useSettingsInForce(monitor: ExchangeMonitor): OperatorSettings | undefined {
  const [settings, setSettings] = useState(monitor.state.settings);
  useEffect(() => {
    setSettings(monitor.state.settings);
    return monitor.subscribe((state) => setSettings(state.settings));
  }, [monitor]);
  return settings;
}
