// The one error type thrown across Shelfsync and the body it travels in. No zod here: a command that
// only prints its version or an error loads this and the table, not the schemas
// (`@shelfsync/protocol/error`). Reading a body back is error-body.ts.
import { ERRORS, type ErrorCode } from './errors.js';

/** The body of every non-2xx answer. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> | undefined };
}

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
