// `shelfsync import --server`: sends an exchange file to a running base through its REST API —
// catalogs streamed as NDJSON into PUT /api/v1/catalog/<table>, documents posted in one request.
import type { Product } from '@shelfsync/protocol';
import { errorFromBody, ShelfsyncError } from '@shelfsync/protocol';
import {
  addCounts,
  type CatalogSink,
  csvProductRows,
  emptySummary,
  fileBytes,
  type ImportSummary,
  importCommerceMl,
  inputKind,
  readDocuments,
} from '@shelfsync/server';

interface Api {
  url: string;
  key: string;
}

async function call(api: Api, method: string, p: string, init: RequestInit = {}): Promise<Response> {
  const headers = { authorization: `Bearer ${api.key}`, ...(init.headers as Record<string, string>) };
  return fetch(`${api.url.replace(/\/$/, '')}/api/v1${p}`, { ...init, method, headers });
}

async function expectOk<T>(res: Response): Promise<T> {
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : {};
  if (!res.ok) throw errorFromBody(body, 'INTERNAL');
  return body as T;
}

/** Streams `body` as the request body; an error thrown while producing it wins over fetch's own. */
async function upload<T>(api: Api, p: string, type: string, body: AsyncIterable<Uint8Array>): Promise<T> {
  let sourceError: unknown;
  async function* guarded() {
    try {
      yield* body;
    } catch (e) {
      sourceError = e;
      throw e;
    }
  }
  try {
    const res = await call(api, 'PUT', p, {
      headers: { 'content-type': type },
      body: ReadableStream.from(guarded()),
      duplex: 'half',
    } as RequestInit);
    return await expectOk<T>(res);
  } catch (e) {
    throw sourceError ?? e;
  }
}

async function* ndjson(rows: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let batch = '';
  for await (const row of rows) {
    batch += `${JSON.stringify(row)}\n`;
    if (batch.length > 64 * 1024) {
      yield encoder.encode(batch);
      batch = '';
    }
  }
  if (batch) yield encoder.encode(batch);
}

type Counts = { created: number; updated: number; unchanged: number; deleted: number };

function restSink(api: Api): CatalogSink {
  return {
    upsertProducts: (rows) => upload<Counts>(api, '/catalog/products', 'application/x-ndjson', ndjson(rows)),
    upsertWarehouses: async (rows) => {
      await upload(api, '/catalog/warehouses', 'application/x-ndjson', ndjson(rows));
    },
    getProduct: async (id) => {
      const res = await call(api, 'GET', `/catalog/products/${encodeURIComponent(id)}`);
      if (res.status === 404) return undefined;
      return expectOk<Product>(res);
    },
    deleteProduct: async (id) => {
      const res = await call(api, 'DELETE', `/catalog/products/${encodeURIComponent(id)}`);
      if (res.status === 404) return false;
      if (!res.ok) await expectOk(res);
      return true;
    },
    putDocuments: async (docs) => {
      const res = await call(api, 'POST', '/documents', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(docs),
      });
      const put = await expectOk<{ created: number; replaced: number }>(res);
      return put.created + put.replaced;
    },
  };
}

export async function importOverRest(
  file: string,
  name: string,
  api: Api,
  onProgress?: (bytes: number) => void,
): Promise<ImportSummary> {
  const kind = inputKind(name);
  const source = fileBytes(file, onProgress);
  const sink = restSink(api);
  if (kind.kind === 'commerceml') return importCommerceMl(source, { sink, reopen: () => fileBytes(file) });
  const summary = emptySummary();
  if (kind.kind === 'documents') {
    summary.documents = await sink.putDocuments(await readDocuments(source, kind.format));
    return summary;
  }
  const p = `/catalog/${kind.table}?mode=merge`;
  const counts =
    kind.format === 'csv'
      ? await upload<Counts>(api, p, 'application/x-ndjson', ndjson(csvProductRows(source, summary)))
      : await upload<Counts>(
          api,
          p,
          kind.format === 'ndjson' ? 'application/x-ndjson' : 'application/json',
          source,
        );
  addCounts(summary, counts);
  return summary;
}

export function requireServerKey(key: string | undefined): string {
  const found = key ?? process.env['SHELFSYNC_API_KEY'];
  if (!found) throw new ShelfsyncError('CLI_USAGE', '--server needs --key (or SHELFSYNC_API_KEY).');
  return found;
}
