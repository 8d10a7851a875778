// Builds the terminal PWA into dist/: the app, then the service worker with the list of files to
// precache (every built file but WebAssembly, so the app starts offline), the WebAssembly it caches
// on first use instead, and a version that changes with any of them.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, transformWithOxc } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
const outDir = join(root, 'dist');
const serverUrl = process.env.SHELFSYNC_SERVER ?? 'http://localhost:8750';

/** The version this build reports at hello: SHELFSYNC_APP_VERSION, else the package version. */
async function appVersion(): Promise<string> {
  if (process.env.SHELFSYNC_APP_VERSION) return process.env.SHELFSYNC_APP_VERSION;
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Writes the version into index.html, where src/app/app-version.ts reads it. */
function versionMeta(): Plugin {
  return {
    name: 'shelfsync-version-meta',
    async transformIndexHtml(html) {
      const version = await appVersion();
      return html.replace(
        /<meta name="shelfsync-version" content="[^"]*" \/>/,
        `<meta name="shelfsync-version" content="${version}" />`,
      );
    },
  };
}

/** Paths relative to `dir`, with forward slashes. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

function serviceWorker(): Plugin {
  // Only what this build wrote is precached (dist/ may also hold tsc's declaration output).
  let built: string[] = [];
  return {
    name: 'shelfsync-service-worker',
    apply: 'build',
    writeBundle(_options, bundle) {
      built = Object.keys(bundle);
    },
    async closeBundle() {
      if (built.length === 0) return; // the build failed; its own error is reported
      const all = [...new Set([...built, ...(await listFiles(join(root, 'public')))])]
        .filter((f) => f !== 'sw.js' && !f.startsWith('.'))
        .sort();
      // WebAssembly (the camera fallback's ZXing, ~1 MB) is cached when first fetched, not installed.
      const onFirstUse = all.filter((f) => f.endsWith('.wasm'));
      const files = all.filter((f) => !onFirstUse.includes(f));
      const hash = createHash('sha256');
      for (const f of all) hash.update(f).update(await readFile(join(outDir, f)));
      const precache = {
        version: hash.digest('hex').slice(0, 16),
        // Relative to the worker's scope: / for the base's own build, /app/<version>/ for a hosted one.
        files: ['./', ...files],
        onFirstUse,
      };
      const source = await readFile(join(root, 'sw', 'service-worker.ts'), 'utf8');
      const { code } = await transformWithOxc(source, 'service-worker.ts', { lang: 'ts' });
      const script = `const __PRECACHE__ = ${JSON.stringify(precache)};\n${code.replace(/^export \{\};?\s*$/m, '')}`;
      await writeFile(join(outDir, 'sw.js'), script);
    },
  };
}

export default defineConfig({
  root,
  // Relative URLs, so the same build works at / and where a base hosts a version (/app/<version>/).
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir,
    emptyOutDir: true,
    // Handheld terminals often run an older Android WebView.
    target: 'es2020',
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/device': serverUrl, '/api': serverUrl },
  },
  plugins: [versionMeta(), serviceWorker()],
});
