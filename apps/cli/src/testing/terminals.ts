// Helpers for whole-process tests with several virtual terminals on one server.
import { cli, type RunningServer, tempDir } from './harness.js';

export interface VirtualTerminal {
  name: string;
  state: string;
  deviceId: string;
}

export interface DocJson {
  id: string;
  status: string;
  facts: {
    id: string;
    productId: string | null;
    qty: number;
    cellId?: string;
    deviceId?: string;
    operatorId?: string;
  }[];
}

/** Enrolls a terminal with a fresh one-time code from the integration API. */
export async function enrollTerminal(server: RunningServer, name: string): Promise<VirtualTerminal> {
  const res = await fetch(`${server.url}/api/v1/devices/enrollments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const { code } = (await res.json()) as { code: string };
  const state = tempDir(name);
  const out = await cli([
    'terminal',
    'enroll',
    '--server',
    server.url,
    '--code',
    code,
    '--name',
    name,
    '--state',
    state,
  ]);
  const deviceId = /enrolled as (\S+)/.exec(out)?.[1] ?? '';
  return { name, state, deviceId };
}

export interface SyncJson {
  pushed: number;
  pending: number;
  rejected: unknown[];
  revocations: { id: string; reason?: string }[];
}

export async function sync(t: VirtualTerminal): Promise<SyncJson> {
  return JSON.parse(await cli(['terminal', 'sync', '--state', t.state, '--json'])) as SyncJson;
}

export async function docs(t: VirtualTerminal): Promise<DocJson[]> {
  return JSON.parse(await cli(['terminal', 'docs', '--state', t.state, '--json'])) as DocJson[];
}

export async function scan(t: VirtualTerminal, doc: string, barcode: string, cell?: string): Promise<void> {
  await cli([
    'terminal',
    'scan',
    '--state',
    t.state,
    '--doc',
    doc,
    '--barcode',
    barcode,
    ...(cell ? ['--cell', cell] : []),
  ]);
}

/** Net quantity per product and cell, the way the merged count is reported. */
export function totals(facts: readonly DocJson['facts'][number][]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of facts) {
    const key = `${f.productId ?? '?'}@${f.cellId ?? '-'}`;
    out[key] = (out[key] ?? 0) + f.qty;
  }
  return out;
}

/** Fact lines as "device:product@cell×qty", sorted: every line kept with who scanned it. */
export function linesByDevice(
  facts: readonly DocJson['facts'][number][],
  names: Record<string, string>,
): string[] {
  return facts
    .map((f) => `${names[f.deviceId ?? ''] ?? f.deviceId}:${f.productId}@${f.cellId ?? '-'}×${f.qty}`)
    .sort();
}
