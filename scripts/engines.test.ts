// Every installed package must run on the oldest Node the project supports: a package that asks for
// a newer Node makes `npm ci` warn EBADENGINE on the machine we promise to run on, and may use APIs
// that machine lacks. Overrides in the root manifest pin such packages to versions that do run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean; os?: string[] }>;
};

describe('engines', () => {
  const oldest = semver.minVersion(manifest.engines.node);

  it('the root manifest names a minimum Node version', () => {
    expect(oldest?.major).toBeGreaterThanOrEqual(20);
  });

  it('no locked package requires a Node newer than the oldest one supported', () => {
    const refused: string[] = [];
    for (const [where, pkg] of Object.entries(lock.packages)) {
      const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
      if (where === '' || range === undefined || oldest === null) continue;
      if (!semver.satisfies(oldest, range, { includePrerelease: true }))
        refused.push(`${where}: node ${range}`);
    }
    expect(refused).toEqual([]);
  });
});
