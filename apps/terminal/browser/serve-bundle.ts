// Bundles a browser entry with esbuild and serves it, plus SQLite-WASM's own files, on 127.0.0.1
// with the cross-origin isolation headers SharedArrayBuffer (and so the OPFS VFS) requires.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { build } from 'esbuild';

export interface BundleServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.html': 'text/html; charset=utf-8',
};

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cache-Control': 'no-store',
};

function sqliteDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@sqlite.org/sqlite-wasm/package.json')), 'sqlite-wasm', 'jswasm');
}

export interface BundleOptions {
  /** Served name (e.g. "main.js") → source file. The page "/" loads "/main.js" as a module. */
  entries: Record<string, string>;
  title: string;
  /** Module replacements, e.g. `vitest` → the in-page shim. */
  alias?: Record<string, string>;
}

export async function serveBundle({ entries, title, alias = {} }: BundleOptions): Promise<BundleServer> {
  const out = await build({
    entryPoints: Object.entries(entries).map(([out, input]) => ({
      out: out.replace(/\.js$/, ''),
      in: input,
    })),
    bundle: true,
    format: 'esm',
    target: 'chrome110',
    write: false,
    outdir: '/',
    logLevel: 'error',
    alias,
  });
  const files = new Map(out.outputFiles.map((f) => [f.path, f.contents]));
  const page = `<!doctype html><meta charset="utf-8"><title>${title}</title><script type="module" src="/main.js"></script>`;
  const sqlite = sqliteDir();
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    let body: Uint8Array | string | undefined = path === '/' ? page : files.get(path);
    if (body === undefined && path.startsWith('/sqlite/')) {
      const file = normalize(join(sqlite, path.slice('/sqlite/'.length)));
      if (file.startsWith(sqlite)) body = await readFile(file).catch(() => undefined);
    }
    if (path === '/favicon.ico') {
      res.writeHead(204, ISOLATION).end();
      return;
    }
    if (body === undefined) {
      res.writeHead(404, ISOLATION).end();
      return;
    }
    res.writeHead(200, { ...ISOLATION, 'Content-Type': TYPES[path === '/' ? '.html' : extname(path)] ?? '' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
