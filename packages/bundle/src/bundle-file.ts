// The bundle container: one file, readable with a text editor up to its parts.
//   SHELFSYNC-BUNDLE/1\n
//   {"manifest":{…},"signature":"<Ed25519, base64url>"}\n
//   part 1 bytes, part 2 bytes, … (each gzip'ed NDJSON, sizes and SHA-256 in the manifest)
// Reading checks, in order: the magic line, the header, the length (a cut copy), who it is for, the
// signature, then each part's SHA-256; nothing is handed back before all of them pass.
import { canonicalJson, describeIssues, ShelfsyncError } from '@shelfsync/protocol';
import type { z } from 'zod';
import type { BundleCrypto, BundleKeyPair } from './bundle-crypto.js';
import {
  BUNDLE_FORMAT_VERSION,
  type BundleManifest,
  type BundleManifestDraft,
  BundleManifestSchema,
  type BundlePartInfo,
} from './bundle-manifest.js';
import { fromUtf8, utf8 } from './text-codec.js';

export const BUNDLE_MAGIC = 'SHELFSYNC-BUNDLE/1\n';
const MAX_HEADER_BYTES = 1 << 20;

export interface BundlePart {
  name: string;
  lines: readonly unknown[];
}

export async function writeBundle(
  draft: BundleManifestDraft,
  parts: readonly BundlePart[],
  key: BundleKeyPair,
  crypto: BundleCrypto,
): Promise<Uint8Array> {
  const packed: Uint8Array[] = [];
  const infos: BundlePartInfo[] = [];
  for (const part of parts) {
    const ndjson = part.lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    const bytes = await crypto.gzip(utf8(ndjson));
    packed.push(bytes);
    infos.push({
      name: part.name,
      sha256: await crypto.sha256Hex(bytes),
      bytes: bytes.length,
      lines: part.lines.length,
    });
  }
  const counts = { ...Object.fromEntries(parts.map((p) => [p.name, p.lines.length])), ...draft.counts };
  const manifest: BundleManifest = { ...draft, formatVersion: BUNDLE_FORMAT_VERSION, counts, parts: infos };
  const signature = await crypto.sign(key, utf8(canonicalJson(manifest)));
  const head = utf8(`${BUNDLE_MAGIC}${JSON.stringify({ manifest, signature })}\n`);
  return concat([head, ...packed]);
}

export interface ReadBundleOptions {
  /** Refuses (BUNDLE_FOREIGN) a bundle not meant for this reader. */
  expect: { direction: BundleManifest['direction']; baseId?: string; deviceId?: string };
  /** The public key that must have signed it; undefined refuses the bundle. */
  keyFor(manifest: BundleManifest): Promise<string | undefined>;
}

export interface ReadBundle {
  manifest: BundleManifest;
  /** Each part's NDJSON lines, parsed as JSON (not yet checked against a schema). */
  parts: Map<string, unknown[]>;
}

export async function readBundle(
  file: Uint8Array,
  crypto: BundleCrypto,
  opts: ReadBundleOptions,
): Promise<ReadBundle> {
  const { raw, signature, bodyStart } = readHeader(file);
  const manifest = parseManifest(raw);
  const expected = bodyStart + manifest.parts.reduce((n, p) => n + p.bytes, 0);
  if (file.length !== expected) {
    throw malformed(`it holds ${file.length} bytes where its manifest announces ${expected}`);
  }
  checkAddressee(manifest, opts.expect);
  const key = await opts.keyFor(manifest);
  if (key === undefined || !(await crypto.verify(key, utf8(canonicalJson(raw)), signature))) {
    throw new ShelfsyncError('BUNDLE_SIGNATURE_INVALID', undefined, {
      baseId: manifest.baseId,
      deviceId: manifest.deviceId,
    });
  }
  return { manifest, parts: await unpackParts(file, bodyStart, manifest, crypto) };
}

function readHeader(file: Uint8Array): { raw: unknown; signature: string; bodyStart: number } {
  const magic = utf8(BUNDLE_MAGIC);
  if (file.length < magic.length || magic.some((b, i) => file[i] !== b)) {
    throw malformed('it does not start with the Shelfsync bundle signature line');
  }
  const end = file.indexOf(0x0a, magic.length);
  if (end < 0 || end - magic.length > MAX_HEADER_BYTES) throw malformed('its header line is cut or too long');
  let header: unknown;
  try {
    header = JSON.parse(fromUtf8(file.subarray(magic.length, end)));
  } catch {
    throw malformed('its header is not readable JSON');
  }
  const h = header as { manifest?: unknown; signature?: unknown } | null;
  if (typeof h !== 'object' || h === null || typeof h.signature !== 'string' || h.manifest === undefined) {
    throw malformed('its header has no manifest or signature');
  }
  return { raw: h.manifest, signature: h.signature, bodyStart: end + 1 };
}

function parseManifest(raw: unknown): BundleManifest {
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > BUNDLE_FORMAT_VERSION) {
    throw new ShelfsyncError('BUNDLE_UNSUPPORTED', undefined, { formatVersion: version });
  }
  const parsed = BundleManifestSchema.safeParse(raw);
  if (!parsed.success) throw malformed('its manifest is not valid', parsed.error);
  return parsed.data;
}

function checkAddressee(manifest: BundleManifest, expect: ReadBundleOptions['expect']): void {
  const wrong =
    manifest.direction !== expect.direction ||
    (expect.baseId !== undefined && manifest.baseId !== expect.baseId) ||
    (expect.deviceId !== undefined && manifest.deviceId !== expect.deviceId);
  if (!wrong) return;
  throw new ShelfsyncError(
    'BUNDLE_FOREIGN',
    `The bundle is for ${manifest.direction === 'to-base' ? 'a base' : 'a terminal'} ` +
      `(base ${manifest.baseId}, terminal ${manifest.deviceId}), not for this one. Nothing was imported.`,
    {
      bundle: { baseId: manifest.baseId, deviceId: manifest.deviceId, direction: manifest.direction },
      expected: expect,
    },
  );
}

async function unpackParts(
  file: Uint8Array,
  start: number,
  manifest: BundleManifest,
  crypto: BundleCrypto,
): Promise<Map<string, unknown[]>> {
  const parts = new Map<string, unknown[]>();
  let offset = start;
  for (const info of manifest.parts) {
    const bytes = file.subarray(offset, offset + info.bytes);
    offset += info.bytes;
    if ((await crypto.sha256Hex(bytes)) !== info.sha256) {
      throw new ShelfsyncError('BUNDLE_CORRUPT', undefined, { part: info.name });
    }
    let lines: unknown[];
    try {
      const text = fromUtf8(await crypto.gunzip(bytes));
      lines =
        text === ''
          ? []
          : text
              .replace(/\n$/, '')
              .split('\n')
              .map((l) => JSON.parse(l) as unknown);
    } catch {
      throw malformed(`its part ${info.name} cannot be unpacked`);
    }
    if (lines.length !== info.lines) throw malformed(`its part ${info.name} has a wrong number of lines`);
    parts.set(info.name, lines);
  }
  return parts;
}

function malformed(why: string, error?: z.ZodError): ShelfsyncError {
  return new ShelfsyncError(
    'BUNDLE_MALFORMED',
    `This file is not a usable Shelfsync bundle: ${why}. Copy it again.`,
    error ? { issues: describeIssues(error) } : { reason: why },
  );
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
