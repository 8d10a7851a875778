// The way back from an error body to a ShelfsyncError, and zod issues as error details.
import { z } from 'zod';
import { type ErrorCode, isErrorCode } from './errors.js';
import { ShelfsyncError } from './shelfsync-error.js';

/** The body of every non-2xx answer. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

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
