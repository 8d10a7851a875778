// Issue 14: readBundle against damaged and forged bundles (a file on a USB stick or a shared folder
// is anyone's). Property: a bundle is read only if untouched; anything else is refused with a
// BUNDLE_* code from the error table, never another exception. FUZZ_RUNS cases (default 200).
import { isErrorCode, ShelfsyncError } from '@shelfsync/protocol';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { BUNDLE_MAGIC, readBundle, writeBundle } from './bundle-file.js';
import { nodeBundleCrypto as crypto } from './node-bundle-crypto.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
let file: Uint8Array;
let publicKey: string;

beforeAll(async () => {
  const key = await crypto.generateKeyPair();
  publicKey = key.publicKey;
  file = await writeBundle(
    {
      kind: 'exchange',
      baseId: 'base-1',
      deviceId: 'dev-a',
      direction: 'to-terminal',
      sequence: 3,
      cursors: { catalog: { from: 0, to: 10 }, documents: { from: 0, to: 2 } },
      mutations: { from: 1, to: 4 },
      logsUpTo: 0,
      createdAt: '2026-11-25T10:00:00.000Z',
    },
    [
      { name: 'pull', lines: [{ a: 1 }, { b: 'ё' }] },
      { name: 'push', lines: [] },
    ],
    key,
    crypto,
  );
});

const read = (bytes: Uint8Array) =>
  readBundle(bytes, crypto, {
    expect: { direction: 'to-terminal', baseId: 'base-1', deviceId: 'dev-a' },
    keyFor: async () => publicKey,
  });

/** 'read:' and what was read (manifest and parts), or the BUNDLE_* code it was refused with. */
async function verdict(bytes: Uint8Array): Promise<string> {
  try {
    const got = await read(bytes);
    return `read:${JSON.stringify([got.manifest, [...got.parts]])}`;
  } catch (e) {
    if (!(e instanceof ShelfsyncError)) throw new Error(`uncoded ${String(e)}`, { cause: e });
    expect(e.code).toMatch(/^BUNDLE_/);
    expect(isErrorCode(e.code)).toBe(true);
    return e.code;
  }
}

let original = '';
test('the untouched bundle reads', async () => {
  original = await verdict(file);
  expect(original).toMatch(/^read:/);
});

test('a bundle with any byte changed, cut or grown is refused with a BUNDLE_* code, or reads the same', async () => {
  original ||= await verdict(file);
  const edit = fc.record({ at: fc.nat(), kind: fc.nat({ max: 2 }), byte: fc.integer({ min: 1, max: 255 }) });
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
      let bytes = file.slice();
      for (const e of edits) {
        const at = e.at % bytes.length;
        if (e.kind === 0) bytes[at] = (bytes[at] ?? 0) ^ e.byte;
        else if (e.kind === 1) bytes = bytes.slice(0, at);
        else bytes = new Uint8Array([...bytes.subarray(0, at), e.byte, ...bytes.subarray(at)]);
        if (bytes.length === 0) break;
      }
      // Whitespace inserted in the header's JSON changes no signed byte: it may read, but only as
      // the very same bundle. Anything else is refused.
      const got = await verdict(bytes);
      if (got.startsWith('read:')) expect(got).toBe(original);
      else expect(got).toMatch(/^BUNDLE_/);
    }),
    { numRuns: RUNS },
  );
});

test('forged headers after the signature line are refused with a BUNDLE_* code', async () => {
  const magic = new TextEncoder().encode(BUNDLE_MAGIC);
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary' })), async (header) => {
      const text = typeof header === 'string' ? header : JSON.stringify(header);
      const bytes = new Uint8Array([...magic, ...new TextEncoder().encode(`${text}\n`)]);
      expect(await verdict(bytes)).toMatch(/^BUNDLE_/);
    }),
    { numRuns: RUNS },
  );
});
