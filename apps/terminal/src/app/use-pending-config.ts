// The main screen puts a configuration that arrived during a document in force. Answers the version
// in force, so the screen reloads its document types when it changes.
import { useEffect, useState } from 'preact/hooks';
import type { Terminal } from './create-terminal.js';

export function usePendingConfig(terminal: Terminal, pendingVersion: string | undefined): string | undefined {
  const [applied, setApplied] = useState<string>();
  useEffect(() => {
    void (async () => {
      // The main screen is up: no document is open, whatever a screen left behind.
      await terminal.engine.setOpenDocument(null);
      const config = await terminal.engine.applyPendingConfig().catch(() => undefined);
      if (config) {
        setApplied(config.version);
        void terminal.exchange.refresh();
      }
    })();
  }, [terminal, pendingVersion]);
  return applied;
}
