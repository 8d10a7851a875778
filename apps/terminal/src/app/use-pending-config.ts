// The main screen puts a configuration that arrived during a document in force. Answers the version
// in force, so the screen reloads its document types when it changes, and whether the attempt has
// finished (an app switch waits for it, so navigation never cuts the configuration's write short).
import { useEffect, useState } from 'preact/hooks';
import type { Terminal } from './create-terminal.js';

export function usePendingConfig(
  terminal: Terminal,
  pendingVersion: string | undefined,
): { applied: string | undefined; settled: boolean } {
  const [applied, setApplied] = useState<string>();
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    setSettled(false);
    void (async () => {
      // The main screen is up: no document is open, whatever a screen left behind.
      await terminal.engine.setOpenDocument(null);
      const config = await terminal.engine.applyPendingConfig().catch(() => undefined);
      if (config) {
        setApplied(config.version);
        void terminal.exchange.refresh();
      }
      setSettled(true);
    })();
  }, [terminal, pendingVersion]);
  return { applied, settled };
}
