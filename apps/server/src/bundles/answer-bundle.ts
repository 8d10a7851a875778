// Answers a terminal's to-base bundle the way the HTTP device API would answer the same exchange:
// the signed-in operator if it carries one, hello, push (mutations and log lines), then pull pages
// until caught up, recorded into a signed to-terminal bundle. A copy of a bundle already answered is
// refused before anything is applied.
import {
  type BundleCrypto,
  type BundleManifest,
  bundleFileName,
  parseParts,
  type RecordedPull,
  readBundle,
  TO_BASE_PARTS,
  writeBundle,
} from '@shelfsync/bundle';
import {
  DEFAULT_PULL_LIMIT,
  type DeviceLogEntry,
  MAX_PUSH_MUTATIONS,
  type Mutation,
  type PushResponse,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { DeviceRecord, DeviceStore, LeaseStore, SettingsStore } from '@shelfsync/store';
import type { DeviceService } from '../device-service.js';
import { baseBundleKey, deviceBundleKey, lastAnswered, setLastAnswered } from './bundle-keys.js';

/** A first load of a large catalog is many pages; past this the terminal gets the rest next time. */
const MAX_PAGES_PER_BUNDLE = 500;
const REFETCH_CODES: readonly string[] = ['SYNC_MUST_REFETCH', 'SYNC_CURSOR_INVALID'];

export interface AnswerDeps {
  store: DeviceStore & LeaseStore & SettingsStore;
  service: DeviceService;
  crypto: BundleCrypto;
  baseId: string;
  now: () => Date;
}

export interface BundleAnswer {
  /** The to-base bundle's manifest. */
  request: BundleManifest;
  name: string;
  bytes: Uint8Array;
}

export async function answerBundle(file: Uint8Array, deps: AnswerDeps): Promise<BundleAnswer> {
  const { store, crypto } = deps;
  const read = await readBundle(file, crypto, {
    expect: { direction: 'to-base', baseId: deps.baseId },
    keyFor: (m) => deviceBundleKey(store, m.deviceId),
  });
  const request = read.manifest;
  const device = await liveDevice(store, request.deviceId);
  if (request.sequence <= (await lastAnswered(store, device.id))) {
    throw new ShelfsyncError('BUNDLE_DUPLICATE', undefined, {
      deviceId: device.id,
      sequence: request.sequence,
    });
  }
  const parts = parseParts(read.parts, TO_BASE_PARTS);
  const helloIn = parts.hello[0];
  if (helloIn === undefined) throw new ShelfsyncError('BUNDLE_MALFORMED', 'The bundle has no hello.');
  // First, as `POST /operator` comes before an HTTP exchange: the pulls below then send the new
  // operator's documents and revoke the old one's. Any id is recorded, as over HTTP.
  const operator = parts.operator[0];
  if (operator !== undefined) await store.setDeviceOperator(device.id, operator.operatorId);
  const hello = await deps.service.hello(device, helloIn);
  const pushes = await pushAll(deps.service, device, parts.mutations, parts.logs);
  const pulls = await pullAll(
    deps.service,
    device,
    request.cursors.catalog.from,
    request.cursors.documents.from,
  );
  const last = pulls[pulls.length - 1]?.response;
  const lastMutation = pushes[pushes.length - 1]?.lastMutation ?? hello.lastMutation;
  const manifest = {
    kind: 'exchange' as const,
    baseId: deps.baseId,
    deviceId: device.id,
    direction: 'to-terminal' as const,
    sequence: request.sequence,
    cursors: {
      catalog: { from: request.cursors.catalog.from, to: last?.catalog.cursor ?? 0 },
      documents: { from: request.cursors.documents.from, to: last?.documents.cursor ?? 0 },
    },
    mutations: { from: request.mutations.from, to: lastMutation },
    logsUpTo: request.logsUpTo,
    createdAt: deps.now().toISOString(),
  };
  const parts2 = [
    { name: 'hello', lines: [hello] },
    { name: 'push', lines: pushes },
    { name: 'pull', lines: pulls },
    // The acknowledgement: the terminal marks its operator sent when it imports this answer.
    ...(operator !== undefined ? [{ name: 'operator', lines: [{ operatorId: operator.operatorId }] }] : []),
  ];
  const bytes = await writeBundle(manifest, parts2, await baseBundleKey(store, crypto), crypto);
  await setLastAnswered(store, device.id, request.sequence);
  return { request, name: bundleFileName(manifest), bytes };
}

async function liveDevice(
  store: DeviceStore & LeaseStore & SettingsStore,
  deviceId: string,
): Promise<DeviceRecord> {
  const device = (await store.listDevices()).find((d) => d.id === deviceId);
  if (device === undefined || device.revoked)
    throw new ShelfsyncError('AUTH_INVALID_TOKEN', undefined, { deviceId });
  return device;
}

/** Pushes in HTTP-sized batches; log lines ride with the first push (a push of their own if no mutations). */
async function pushAll(
  service: DeviceService,
  device: DeviceRecord,
  mutations: Mutation[],
  logs: DeviceLogEntry[],
): Promise<PushResponse[]> {
  const answers: PushResponse[] = [];
  for (let i = 0; i === 0 || i < mutations.length; i += MAX_PUSH_MUTATIONS) {
    const batch = mutations.slice(i, i + MAX_PUSH_MUTATIONS);
    if (batch.length === 0 && logs.length === 0) break;
    answers.push(
      await service.push(device, { mutations: batch, ...(i === 0 && logs.length > 0 ? { logs } : {}) }),
    );
  }
  return answers;
}

/** Pull pages from the terminal's cursors until caught up; a refetch answer restarts from 0 once. */
async function pullAll(
  service: DeviceService,
  device: DeviceRecord,
  catalogCursor: number,
  docCursor: number,
): Promise<RecordedPull[]> {
  const pulls: RecordedPull[] = [];
  let request = { catalogCursor, docCursor };
  while (pulls.length < MAX_PAGES_PER_BUNDLE) {
    try {
      const response = await service.pull(device, { ...request, limit: DEFAULT_PULL_LIMIT });
      pulls.push({ request, response });
      if (!response.catalog.hasMore && !response.documents.hasMore) break;
      request = { catalogCursor: response.catalog.cursor, docCursor: response.documents.cursor };
    } catch (error) {
      const restart = error instanceof ShelfsyncError && REFETCH_CODES.includes(error.code);
      if (!restart || (request.catalogCursor === 0 && request.docCursor === 0)) throw error;
      pulls.push({ request, error: error.toBody().error });
      request = { catalogCursor: 0, docCursor: 0 };
    }
  }
  return pulls;
}
