// `npm run lint` runs this: every import in the repository against the package.json manifests
// (scripts/import-rules.ts says what is checked). Prints each problem and fails when there is one.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { checkImports, checkManifests, type Problem, type Workspace } from './import-rules.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', 'docs']);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

interface Manifest {
  name: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  exports?: string | Record<string, unknown>;
}

function workspace(dir: string): Workspace {
  const m = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;
  // A conditional entry ({ import, require, … }) counts as a file that is not test support.
  const exports = Object.fromEntries(
    Object.entries(typeof m.exports === 'string' ? { '.': m.exports } : (m.exports ?? {})).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : '',
    ]),
  );
  const dependencies = Object.keys(m.dependencies ?? {});
  return { name: m.name, dir, dependencies, devDependencies: Object.keys(m.devDependencies ?? {}), exports };
}

/** The root and every folder its `workspaces` globs name (only the `folder/*` form is used here). */
function workspaces(): Workspace[] {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const dirs = (root.workspaces ?? []).flatMap((glob) => {
    const parent = glob.replace(/\/\*$/, '');
    return readdirSync(join(ROOT, parent), { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => posix.join(parent, e.name));
  });
  return [workspace(''), ...dirs.map(workspace)];
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

/** Module names a file imports: static and dynamic imports, re-exports, require(). */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

const all = workspaces();
const problems: Problem[] = [...checkManifests(all)];
for (const file of sourceFiles(ROOT)) {
  const path = relative(ROOT, file).split(sep).join('/');
  problems.push(...checkImports(path, specifiers(readFileSync(file, 'utf8')), all));
}
for (const p of problems) console.error(`${p.file}: ${p.message}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} import problem(s): see scripts/import-rules.ts`);
  process.exit(1);
}
console.log(`imports: ${all.length} manifests, every import runs the way they say`);
