// Storage used by a virtual terminal's state (the SQLite file and its WAL) and free on its disk,
// reported at hello for the device registry.
import { stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { StorageEstimate } from '@shelfsync/terminal-core';

export async function nodeStorageEstimate(stateDir: string): Promise<StorageEstimate> {
  const files = ['terminal.db', 'terminal.db-wal'].map((f) => path.join(stateDir, f));
  const sizes = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  const disk = await statfs(stateDir);
  return { used: sizes.reduce((a, b) => a + b, 0), free: disk.bavail * disk.bsize };
}
