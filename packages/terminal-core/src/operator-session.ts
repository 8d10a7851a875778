// The operator signed in on a terminal. The base is told at the next exchange, over HTTP or in the next
// bundle (documents assigned to operators and groups follow the operator), and the terminal's scans
// carry the operator's id.
import { ShelfsyncError } from '@shelfsync/protocol';
import type { DeviceTransport } from './device-transport.js';
import type { TerminalStore } from './terminal-store.js';

export interface SignedInOperator {
  /** Null after signing out. */
  id: string | null;
  /** False until the base has recorded this operator for the device. */
  sent: boolean;
}

export async function signIn(store: TerminalStore, operatorId: string | null): Promise<void> {
  const current = await store.getMeta('operator');
  if (current?.id === operatorId && current.sent) return;
  await store.setMeta('operator', { id: operatorId, sent: false });
}

/**
 * Tells the base who is signed in, before the exchange's pull. The base gives the documents that this
 * changes a new revision, so the pull that follows sends the new operator's and revokes the old one's.
 */
export async function sendOperator(store: TerminalStore, transport: DeviceTransport): Promise<void> {
  const current = await store.getMeta('operator');
  if (!current || current.sent || !transport.setOperator) return;
  try {
    await transport.setOperator({ operatorId: current.id });
  } catch (error) {
    // A base from before this route still exchanges; it is told once it has the route.
    if (error instanceof ShelfsyncError && error.code === 'SYNC_NOT_OFFERED') return;
    throw error;
  }
  await store.setMeta('operator', { ...current, sent: true });
}

/** What a to-base bundle carries for the operator: the one the base has not recorded yet, if any. */
export async function unsentOperator(
  store: TerminalStore,
): Promise<{ operatorId: string | null } | undefined> {
  const current = await store.getMeta('operator');
  return current && !current.sent ? { operatorId: current.id } : undefined;
}

/** The base's answer bundle says it recorded this operator: sent, unless someone else signed in since. */
export async function operatorRecorded(store: TerminalStore, operatorId: string | null): Promise<void> {
  const current = await store.getMeta('operator');
  if (!current || current.sent || current.id !== operatorId) return;
  await store.setMeta('operator', { ...current, sent: true });
}
