// Tells the engine which document is on screen while a document screen is mounted, so a new
// configuration waits until the operator is back on the main screen (DESIGN.md §7).
import { useEffect } from 'preact/hooks';
import type { Terminal } from './create-terminal.js';

export function useOpenDocument(terminal: Terminal, id: string): void {
  useEffect(() => {
    void terminal.engine.setOpenDocument(id);
    return () => void terminal.engine.setOpenDocument(null);
  }, [terminal, id]);
}
