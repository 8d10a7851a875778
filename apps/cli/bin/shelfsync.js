#!/usr/bin/env node
// Runs the compiled CLI (apps/cli/dist, made by `npm run build:cli`, which `npm start` and `npm test`
// run first) while every source file it was built from is unchanged; otherwise, or with
// SHELFSYNC_CLI_SOURCE=1, the TypeScript sources through tsx's loader, so `npx shelfsync` works right
// after `npm ci` and an edit is never run stale.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../../../', import.meta.url);
const dist = new URL('../dist/', import.meta.url);

/** The bundle's file name when it is current, undefined when it is missing or stale. */
function currentBundle() {
  if (process.env.SHELFSYNC_CLI_SOURCE === '1') return undefined;
  let list;
  try {
    list = JSON.parse(readFileSync(new URL('cli-inputs.json', dist), 'utf8'));
  } catch {
    return undefined;
  }
  for (const { file, size, mtimeMs } of list.inputs) {
    const st = statSync(new URL(file, root), { throwIfNoEntry: false });
    if (st === undefined || st.size !== size || st.mtimeMs !== mtimeMs) return undefined;
  }
  return list.entry;
}

const bundle = currentBundle();
if (bundle !== undefined) {
  await import(new URL(bundle, dist).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
