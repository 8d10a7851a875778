// DeviceTransport over HTTP(S). Tries the server URLs in priority order (Wi-Fi address first, then
// localhost reached over a USB cable) and keeps using the first one that answers. Every answer is
// validated with the protocol schemas; failures become ShelfsyncError with a retryable flag.
import {
  ClaimResponseSchema,
  DEVICE_API_PREFIX,
  type Document,
  describeIssues,
  EnrollResponseSchema,
  errorFromBody,
  type HelloResponse,
  HelloResponseSchema,
  type LookupResponse,
  LookupResponseSchema,
  mayBeMissing,
  OperatorResponseSchema,
  type PullResponse,
  PullResponseSchema,
  type PushResponse,
  PushResponseSchema,
  ShelfsyncError,
  type StockResponse,
  StockResponseSchema,
} from '@shelfsync/protocol';
import type { z } from 'zod';
import type { DeviceTransport } from './device-transport.js';
import type { AbortLike, FetchLike, Timers } from './platform.js';

export interface HttpDeviceTransportOptions {
  /** Base URLs in priority order, e.g. ['http://192.168.1.10:8080', 'http://localhost:8080']. */
  urls: readonly string[];
  fetch: FetchLike;
  timers: Timers;
  /** Per request, including reading the answer. */
  timeoutMs?: number;
  /** Bearer token; every request but enroll needs it. */
  token?: string;
  /** Makes an AbortController so a timed-out request does not linger. */
  newAbort?: () => AbortLike;
}

interface RawAnswer {
  ok: boolean;
  status: number;
  text: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export class HttpDeviceTransport implements DeviceTransport {
  private readonly urls: string[];
  /** Index of the URL that answered last; later requests of this exchange start there. */
  private current = 0;

  constructor(private readonly options: HttpDeviceTransportOptions) {
    if (options.urls.length === 0) throw new ShelfsyncError('TERMINAL_NO_SERVER');
    this.urls = options.urls.map((u) => u.replace(/\/+$/, ''));
  }

  async enroll(request: unknown) {
    return this.post('/enroll', request, EnrollResponseSchema, true);
  }

  /** Starts an exchange, so it goes back to the preferred URL first (Wi-Fi may be back). */
  async hello(request: unknown): Promise<HelloResponse> {
    return this.post('/hello', request, HelloResponseSchema, true);
  }

  async pull(request: unknown): Promise<PullResponse> {
    return this.post('/pull', request, PullResponseSchema, false);
  }

  async push(request: unknown): Promise<PushResponse> {
    return this.post('/push', request, PushResponseSchema, false);
  }

  async claim(request: unknown): Promise<Document> {
    return this.post('/documents/claim', request, ClaimResponseSchema, false);
  }

  async setOperator(request: unknown): Promise<unknown> {
    return this.post('/operator', request, OperatorResponseSchema, false);
  }

  async lookup(request: unknown): Promise<LookupResponse> {
    return this.post('/lookup', request, LookupResponseSchema, false);
  }

  async stock(request: unknown): Promise<StockResponse> {
    return this.post('/stock', request, StockResponseSchema, false);
  }

  /** A route added later within the protocol version may be missing on an older base: say so plainly. */
  private async post<S extends z.ZodType>(path: string, body: unknown, schema: S, fromTop: boolean) {
    try {
      return await this.postTo(path, body, schema, fromTop);
    } catch (error) {
      if (!(error instanceof ShelfsyncError) || error.code !== 'REQ_NOT_FOUND' || !mayBeMissing(path))
        throw error;
      throw new ShelfsyncError('SYNC_NOT_OFFERED', undefined, { route: path });
    }
  }

  private async postTo<S extends z.ZodType>(path: string, body: unknown, schema: S, fromTop: boolean) {
    const order = fromTop ? this.urls.map((_, i) => i) : this.preferredOrder();
    const failures: string[] = [];
    let untrusted = false;
    for (const i of order) {
      const url = `${this.urls[i]}${DEVICE_API_PREFIX}${path}`;
      let answer: RawAnswer;
      try {
        answer = await this.send(url, JSON.stringify(body));
      } catch (error) {
        failures.push(`${this.urls[i]}: ${describeFailure(error)}`);
        untrusted ||= isCertificateFailure(error);
        continue;
      }
      this.current = i;
      return read(answer, schema) as z.infer<S>;
    }
    // A certificate nobody trusts will not start being trusted by itself: say what to do about it.
    throw new ShelfsyncError(untrusted ? 'TLS_UNTRUSTED' : 'SYNC_OFFLINE', undefined, { failures });
  }

  private preferredOrder(): number[] {
    return [this.current, ...this.urls.map((_, i) => i).filter((i) => i !== this.current)];
  }

  /** One request with its answer read in full, or a rejection after timeoutMs. */
  private async send(url: string, body: string): Promise<RawAnswer> {
    const { fetch, timers, token, newAbort } = this.options;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const abort = newAbort?.();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    let handle: unknown;
    const timeout = new Promise<never>((_, reject) => {
      handle = timers.setTimeout(() => {
        abort?.abort();
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    const exchange = (async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        ...(abort ? { signal: abort.signal } : {}),
      });
      return { ok: res.ok, status: res.status, text: await res.text() };
    })();
    try {
      return await Promise.race([exchange, timeout]);
    } finally {
      timers.clearTimeout(handle);
      exchange.catch(() => {}); // a request abandoned after the timeout must not raise later
    }
  }
}

/**
 * Why a request got no answer. `fetch` says only "fetch failed"; its cause tells a refused connection
 * from a certificate the terminal does not trust (an HTTPS base whose CA is not installed).
 */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (!(cause instanceof Error)) return error.message;
  const code = (cause as { code?: unknown }).code;
  return `${error.message}: ${typeof code === 'string' ? `${code} ` : ''}${cause.message}`.trim();
}

/** Node's and undici's codes for a certificate that does not verify (browsers give no reason). */
const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function isCertificateFailure(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CERTIFICATE_CODES.has(code);
}

function read<S extends z.ZodType>(answer: RawAnswer, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw new ShelfsyncError(
      'SYNC_BAD_RESPONSE',
      `The server answered HTTP ${answer.status} with a body that is not JSON.`,
      {
        status: answer.status,
      },
    );
  }
  if (!answer.ok) return throwAnswerError(answer.status, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ShelfsyncError('SYNC_BAD_RESPONSE', undefined, { issues: describeIssues(parsed.error) });
  }
  return parsed.data;
}

function throwAnswerError(status: number, body: unknown): never {
  const error = errorFromBody(body);
  if (error.code === 'SYNC_BAD_RESPONSE') {
    throw new ShelfsyncError(
      'SYNC_BAD_RESPONSE',
      `The server answered HTTP ${status} without a readable error.`,
      {
        status,
      },
    );
  }
  throw error;
}
