// The one error type thrown across Shelfsync, the body it travels in, and the way back from a body.
import { z } from 'zod';
import { ERRORS, type ErrorCode, isErrorCode } from './errors.js';

/** The one error type thrown across Shelfsync; carries a stable code and optional details. */
export class ShelfsyncError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERRORS[code].message);
    this.name = 'ShelfsyncError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  get retryable(): boolean {
    return ERRORS[this.code].retryable;
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

/** The body of every non-2xx answer. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Rebuilds an error from an answer body; unknown codes become INTERNAL so callers see a real code. */
export function errorFromBody(body: unknown, fallback: ErrorCode = 'SYNC_BAD_RESPONSE'): ShelfsyncError {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return new ShelfsyncError(fallback);
  const { code, message, details } = parsed.data.error;
  return new ShelfsyncError(isErrorCode(code) ? code : fallback, message, details);
}

/** Zod issues flattened to `path: message` pairs for error details. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 50).map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
}
