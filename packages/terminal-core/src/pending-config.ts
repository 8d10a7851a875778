// Configuration reaches a terminal at any hello but takes effect only on the main screen: while a
// document is open the new version waits as pending, so rules never change under a half-scanned task
// (DESIGN.md §7 Configuration updates, docs/protocol.md).
import { ShelfsyncError } from '@shelfsync/protocol';
import type { TerminalConfig, TerminalStore } from './terminal-store.js';

/**
 * The document the operator is working on: one the UI opened explicitly, else one in progress with
 * facts scanned on this device (the virtual terminal has no screens to say so).
 */
export async function openDocumentId(store: TerminalStore): Promise<string | undefined> {
  const [explicit, enrollment] = await Promise.all([
    store.getMeta('openDocument'),
    store.getMeta('enrollment'),
  ]);
  if (typeof explicit === 'string') return explicit;
  // null: the UI says its main screen is up, so a document left half-scanned does not count as open.
  if (explicit === null) return undefined;
  const deviceId = enrollment?.deviceId;
  const docs = await store.listDocuments();
  const busy = docs.find((d) => d.status === 'in_progress' && d.facts.some((f) => f.deviceId === deviceId));
  return busy?.id;
}

/**
 * Takes a configuration from hello: applied at once on the main screen, kept pending otherwise.
 * Answers true when the version is new to this terminal (neither in force nor already pending).
 */
export async function receiveConfig(store: TerminalStore, config: TerminalConfig): Promise<boolean> {
  const [current, pending] = await Promise.all([store.getMeta('config'), store.getMeta('pendingConfig')]);
  const isNew = current?.version !== config.version && pending?.version !== config.version;
  if (current?.version === config.version) {
    if (pending) await store.setMeta('pendingConfig', null);
    return false;
  }
  if ((await openDocumentId(store)) === undefined) {
    await store.setMeta('config', config);
    await store.setMeta('pendingConfig', null);
  } else {
    await store.setMeta('pendingConfig', config);
  }
  return isNew;
}

export async function pendingConfig(store: TerminalStore): Promise<TerminalConfig | undefined> {
  return (await store.getMeta('pendingConfig')) ?? undefined;
}

/** Puts the pending configuration in force; TERMINAL_DOCUMENT_OPEN while a document is open. */
export async function applyPendingConfig(store: TerminalStore): Promise<TerminalConfig | undefined> {
  const pending = await pendingConfig(store);
  if (!pending) return undefined;
  const open = await openDocumentId(store);
  if (open !== undefined) throw new ShelfsyncError('TERMINAL_DOCUMENT_OPEN', undefined, { docId: open });
  await store.setMeta('config', pending);
  await store.setMeta('pendingConfig', null);
  return pending;
}

/** The status field: the pending version, when there is one. */
export async function pendingConfigField(store: TerminalStore): Promise<{ pendingConfigVersion?: string }> {
  const pending = await pendingConfig(store);
  return pending ? { pendingConfigVersion: pending.version } : {};
}
