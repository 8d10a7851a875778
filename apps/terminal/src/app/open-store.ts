// Chooses the terminal's storage: IndexedDB (src/storage, chosen by measurement), or the memory store
// when the browser refuses IndexedDB (some private modes), so the app still opens and says so.
import { MemoryTerminalStore, type TerminalStore } from '@shelfsync/terminal-core';
import { IdbTerminalStore } from '../storage/idb-terminal-store.js';

export async function openTerminalStore(): Promise<{ store: TerminalStore; persistent: boolean }> {
  try {
    return { store: await IdbTerminalStore.open(), persistent: true };
  } catch (e) {
    console.error('IndexedDB unavailable, keeping data in memory only', e);
    return { store: new MemoryTerminalStore(), persistent: false };
  }
}
