// What each kind of bundle carries: the same device API messages as HTTP, one per NDJSON line, checked
// against the protocol schemas when read (a bundle is a trust boundary like an HTTP body).
import {
  DeviceLogEntrySchema,
  describeIssues,
  ErrorBodySchema,
  HelloRequestSchema,
  HelloResponseSchema,
  MutationSchema,
  OperatorRequestSchema,
  OperatorResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  ShelfsyncError,
} from '@shelfsync/protocol';
import { z } from 'zod';
import type { BundleManifest } from './bundle-manifest.js';

/** One pull as it happened on the base: the cursors asked for, then the page or the error. */
export const RecordedPullSchema = z.object({
  request: z.object({
    catalogCursor: z.number().int().nonnegative(),
    docCursor: z.number().int().nonnegative(),
  }),
  response: PullResponseSchema.optional(),
  error: ErrorBodySchema.shape.error.optional(),
});
export type RecordedPull = z.infer<typeof RecordedPullSchema>;

export const EnrollmentGrantSchema = z.object({
  deviceId: z.string(),
  token: z.string(),
  baseId: z.string(),
  baseName: z.string().optional(),
  /** The base's public key: the terminal pins it and trusts only bundles it signed. */
  baseKey: z.string(),
  /** The terminal's own signing key pair, made by the base, which keeps only the public half. */
  deviceKey: z.object({ publicKey: z.string(), privateKey: z.string() }),
});
export type EnrollmentGrant = z.infer<typeof EnrollmentGrantSchema>;

export const TO_BASE_PARTS = {
  hello: HelloRequestSchema,
  mutations: MutationSchema,
  logs: DeviceLogEntrySchema,
  /** The operator signed in, while the base has not acknowledged it (`POST /operator`); optional. */
  operator: OperatorRequestSchema,
} as const;

export const TO_TERMINAL_PARTS = {
  hello: HelloResponseSchema,
  push: PushResponseSchema,
  pull: RecordedPullSchema,
  /** The operator the base recorded from the to-base bundle, before its pulls; optional. */
  operator: OperatorResponseSchema,
} as const;

/**
 * Parts added after format 1 shipped. A bundle from an older writer lacks them and reads as if they
 * were empty; an older reader skips them (it checks only the parts it knows), so no format bump.
 */
const OPTIONAL_PARTS: ReadonlySet<string> = new Set(['operator']);

export const ENROLLMENT_PARTS = { enrollment: EnrollmentGrantSchema } as const;

type Parsed<P extends Record<string, z.ZodType>> = { [K in keyof P]: z.output<P[K]>[] };

/** Checks every line of every expected part; a missing part or a bad line is BUNDLE_MALFORMED. */
export function parseParts<P extends Record<string, z.ZodType>>(
  parts: Map<string, unknown[]>,
  schemas: P,
): Parsed<P> {
  const out: Record<string, unknown[]> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const lines = parts.get(name) ?? (OPTIONAL_PARTS.has(name) ? [] : undefined);
    if (lines === undefined) throw badPart(name, 'is missing');
    out[name] = lines.map((line, i) => {
      const parsed = schema.safeParse(line);
      if (!parsed.success) throw badPart(name, `line ${i + 1} is not valid`, describeIssues(parsed.error));
      return parsed.data;
    });
  }
  return out as Parsed<P>;
}

function badPart(name: string, why: string, issues?: unknown): ShelfsyncError {
  return new ShelfsyncError(
    'BUNDLE_MALFORMED',
    `This file is not a usable Shelfsync bundle: its part ${name} ${why}.`,
    issues === undefined ? { part: name } : { part: name, issues },
  );
}

export const BUNDLE_EXTENSION = '.ssb';

/** `<deviceId>-<sequence>.to-base.ssb`, `…to-terminal.ssb`, `<deviceId>-enroll.to-terminal.ssb`. */
export function bundleFileName(
  manifest: Pick<BundleManifest, 'deviceId' | 'direction' | 'sequence' | 'kind'>,
): string {
  const n = manifest.kind === 'enrollment' ? 'enroll' : String(manifest.sequence).padStart(6, '0');
  return `${manifest.deviceId}-${n}.${manifest.direction}${BUNDLE_EXTENSION}`;
}

/** The device id and direction a bundle file name announces (the relay routes by name alone). */
export function parseBundleFileName(
  name: string,
): { deviceId: string; direction: BundleManifest['direction']; enrollment: boolean } | undefined {
  const m = /^([A-Za-z0-9_-]+?)-(\d{6,}|enroll)\.(to-base|to-terminal)\.ssb$/.exec(name);
  if (!m) return undefined;
  return {
    deviceId: m[1] ?? '',
    direction: m[3] as BundleManifest['direction'],
    enrollment: m[2] === 'enroll',
  };
}
