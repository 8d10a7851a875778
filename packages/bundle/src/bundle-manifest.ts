// The manifest at the head of every bundle: who it is from and for, what it answers, and the size and
// SHA-256 of each part. Its canonical JSON is what the Ed25519 signature covers.
import { z } from 'zod';

export const BUNDLE_FORMAT_VERSION = 1;

const cursor = z.number().int().nonnegative();
const range = z.object({ from: cursor, to: cursor });

export const BundlePartInfoSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Size of the gzip'ed part in the file. */
  bytes: z.number().int().nonnegative(),
  /** NDJSON lines in the part once unpacked. */
  lines: z.number().int().nonnegative(),
});
export type BundlePartInfo = z.infer<typeof BundlePartInfoSchema>;

export const BundleManifestSchema = z.object({
  formatVersion: z.number().int().positive(),
  /** `exchange` carries device API messages; `enrollment` makes a terminal a device of this base. */
  kind: z.enum(['exchange', 'enrollment']),
  baseId: z.string().min(1).max(100),
  deviceId: z.string().min(1).max(100),
  direction: z.enum(['to-base', 'to-terminal']),
  /** Per device and direction, 1, 2, 3…; a to-terminal bundle has the number of the one it answers. */
  sequence: z.number().int().nonnegative(),
  /** Catalog and document cursors before (`from`) and after (`to`) the exchange. */
  cursors: z.object({ catalog: range, documents: range }),
  /** Outbox mutation numbers carried (to-base) or acknowledged up to `to` (to-terminal). */
  mutations: range,
  /** Highest terminal log line carried (to-base) or stored by the base (to-terminal); 0 when none. */
  logsUpTo: cursor,
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /**
   * Enrollment bundles only: the base's public key. A terminal that is not enrolled yet verifies the
   * bundle with it and pins it (trust on first use, like the enrollment code on paper).
   */
  signerKey: z.string().optional(),
  parts: z.array(BundlePartInfoSchema).max(20),
  createdAt: z.string(),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** Everything of a manifest but what writing the parts fills in. */
export type BundleManifestDraft = Omit<BundleManifest, 'formatVersion' | 'parts' | 'counts'> & {
  counts?: Record<string, number>;
};
