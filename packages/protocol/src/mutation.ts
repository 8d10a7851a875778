// Mutations: what a terminal pushes. Each device numbers its mutations 1, 2, 3… and the base applies
// each exactly once (DESIGN.md §5.4).
import { z } from 'zod';
import { DocumentInputSchema, FactLineSchema } from './document.js';
import { externalId, isoTime } from './ids.js';

const base = {
  /** Per-device sequence number, starting at 1, without gaps. */
  n: z.number().int().positive(),
  /** When the operator did it, by the terminal's clock. */
  at: isoTime,
};

export const MutationSchema = z.discriminatedUnion('kind', [
  /** The terminal started working on a document (takes it). */
  z.object({ ...base, kind: z.literal('doc.start'), docId: externalId }),
  /** A fact line (scan or correction) added to a document. */
  z.object({ ...base, kind: z.literal('fact.add'), docId: externalId, fact: FactLineSchema }),
  /** The operator finished the document. */
  z.object({ ...base, kind: z.literal('doc.complete'), docId: externalId }),
  /** The operator gave the document back unprocessed. */
  z.object({
    ...base,
    kind: z.literal('doc.release'),
    docId: externalId,
    reason: z.string().max(2000).optional(),
  }),
  /** A document created on the terminal (blind receipt, ad-hoc count). */
  z.object({ ...base, kind: z.literal('doc.create'), doc: DocumentInputSchema }),
]);
export type Mutation = z.infer<typeof MutationSchema>;
export type MutationKind = Mutation['kind'];
/** A mutation before the outbox numbers it. */
export type MutationDraft = Mutation extends infer M ? (M extends Mutation ? Omit<M, 'n'> : never) : never;

export const MUTATION_STATUSES = ['applied', 'duplicate', 'rejected'] as const;

export const MutationResultSchema = z.object({
  n: z.number().int().positive(),
  status: z.enum(MUTATION_STATUSES),
  /** For `duplicate`: the status the mutation got when first applied. */
  original: z.enum(['applied', 'rejected']).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type MutationResult = z.infer<typeof MutationResultSchema>;
