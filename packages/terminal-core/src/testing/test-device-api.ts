// A small in-test base speaking the device API over a fetch function, built on the protocol schemas
// only: enough of the server's contract (cursors, compaction, numbered pushes) to test the engine.
// End-to-end tests against the real server live in apps/.

import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import {
  addChecksum,
  CATALOG_TABLES,
  type CatalogChange,
  type CatalogTable,
  DEVICE_API_PREFIX,
  type Document,
  DocumentSchema,
  type Mutation,
  type MutationResult,
  PullRequestSchema,
  PushRequestSchema,
  rowChecksum,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { FetchInitLike, FetchLike, FetchResponseLike } from '../platform.js';

export const TEST_BASE_URL = 'http://base.test';

export class TestDeviceApi {
  baseId = 'base-1';
  readonly deviceId = 'dev-1';
  readonly token = 'token-1';
  /** Newest change per row, tombstones included, like a compacted change log. */
  private log = new Map<string, CatalogChange>();
  private seq = 0;
  /** Pulls from a catalog cursor in (0, compactedBelow) must refetch. */
  compactedBelow = 0;
  readonly documents = new Map<string, Document>();
  private docRev = 0;
  docPageSize = 100;
  lastMutation = 0;
  readonly applied: Mutation[] = [];
  private outcomes = new Map<number, 'applied' | 'rejected'>();
  /** Business rule: a refusal for this mutation, or undefined to apply it. */
  reject: (m: Mutation) => { code: string; message: string } | undefined = () => undefined;
  /** A temporary failure: the batch stops before this number. */
  stopBefore: number | undefined;
  /** Answered pulls, as [catalogCursor, docCursor]. */
  readonly pulls: [number, number][] = [];
  /** Requests to fail with a network error, by path ('/pull'…), counted down. */
  readonly failNext = new Map<string, number>();
  /** Applies the request, then loses the answer (a cut cable after the server committed). */
  readonly loseAnswer = new Map<string, number>();
  configVersion = 'cfg-1';

  /** Answers only for `url`; anything else is unreachable. */
  fetchAt(url = TEST_BASE_URL): FetchLike {
    return async (target, init) => {
      if (!target.startsWith(`${url}${DEVICE_API_PREFIX}/`)) throw new TypeError('fetch failed');
      const path = target.slice(url.length + DEVICE_API_PREFIX.length);
      if (countDown(this.failNext, path)) throw new TypeError('fetch failed');
      const answer = this.handle(path, init);
      if (countDown(this.loseAnswer, path)) throw new TypeError('fetch failed');
      return answer;
    };
  }

  putRow(table: CatalogTable, row: { id: string; [key: string]: unknown }): number {
    this.seq += 1;
    this.log.set(`${table}\u0000${row.id}`, { op: 'put', table, id: row.id, seq: this.seq, row });
    return this.seq;
  }

  deleteRow(table: CatalogTable, id: string): number {
    this.seq += 1;
    this.log.set(`${table}\u0000${id}`, { op: 'del', table, id, seq: this.seq });
    return this.seq;
  }

  putDocument(doc: Omit<Document, 'rev'>): void {
    this.docRev += 1;
    this.documents.set(doc.id, DocumentSchema.parse({ ...doc, rev: this.docRev }));
  }

  checksums(): Record<CatalogTable, number> {
    const sums = Object.fromEntries(CATALOG_TABLES.map((t) => [t, 0])) as Record<CatalogTable, number>;
    for (const c of this.log.values())
      if (c.op === 'put') sums[c.table] = addChecksum(sums[c.table], rowChecksum(c.id, c.seq));
    return sums;
  }

  private handle(path: string, init: FetchInitLike): FetchResponseLike {
    try {
      const body = JSON.parse(init.body) as unknown;
      if (path === '/enroll') return this.enroll(body);
      if (init.headers['authorization'] !== `Bearer ${this.token}`)
        throw new ShelfsyncError('AUTH_INVALID_TOKEN');
      if (path === '/hello') return json(200, this.hello());
      if (path === '/pull') return json(200, this.pull(body));
      if (path === '/push') return json(200, this.push(body));
      throw new ShelfsyncError('REQ_NOT_FOUND');
    } catch (error) {
      if (error instanceof ShelfsyncError) return json(error.status, error.toBody());
      throw error;
    }
  }

  private enroll(body: unknown): FetchResponseLike {
    if ((body as { code?: unknown }).code !== 'CODE-1') throw new ShelfsyncError('ENROLL_CODE_INVALID');
    return json(200, { deviceId: this.deviceId, token: this.token, baseId: this.baseId });
  }

  private hello() {
    return {
      protocolVersion: 1,
      server: { protocolVersion: 1, minProtocolVersion: 1, version: 'test' },
      baseId: this.baseId,
      deviceId: this.deviceId,
      serverTime: new Date().toISOString(),
      lastMutation: this.lastMutation,
      config: { version: this.configVersion, documentTypes: [...DEFAULT_DOCUMENT_TYPES] },
    };
  }

  private pull(body: unknown) {
    const req = PullRequestSchema.parse(body);
    if (req.catalogCursor > this.seq) throw new ShelfsyncError('SYNC_CURSOR_INVALID');
    if (req.catalogCursor > 0 && req.catalogCursor < this.compactedBelow)
      throw new ShelfsyncError('SYNC_MUST_REFETCH');
    const after = [...this.log.values()]
      .filter((c) => c.seq > req.catalogCursor)
      .sort((a, b) => a.seq - b.seq);
    const changes = after.slice(0, req.limit);
    const hasMore = after.length > changes.length;
    const docs = [...this.documents.values()]
      .filter((d) => d.rev > req.docCursor)
      .sort((a, b) => a.rev - b.rev);
    const items = docs.slice(0, this.docPageSize);
    this.pulls.push([req.catalogCursor, req.docCursor]);
    return {
      catalog: {
        changes,
        cursor: changes[changes.length - 1]?.seq ?? Math.max(req.catalogCursor, this.seq),
        hasMore,
        ...(hasMore ? {} : { checksums: this.checksums() }),
      },
      documents: {
        items,
        revoked: [],
        cursor: items[items.length - 1]?.rev ?? req.docCursor,
        hasMore: docs.length > items.length,
      },
      serverTime: new Date().toISOString(),
    };
  }

  private push(body: unknown) {
    const { mutations } = PushRequestSchema.parse(body);
    const first = mutations[0];
    if (first && first.n > this.lastMutation + 1) {
      throw new ShelfsyncError('SYNC_MUTATION_GAP', undefined, { expected: this.lastMutation + 1 });
    }
    const results: MutationResult[] = [];
    for (const m of mutations) {
      const before = this.outcomes.get(m.n);
      if (before) {
        results.push({ n: m.n, status: 'duplicate', original: before });
        continue;
      }
      if (this.stopBefore !== undefined && m.n >= this.stopBefore) break;
      const refusal = this.reject(m);
      this.outcomes.set(m.n, refusal ? 'rejected' : 'applied');
      this.lastMutation = m.n;
      if (refusal) results.push({ n: m.n, status: 'rejected', error: refusal });
      else {
        this.applied.push(m);
        results.push({ n: m.n, status: 'applied' });
      }
    }
    return { results, lastMutation: this.lastMutation };
  }
}

function countDown(map: Map<string, number>, path: string): boolean {
  const left = map.get(path) ?? 0;
  if (left <= 0) return false;
  map.set(path, left - 1);
  return true;
}

function json(status: number, body: unknown): FetchResponseLike {
  const text = JSON.stringify(body);
  return { ok: status >= 200 && status < 300, status, text: async () => text };
}
