// The import rules `npm run lint` enforces (scripts/check-imports.ts), as pure functions over the
// workspace manifests, so the package.json files are the one statement of who may import whom.
import { posix } from 'node:path';

export interface Workspace {
  /** The package name; the repository root (scripts, configuration) is a workspace too. */
  name: string;
  /** Its folder relative to the repository root, '' for the root. */
  dir: string;
  dependencies: readonly string[];
  devDependencies: readonly string[];
  /** Its `exports`: subpath ('.', './testing', …) → file in the package ('./src/index.ts'). */
  exports: Readonly<Record<string, string>>;
}

export interface Problem {
  /** Path relative to the repository root (package.json for a manifest). */
  file: string;
  message: string;
}

/**
 * Bottom first: a workspace may list packages of its own layer or a lower one, never a higher one
 * (docs/architecture.md, "Packages"). A new package takes its place here.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['@shelfsync/protocol'],
  ['@shelfsync/barcode', '@shelfsync/domain'],
  [
    '@shelfsync/bundle',
    '@shelfsync/formats',
    '@shelfsync/print',
    '@shelfsync/store',
    '@shelfsync/terminal-core',
    '@shelfsync/terminal-node',
  ],
  ['@shelfsync/server', '@shelfsync/cli', '@shelfsync/terminal'],
  ['shelfsync'],
];

const layerOf = (name: string): number => LAYERS.findIndex((layer) => layer.includes(name));

/** Manifests point down the layers and form no cycle, counting devDependencies too. */
export function checkManifests(workspaces: readonly Workspace[]): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  for (const w of workspaces) {
    const file = posix.join(w.dir, 'package.json');
    if (layerOf(w.name) < 0) problems.push({ file, message: `${w.name} has no layer in LAYERS` });
    for (const dep of [...w.dependencies, ...w.devDependencies]) {
      if (!byName.has(dep)) continue;
      if (layerOf(dep) > layerOf(w.name))
        problems.push({ file, message: `${w.name} lists ${dep}, which sits in a higher layer` });
    }
  }
  const cycle = findCycle(workspaces, byName);
  if (cycle)
    problems.push({ file: 'package.json', message: `the manifests form a cycle: ${cycle.join(' → ')}` });
  return problems;
}

function findCycle(workspaces: readonly Workspace[], byName: Map<string, Workspace>): string[] | undefined {
  const done = new Set<string>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (path.includes(name)) return [...path.slice(path.indexOf(name)), name];
    if (done.has(name)) return undefined;
    const w = byName.get(name);
    for (const dep of w ? [...w.dependencies, ...w.devDependencies] : []) {
      if (!byName.has(dep)) continue;
      const cycle = visit(dep, [...path, name]);
      if (cycle) return cycle;
    }
    done.add(name);
    return undefined;
  };
  for (const w of workspaces) {
    const cycle = visit(w.name, []);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The workspace a repository path belongs to: the deepest workspace folder holding it. */
export function ownerOf(path: string, workspaces: readonly Workspace[]): Workspace | undefined {
  let owner: Workspace | undefined;
  for (const w of workspaces) {
    const inside = w.dir === '' || path === w.dir || path.startsWith(`${w.dir}/`);
    if (inside && (owner === undefined || w.dir.length > owner.dir.length)) owner = w;
  }
  return owner;
}

const within = (path: string, w: Workspace): string => (w.dir === '' ? path : path.slice(w.dir.length + 1));

/** Tests and what only tests use: `*.test.ts`, and anything under a `testing/` or `test/` folder. */
export function isTestSupport(pathInWorkspace: string): boolean {
  const parts = pathInWorkspace.split('/');
  return (
    /\.test\.[cm]?[jt]sx?$/.test(parts.at(-1) ?? '') ||
    parts.slice(0, -1).some((p) => p === 'testing' || p === 'test')
  );
}

/** What ships: a package's src/ (and an app's sw/ and bin/) less its tests and test support. */
export function isProductFile(path: string, owner: Workspace): boolean {
  if (owner.dir === '') return false;
  const inner = within(path, owner);
  return /^(src|sw|bin)\//.test(inner) && !isTestSupport(inner);
}

/** The problems with one file's imports; `specifiers` are the module names it imports. */
export function checkImports(
  path: string,
  specifiers: readonly string[],
  workspaces: readonly Workspace[],
): Problem[] {
  const owner = ownerOf(path, workspaces);
  if (!owner) return [];
  const product = isProductFile(path, owner);
  const problems: string[] = [];
  for (const specifier of specifiers) {
    if (specifier.startsWith('./') || specifier.startsWith('../'))
      problems.push(...relativeImport(path, specifier, owner, product, workspaces));
    else problems.push(...packageImport(specifier, owner, product, workspaces));
  }
  return [...new Set(problems)].map((message) => ({ file: path, message }));
}

function relativeImport(
  path: string,
  specifier: string,
  owner: Workspace,
  product: boolean,
  workspaces: readonly Workspace[],
): string[] {
  const target = posix.normalize(posix.join(posix.dirname(path), specifier));
  const targetOwner = target.startsWith('../') ? undefined : ownerOf(target, workspaces);
  if (targetOwner !== owner) {
    const through = targetOwner ? `; import ${targetOwner.name} through an entry point` : '';
    return [`${specifier} leaves ${owner.name}${through}`];
  }
  if (product && isTestSupport(within(target, owner)))
    return [`product code imports test support ${specifier}`];
  return [];
}

function packageImport(
  specifier: string,
  owner: Workspace,
  product: boolean,
  workspaces: readonly Workspace[],
): string[] {
  const target = workspaces.find((w) => specifier === w.name || specifier.startsWith(`${w.name}/`));
  if (!target) {
    const scoped = workspaces.some(
      (w) => w.name.startsWith('@') && specifier.startsWith(`${w.name.split('/')[0]}/`),
    );
    return scoped ? [`${specifier}: no such workspace package`] : [];
  }
  const subpath = specifier === target.name ? '.' : `.${specifier.slice(target.name.length)}`;
  const problems: string[] = [];
  if (target !== owner) {
    if (product && !owner.dependencies.includes(target.name)) {
      const onlyDev = owner.devDependencies.includes(target.name);
      problems.push(
        `${target.name} is not in ${owner.name}'s dependencies${onlyDev ? ' (only in devDependencies)' : ''}`,
      );
    } else if (!product && ![...owner.dependencies, ...owner.devDependencies].includes(target.name)) {
      problems.push(`${target.name} is in neither dependencies nor devDependencies of ${owner.name}`);
    }
  }
  const file = target.exports[subpath];
  if (file === undefined) problems.push(`${specifier} is not an entry point of ${target.name}`);
  else if (product && (subpath.split('/').includes('testing') || isTestSupport(posix.normalize(file))))
    problems.push(`product code imports test support ${specifier}`);
  return problems;
}
