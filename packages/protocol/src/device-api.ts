// Device API messages (terminal ⇄ base), carried over HTTP or inside bundles. See docs/protocol.md.
import { z } from 'zod';
import { HelloAppSchema } from './app-version.js';
import { BarcodeSettingsSchema, OperatorSettingsSchema } from './base-config.js';
import { CatalogChangeSchema, CatalogTableSchema } from './catalog.js';
import { DocumentSchema, DocumentStatusSchema } from './document.js';
import { DocumentTypeSchema } from './document-type.js';
import { isoTime } from './ids.js';
import { LookupConfigSchema } from './lookup.js';
import { MutationResultSchema, MutationSchema } from './mutation.js';

export const DEVICE_API_PREFIX = '/device/v1';
export const MAX_PUSH_MUTATIONS = 500;
export const DEFAULT_PULL_LIMIT = 2000;
export const MAX_PULL_LIMIT = 10_000;

export const EnrollRequestSchema = z.object({
  code: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(200).optional(),
  platform: z.string().max(200).optional(),
  appVersion: z.string().max(50).optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const EnrollResponseSchema = z.object({
  deviceId: z.string(),
  /** Bearer token for every later device request; shown once, stored hashed on the base. */
  token: z.string(),
  baseId: z.string(),
  baseName: z.string().optional(),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

export const HelloRequestSchema = z.object({
  protocolVersion: z.number().int().positive(),
  appVersion: z.string().max(50),
  platform: z.string().max(200).optional(),
  capabilities: z.array(z.string().max(50)).max(100).default([]),
  /** Mutations waiting in the outbox, for the device registry. */
  backlog: z.number().int().nonnegative().optional(),
  storage: z.object({ used: z.number().nonnegative(), free: z.number().nonnegative() }).optional(),
  /** Version of the document types the terminal holds, for the device registry (additive). */
  configVersion: z.string().max(100).optional(),
});
export type HelloRequest = z.input<typeof HelloRequestSchema>;

export const HelloResponseSchema = z.object({
  /** The version both sides speak in this session. */
  protocolVersion: z.number().int().positive(),
  server: z.object({
    protocolVersion: z.number().int().positive(),
    minProtocolVersion: z.number().int().positive(),
    version: z.string(),
  }),
  baseId: z.string(),
  deviceId: z.string(),
  serverTime: isoTime,
  /** Highest mutation number the base has applied for this device (0 when none). */
  lastMutation: z.number().int().nonnegative(),
  config: z.object({
    version: z.string(),
    documentTypes: z.array(DocumentTypeSchema),
    /** Where each catalog table is looked up (hybrid lookup); absent: products hybrid (additive). */
    lookup: LookupConfigSchema.optional(),
    /** Operator settings; the version covers them too (additive; absent from older bases). */
    settings: OperatorSettingsSchema.optional(),
    /** Scale and in-store label rules; the version covers them too (additive). */
    barcodes: BarcodeSettingsSchema.optional(),
  }),
  /** The app version this device's group should run (additive; server mode only). */
  app: HelloAppSchema.optional(),
  /**
   * The warehouse whose catalog this terminal holds (PUT /api/v1/devices/{id}/warehouse); null: the
   * whole catalog. Absent from older bases (additive).
   */
  warehouse: z.object({ id: z.string(), name: z.string().optional() }).nullable().optional(),
});
export type HelloResponse = z.infer<typeof HelloResponseSchema>;

export const PullRequestSchema = z.object({
  /** Last catalog change sequence stored on the terminal; 0 for a first load. */
  catalogCursor: z.number().int().nonnegative().default(0),
  /** Last document revision stored on the terminal; 0 for a first load. */
  docCursor: z.number().int().nonnegative().default(0),
  /** Catalog changes per page. */
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullRequest = z.input<typeof PullRequestSchema>;

export const CatalogChecksumsSchema = z.record(CatalogTableSchema, z.number().int().nonnegative());

export const PullResponseSchema = z.object({
  catalog: z.object({
    changes: z.array(CatalogChangeSchema),
    /** Store this after writing `changes`; send it with the next pull. */
    cursor: z.number().int().nonnegative(),
    hasMore: z.boolean(),
    /**
     * Per-table checksums of the whole catalog at `cursor`, sent once the terminal has caught up
     * (hasMore false). See docs/protocol.md for the function.
     */
    checksums: CatalogChecksumsSchema.optional(),
  }),
  documents: z.object({
    /** Documents for this device changed after docCursor, whole (plan and merged facts). */
    items: z.array(DocumentSchema),
    /** Documents this device must drop or close: cancelled, taken by another device, exported. */
    revoked: z.array(
      z.object({ id: z.string(), status: DocumentStatusSchema, reason: z.string().optional() }),
    ),
    cursor: z.number().int().nonnegative(),
    hasMore: z.boolean(),
  }),
  serverTime: isoTime,
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

export const MAX_PUSH_LOGS = 1000;

/** One line of the terminal's bounded log, uploaded with pushes and kept per device on the base. */
export const DeviceLogEntrySchema = z.object({
  /** Numbered by the terminal, so the lines it has sent can be dropped from its buffer. */
  seq: z.number().int().nonnegative(),
  at: isoTime,
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string().max(2000),
});
export type DeviceLogEntry = z.infer<typeof DeviceLogEntrySchema>;

export const PushRequestSchema = z.object({
  mutations: z.array(MutationSchema).max(MAX_PUSH_MUTATIONS),
  /** Log lines from the terminal (optional; added in protocol 1 without a version bump, additive). */
  logs: z.array(DeviceLogEntrySchema).max(MAX_PUSH_LOGS).optional(),
});
export type PushRequest = z.input<typeof PushRequestSchema>;

export const PushResponseSchema = z.object({
  results: z.array(MutationResultSchema),
  /** Highest mutation number applied (or rejected) for this device; the outbox may drop up to it. */
  lastMutation: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;
