// The terminal's half of exchanging by bundle files (desk mode over RDP): export the outbox, log,
// cursors and an unsent operator sign-in as a signed to-base bundle; import the base's answer (or an
// enrollment) after verifying it. An import either passes every check before it changes anything, or
// changes nothing.
import {
  type BundleCrypto,
  type BundleManifest,
  bundleFileName,
  ENROLLMENT_PARTS,
  parseParts,
  type ReadBundle,
  readBundle,
  TO_TERMINAL_PARTS,
  writeBundle,
} from '@shelfsync/bundle';
import { PROTOCOL_VERSION, ShelfsyncError } from '@shelfsync/protocol';
import type { BundleState } from './bundle-state.js';
import { exchange, type SyncSummary } from './exchange.js';
import { operatorRecorded, unsentOperator } from './operator-session.js';
import { BUNDLE_EXHAUSTED, ReplayTransport } from './replay-transport.js';
import { dropLogs, pendingLogs } from './terminal-log.js';
import type { Enrollment, TerminalStore } from './terminal-store.js';

/** Mutations per bundle; the rest goes in the next one. */
const MAX_BUNDLE_MUTATIONS = 50_000;

export interface BundleContext {
  store: TerminalStore;
  crypto: BundleCrypto;
  identity: { appVersion: string; platform?: string };
  now: () => string;
}

export interface BundleFile {
  name: string;
  bytes: Uint8Array;
}

export type BundleImport =
  | { kind: 'enrollment'; deviceId: string; baseId: string }
  | { kind: 'exchange'; sequence: number; summary?: SyncSummary; partial: boolean };

async function bundleEnrollment(
  store: TerminalStore,
): Promise<{ enrollment: Enrollment; bundles: BundleState }> {
  const [enrollment, bundles] = await Promise.all([store.getMeta('enrollment'), store.getMeta('bundles')]);
  if (!enrollment || !bundles) {
    throw new ShelfsyncError(
      'TERMINAL_NOT_ENROLLED',
      'This terminal has no bundle enrollment. Import the enrollment bundle made on the base first.',
    );
  }
  return { enrollment, bundles };
}

export async function exportBundle(ctx: BundleContext): Promise<BundleFile> {
  const { store } = ctx;
  const { enrollment, bundles } = await bundleEnrollment(store);
  const [mutations, logs, cursors, outbox, operator] = await Promise.all([
    store.pendingMutations(MAX_BUNDLE_MUTATIONS),
    pendingLogs(store),
    store.getCursors(),
    store.outboxState(),
    unsentOperator(store),
  ]);
  const manifest = {
    kind: 'exchange' as const,
    baseId: enrollment.baseId,
    deviceId: enrollment.deviceId,
    direction: 'to-base' as const,
    sequence: bundles.lastExported + 1,
    cursors: {
      catalog: { from: cursors.catalog, to: cursors.catalog },
      documents: { from: cursors.documents, to: cursors.documents },
    },
    mutations: { from: mutations[0]?.n ?? 0, to: mutations[mutations.length - 1]?.n ?? 0 },
    logsUpTo: logs[logs.length - 1]?.seq ?? 0,
    createdAt: ctx.now(),
  };
  const hello = {
    protocolVersion: PROTOCOL_VERSION,
    ...ctx.identity,
    capabilities: [],
    backlog: outbox.pending,
  };
  const parts = [
    { name: 'hello', lines: [hello] },
    { name: 'mutations', lines: mutations },
    { name: 'logs', lines: logs },
    // Until an answer acknowledges it, every export carries it again (a lost bundle costs nothing).
    ...(operator ? [{ name: 'operator', lines: [operator] }] : []),
  ];
  const bytes = await writeBundle(manifest, parts, bundles.deviceKey, ctx.crypto);
  await store.setMeta('bundles', { ...bundles, lastExported: manifest.sequence });
  return { name: bundleFileName(manifest), bytes };
}

export async function importBundle(ctx: BundleContext, file: Uint8Array): Promise<BundleImport> {
  const [enrollment, bundles] = await Promise.all([
    ctx.store.getMeta('enrollment'),
    ctx.store.getMeta('bundles'),
  ]);
  const read = await readBundle(file, ctx.crypto, {
    expect: {
      direction: 'to-terminal',
      ...(enrollment && bundles ? { baseId: enrollment.baseId } : {}),
    },
    // Pinned key once enrolled; before that, an enrollment bundle is checked with its own key.
    keyFor: async (m) => bundles?.baseKey ?? (m.kind === 'enrollment' ? m.signerKey : undefined),
  });
  if (read.manifest.kind === 'enrollment') return enrollFromBundle(ctx, read);
  return importExchange(ctx, read);
}

async function enrollFromBundle(ctx: BundleContext, read: ReadBundle): Promise<BundleImport> {
  const grant = parseParts(read.parts, ENROLLMENT_PARTS).enrollment[0];
  if (!grant || grant.baseKey !== read.manifest.signerKey || grant.deviceId !== read.manifest.deviceId) {
    throw new ShelfsyncError('BUNDLE_MALFORMED', 'The enrollment bundle does not match its own manifest.');
  }
  const current = await ctx.store.getMeta('enrollment');
  if (current?.deviceId === grant.deviceId) {
    throw new ShelfsyncError('BUNDLE_DUPLICATE', undefined, { deviceId: grant.deviceId });
  }
  const { pending } = await ctx.store.outboxState();
  if (pending > 0) throw new ShelfsyncError('TERMINAL_UNSENT_CHANGES', undefined, { pending });
  await ctx.store.resetForEnrollment({
    deviceId: grant.deviceId,
    token: grant.token,
    baseId: grant.baseId,
    ...(grant.baseName !== undefined ? { baseName: grant.baseName } : {}),
    urls: [],
    enrolledAt: ctx.now(),
  });
  await ctx.store.setMeta('bundles', {
    baseKey: grant.baseKey,
    deviceKey: grant.deviceKey,
    lastExported: 0,
    lastImported: 0,
  });
  return { kind: 'enrollment', deviceId: grant.deviceId, baseId: grant.baseId };
}

async function importExchange(ctx: BundleContext, read: ReadBundle): Promise<BundleImport> {
  const { store } = ctx;
  const { enrollment, bundles } = await bundleEnrollment(store);
  const m: BundleManifest = read.manifest;
  if (m.deviceId !== enrollment.deviceId) {
    throw new ShelfsyncError('BUNDLE_FOREIGN', undefined, {
      deviceId: m.deviceId,
      expected: enrollment.deviceId,
    });
  }
  if (m.sequence <= bundles.lastImported) {
    throw new ShelfsyncError('BUNDLE_DUPLICATE', undefined, {
      sequence: m.sequence,
      lastImported: bundles.lastImported,
    });
  }
  if (m.sequence > bundles.lastExported) {
    throw new ShelfsyncError(
      'BUNDLE_OUT_OF_ORDER',
      'The bundle answers an exchange this terminal never exported.',
      {
        sequence: m.sequence,
        lastExported: bundles.lastExported,
      },
    );
  }
  const parts = parseParts(read.parts, TO_TERMINAL_PARTS);
  const hello = parts.hello[0];
  if (!hello) throw new ShelfsyncError('BUNDLE_MALFORMED', 'The bundle has no hello answer.');
  const replay = new ReplayTransport(hello, parts.push, parts.pull);
  const cursors = await store.getCursors();
  if (!replay.has(cursors.catalog, cursors.documents)) {
    throw new ShelfsyncError('BUNDLE_OUT_OF_ORDER', undefined, { sequence: m.sequence, cursors });
  }
  let summary: SyncSummary | undefined;
  let partial = false;
  try {
    summary = await exchange(store, replay, {
      enrollment,
      identity: ctx.identity,
      now: ctx.now,
      uploadLogs: false,
    });
  } catch (error) {
    if (!(error instanceof ShelfsyncError) || error.details?.['reason'] !== BUNDLE_EXHAUSTED) throw error;
    partial = true;
  }
  await dropLogs(store, m.logsUpTo);
  // Only the answer to the latest export counts: a later export may have carried another operator.
  const operator = parts.operator[0];
  if (operator !== undefined && m.sequence === bundles.lastExported) {
    await operatorRecorded(store, operator.operatorId);
  }
  await store.setMeta('bundles', { ...bundles, lastImported: m.sequence });
  return { kind: 'exchange', sequence: m.sequence, partial, ...(summary ? { summary } : {}) };
}
