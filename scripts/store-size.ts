// The size of the store's production code at a commit (issue 12: "the store's production code
// shrinks by at least a third"). `node --import tsx scripts/store-size.ts [COMMIT…]` (default HEAD)
// prints, per commit, the lines of the store's production files and those lines less blank and
// comment-only ones (`//`, and `/*`…`*/` blocks). Production files are those reachable through
// relative imports from the package's main entry (`packages/store/src/index.ts`), so tests, the
// contract suite and test databases never count, wherever a commit kept them. Everything is read
// with `git ls-tree`/`git show`, so the figures do not depend on the working tree.
import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';

const ROOT = 'packages/store/src';
const ENTRY = `${ROOT}/index.ts`;

const git = (...args: string[]): string =>
  execFileSync('git', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Lines, and lines holding code, of one file's text. */
export function measure(text: string): { lines: number; code: number } {
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  let code = 0;
  let inBlock = false;
  for (const raw of all) {
    const line = raw.trim();
    if (inBlock) {
      if (line.includes('*/')) inBlock = false;
      continue;
    }
    if (line === '' || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      inBlock = !line.includes('*/');
      continue;
    }
    code++;
  }
  return { lines: all.length, code };
}

/** Relative module specifiers a file imports or re-exports (`from '…'`, `import('…')`). */
function relativeImports(text: string): string[] {
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)];
  return specs.map((m) => m[1]!);
}

export function storeSize(commit: string): { files: number; lines: number; code: number } {
  const present = new Set(git('ls-tree', '-r', '--name-only', commit, ROOT).split('\n'));
  const seen = new Set<string>();
  const total = { files: 0, lines: 0, code: 0 };
  const queue = [ENTRY];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    const text = git('show', `${commit}:${path}`);
    const { lines, code } = measure(text);
    total.files++;
    total.lines += lines;
    total.code += code;
    for (const spec of relativeImports(text)) {
      const target = posix.join(posix.dirname(path), spec).replace(/\.js$/, '.ts');
      if (present.has(target)) queue.push(target);
    }
  }
  return total;
}

const commits = process.argv.slice(2);
for (const commit of commits.length > 0 ? commits : ['HEAD']) {
  const { files, lines, code } = storeSize(commit);
  console.log(`${commit}\t${files} files\t${lines} lines\t${code} code lines (no blank or comment lines)`);
}
