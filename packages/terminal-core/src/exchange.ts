// One exchange with the base: hello (checking it is the base this terminal enrolled with), push the
// outbox, pull until caught up, then note the outcome for the status line.
import { PROTOCOL_VERSION, ShelfsyncError } from '@shelfsync/protocol';
import type { DeviceTransport } from './device-transport.js';
import { helloReport, rememberHelloOffers, type StorageEstimate } from './hello-offers.js';
import { receiveConfig } from './pending-config.js';
import { type PullSummary, pullUpdates } from './pull-updates.js';
import { type PushSummary, pushOutbox } from './push-outbox.js';
import { pushLogs } from './terminal-log.js';
import type { Enrollment, TerminalStore } from './terminal-store.js';

export interface SyncSummary extends PushSummary, PullSummary {
  at: string;
  /** Mutations still in the outbox. */
  pending: number;
  /** Everything was sent and everything received. */
  complete: boolean;
  /** The base sent a new version of the document types. */
  configChanged: boolean;
}

export interface ExchangeOptions {
  enrollment: Enrollment;
  identity: { appVersion: string; platform?: string };
  now: () => string;
  pullLimit?: number;
  /** False when log lines travel another way (bundles carry them in their own part). */
  uploadLogs?: boolean;
  /** Storage used and free on the device, reported at hello for the device registry. */
  storage?: () => Promise<StorageEstimate | undefined>;
}

export async function exchange(
  store: TerminalStore,
  transport: DeviceTransport,
  options: ExchangeOptions,
): Promise<SyncSummary> {
  const { enrollment, now } = options;
  const { pending: backlog } = await store.outboxState();
  const report = await helloReport(store, options.storage);
  const hello = await transport.hello({
    protocolVersion: PROTOCOL_VERSION,
    ...options.identity,
    backlog,
    ...report,
  });
  if (hello.baseId !== enrollment.baseId || hello.deviceId !== enrollment.deviceId) {
    throw new ShelfsyncError('SYNC_BASE_MISMATCH', undefined, {
      enrolled: { baseId: enrollment.baseId, deviceId: enrollment.deviceId },
      server: { baseId: hello.baseId, deviceId: hello.deviceId },
    });
  }
  await checkNumbering(store, hello.lastMutation);
  const configChanged = await receiveConfig(store, hello.config);
  await rememberHelloOffers(store, hello);
  const pushed = await pushOutbox(store, transport, now);
  if (options.uploadLogs !== false) await pushLogs(store, transport);
  const pulled = await pullUpdates(store, transport, options.pullLimit);
  const { pending } = await store.outboxState();
  const at = now();
  await store.setMeta('lastSync', {
    at,
    pushed: pushed.pushed,
    pulledChanges: pulled.pulledChanges,
    pulledDocuments: pulled.pulledDocuments,
  });
  return { ...pushed, ...pulled, at, pending, complete: !pushed.stalled && pending === 0, configChanged };
}

/**
 * A base that has applied more mutations from this device than the terminal ever numbered would
 * answer every new one as a duplicate and silently drop it; refuse instead.
 */
async function checkNumbering(store: TerminalStore, lastApplied: number): Promise<void> {
  const { next } = await store.outboxState();
  if (lastApplied < next) return;
  throw new ShelfsyncError(
    'SYNC_MUTATION_GAP',
    `The server has recorded changes up to ${lastApplied} from this device, but this terminal has ` +
      `numbered only ${next - 1}. Enroll the terminal again.`,
    { expected: lastApplied + 1, next },
  );
}
