// `npm run build:cli`: compiles the `shelfsync` command (and the server it runs) into plain
// JavaScript in apps/cli/dist, so a command starts without transpiling TypeScript at every call.
// The workspace packages are bundled in; everything from node_modules stays an import (native
// modules, and libraries that read their own files). Each top-level command stays its own chunk, as
// `program.ts` loads them lazily. Beside the bundle, `cli-inputs.json` lists every source file with
// its size and time: `bin/shelfsync.js` runs the bundle only while they all still match, and the
// TypeScript sources otherwise, so an edit is never run stale.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'apps/cli/dist');

/** Every package name that is not ours, from all the manifests: these stay imports. */
function externalPackages(): string[] {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { link?: boolean }>;
  };
  const names = new Set<string>();
  for (const [where, entry] of Object.entries(lock.packages)) {
    const at = where.lastIndexOf('node_modules/');
    if (at < 0 || entry.link) continue;
    names.add(where.slice(at + 'node_modules/'.length));
  }
  return [...names].flatMap((name) => [name, `${name}/*`]);
}

// Chunks of an earlier build have other hashes: remove them, and the input list first, so an
// interrupted build leaves no list that vouches for a half-written bundle.
mkdirSync(outdir, { recursive: true });
for (const file of readdirSync(outdir)) {
  if (file.startsWith('shelfsync') || file === 'cli-inputs.json') rmSync(path.join(outdir, file));
}
const result = await build({
  absWorkingDir: root,
  entryPoints: { shelfsync: 'apps/cli/src/main.ts' },
  // The server finds the terminal app as ../../terminal/dist from its module: a bundle file in
  // apps/cli/dist sits at the same depth as apps/server/src, so that path holds (a test checks it).
  outdir,
  entryNames: '[name]',
  chunkNames: 'shelfsync-[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  external: externalPackages(),
  metafile: true,
  logLevel: 'warning',
});

const inputs = Object.keys(result.metafile.inputs)
  .filter((file) => !file.includes('node_modules/'))
  .sort()
  .map((file) => {
    const st = statSync(path.join(root, file));
    return { file, size: st.size, mtimeMs: st.mtimeMs };
  });
writeFileSync(
  path.join(outdir, 'cli-inputs.json'),
  `${JSON.stringify({ entry: 'shelfsync.mjs', inputs })}\n`,
);
console.log(`build:cli: ${inputs.length} source files → apps/cli/dist/shelfsync.mjs`);
