import { describe, expect, test } from 'vitest';
import { checkImports, checkManifests, isProductFile, type Workspace } from './import-rules.js';

const ws = (
  name: string,
  dir: string,
  deps: string[] = [],
  dev: string[] = [],
  exports: Record<string, string> = { '.': './src/index.ts' },
): Workspace => ({
  name,
  dir,
  dependencies: deps,
  devDependencies: dev,
  exports,
});

const protocol = ws('@shelfsync/protocol', 'packages/protocol');
const domain = ws('@shelfsync/domain', 'packages/domain', ['@shelfsync/protocol']);
const core = ws(
  '@shelfsync/terminal-core',
  'packages/terminal-core',
  ['@shelfsync/protocol', '@shelfsync/domain'],
  [],
  { '.': './src/index.ts', './testing': './src/testing/index.ts', './contract': './src/testing/contract.ts' },
);
const server = ws('@shelfsync/server', 'apps/server', ['@shelfsync/protocol'], ['@shelfsync/domain']);
const root = ws('shelfsync', '', [], ['@shelfsync/protocol']);
const repo = [root, protocol, domain, core, server];

const messages = (path: string, specifiers: string[]) =>
  checkImports(path, specifiers, repo).map((p) => p.message);

describe('manifests', () => {
  test('a graph that points down the layers passes', () => {
    expect(checkManifests(repo)).toEqual([]);
  });

  test('a package listing one from a higher layer fails', () => {
    const upward = ws('@shelfsync/protocol', 'packages/protocol', ['@shelfsync/domain']);
    expect(checkManifests([upward, domain]).map((p) => p.message)).toContainEqual(
      '@shelfsync/protocol lists @shelfsync/domain, which sits in a higher layer',
    );
  });

  test('a cycle within one layer fails, devDependencies included', () => {
    const barcode = ws('@shelfsync/barcode', 'packages/barcode', [], ['@shelfsync/domain']);
    const domainOnBarcode = ws('@shelfsync/domain', 'packages/domain', ['@shelfsync/barcode']);
    expect(checkManifests([barcode, domainOnBarcode]).map((p) => p.message)).toEqual([
      'the manifests form a cycle: @shelfsync/barcode → @shelfsync/domain → @shelfsync/barcode',
    ]);
  });

  test('a package with no place in the layers fails', () => {
    expect(checkManifests([ws('@shelfsync/print-queue', 'packages/print-queue')])).toEqual([
      { file: 'packages/print-queue/package.json', message: '@shelfsync/print-queue has no layer in LAYERS' },
    ]);
  });
});

describe('imports', () => {
  test('product code imports only what its manifest lists in dependencies', () => {
    expect(messages('packages/domain/src/filling.ts', ['@shelfsync/protocol', 'zod', 'node:fs'])).toEqual([]);
    expect(messages('packages/domain/src/filling.ts', ['@shelfsync/terminal-core'])).toEqual([
      "@shelfsync/terminal-core is not in @shelfsync/domain's dependencies",
    ]);
    expect(messages('apps/server/src/routes/config.ts', ['@shelfsync/domain'])).toEqual([
      "@shelfsync/domain is not in @shelfsync/server's dependencies (only in devDependencies)",
    ]);
  });

  test('tests and scripts may also import devDependencies, but nothing unlisted', () => {
    expect(messages('apps/server/src/config-file.test.ts', ['@shelfsync/domain'])).toEqual([]);
    expect(messages('scripts/gen-errors-doc.ts', ['@shelfsync/protocol'])).toEqual([]);
    expect(messages('scripts/bench/sync.bench.ts', ['@shelfsync/server'])).toEqual([
      '@shelfsync/server is in neither dependencies nor devDependencies of shelfsync',
    ]);
  });

  test('a relative import may not leave its package', () => {
    expect(messages('packages/domain/src/filling.ts', ['./quantity.js', '../package.json'])).toEqual([]);
    expect(messages('apps/server/src/auth.ts', ['../../../packages/protocol/src/errors.js'])).toEqual([
      '../../../packages/protocol/src/errors.js leaves @shelfsync/server; import @shelfsync/protocol through an entry point',
    ]);
    expect(messages('scripts/gen-gs1-table.ts', ['../packages/protocol/src/index.js'])).toEqual([
      '../packages/protocol/src/index.js leaves shelfsync; import @shelfsync/protocol through an entry point',
    ]);
  });

  test('packages are imported through the entry points their exports declare', () => {
    expect(
      messages('packages/terminal-core/src/sync-loop.test.ts', ['@shelfsync/domain/src/filling.js']),
    ).toEqual(['@shelfsync/domain/src/filling.js is not an entry point of @shelfsync/domain']);
    expect(messages('apps/server/src/auth.ts', ['@shelfsync/protocl'])).toEqual([
      '@shelfsync/protocl: no such workspace package',
    ]);
  });

  test('product code never imports test support; tests may', () => {
    expect(messages('packages/terminal-core/src/sync-loop.ts', ['./testing/manual-timers.js'])).toEqual([
      'product code imports test support ./testing/manual-timers.js',
    ]);
    expect(messages('packages/terminal-core/src/sync-loop.ts', ['./sync-loop.test.js'])).toEqual([
      'product code imports test support ./sync-loop.test.js',
    ]);
    expect(messages('packages/terminal-core/src/sync-loop.test.ts', ['./testing/manual-timers.js'])).toEqual(
      [],
    );
    expect(
      messages('packages/terminal-core/src/testing/index.ts', ['./manual-timers.js', '../platform.js']),
    ).toEqual([]);
  });

  test("product code never imports another package's testing entry", () => {
    const node = ws('@shelfsync/terminal-node', 'packages/terminal-node', ['@shelfsync/terminal-core']);
    const withNode = [...repo, node];
    const at = (path: string) => checkImports(path, ['@shelfsync/terminal-core/testing'], withNode);
    expect(at('packages/terminal-node/src/open-node-terminal.ts').map((p) => p.message)).toEqual([
      'product code imports test support @shelfsync/terminal-core/testing',
    ]);
    expect(at('packages/terminal-node/src/open-node-terminal.test.ts')).toEqual([]);
    const contract = checkImports(
      'packages/terminal-node/src/node-storage.ts',
      ['@shelfsync/terminal-core/contract'],
      withNode,
    );
    expect(contract.map((p) => p.message)).toEqual([
      'product code imports test support @shelfsync/terminal-core/contract',
    ]);
  });
});

test('product files are the ones in src/ (and sw/, bin/) that are neither tests nor test support', () => {
  const terminal = ws('@shelfsync/terminal', 'apps/terminal');
  expect(isProductFile('apps/terminal/src/app/app.tsx', terminal)).toBe(true);
  expect(isProductFile('apps/terminal/sw/sw.ts', terminal)).toBe(true);
  expect(isProductFile('apps/terminal/src/storage/idb.browser.test.ts', terminal)).toBe(false);
  expect(isProductFile('apps/terminal/src/testing/chromium.ts', terminal)).toBe(false);
  expect(isProductFile('apps/terminal/test/pwa.e2e.test.ts', terminal)).toBe(false);
  expect(isProductFile('apps/terminal/bench/runner/run-storage-bench.ts', terminal)).toBe(false);
  expect(isProductFile('scripts/check-imports.ts', root)).toBe(false);
});
