// The 1C "exchange with a site" endpoint, /1c/exchange: the stock exchange node of a 1C base
// (checkauth, init, file, import; sale query, success, file) pointed at Shelfsync. Files are staged
// per session and applied only by mode=import, each in one store transaction through importFile,
// the same path as the exchange folder. See docs/integration.md for the administrator's side.
import { ShelfsyncError } from '@shelfsync/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { importFile } from '../exchange-folder/import-file.js';
import { describeSummary } from '../exchange-folder/import-summary.js';
import { createBudget } from '../rate-limit.js';
import { jsonSchemaOf } from '../route.js';
import { matchesSha256 } from '../secrets.js';
import type { ServerContext } from '../server-context.js';
import { sendFailure, sendLines } from './exchange-replies.js';
import { EXCHANGE_TYPES, type ExchangeSession, ExchangeSessions } from './exchange-sessions.js';
import { ImportJobs } from './import-jobs.js';
import { acknowledgeQueried, type OneCEncoding, queryDocuments } from './sale-documents.js';
import { receivedFile, receivePart, type StagingLimits, stagedKey, unpackArchives } from './staged-files.js';

export const ONE_C_EXCHANGE_PATH = '/1c/exchange';
export const ONE_C_COOKIE = 'shelfsync_1c';
export const WRONG_PASSWORDS_PER_MINUTE = 10;
export const DEFAULT_FILE_LIMIT = 100 * 1024 * 1024;
export const DEFAULT_SESSION_LIMIT = 2 * 1024 * 1024 * 1024;
export const DEFAULT_PROGRESS_AFTER_MS = 10_000;

export interface OneCExchangeOptions {
  /** Logins the 1C nodes use; each login has its own sessions, so two bases need two logins. */
  users: readonly string[];
  /** sha256 (hex) of the password shared by those logins. */
  passwordHash: string;
  /** Where sessions keep their files (`<data>/1c-exchange`). */
  dir: string;
  /** Encoding of the sale query answer and of the text answers; default UTF-8. */
  encoding?: OneCEncoding;
  /** How long mode=import waits for the import before answering "progress" (0: never waits). */
  progressAfterMs?: number;
  fileLimit?: number;
  sessionLimit?: number;
}

const QuerySchema = z.object({
  type: z.enum(EXCHANGE_TYPES),
  mode: z.enum(['checkauth', 'init', 'file', 'import', 'query', 'success', 'deactivate', 'complete']),
  filename: z.string().min(1).optional(),
});
type ExchangeQuery = z.infer<typeof QuerySchema>;

const MODES_OF: Record<ExchangeQuery['type'], readonly string[]> = {
  catalog: ['checkauth', 'init', 'file', 'import', 'deactivate', 'complete'],
  // Some 1C versions follow a sale file with mode=import: it answers how the file's application went.
  sale: ['checkauth', 'init', 'file', 'import', 'query', 'success'],
};

function parseQuery(raw: unknown): ExchangeQuery {
  const parsed = QuerySchema.safeParse(raw);
  if (!parsed.success || !MODES_OF[parsed.data.type].includes(parsed.data.mode)) {
    throw new ShelfsyncError('ONEC_BAD_REQUEST', undefined, { query: raw });
  }
  const needsName = parsed.data.mode === 'file' || parsed.data.mode === 'import';
  if (needsName && parsed.data.filename === undefined) throw new ShelfsyncError('ONEC_BAD_REQUEST');
  return parsed.data;
}

function basicCredentials(request: FastifyRequest): { user: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const text = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

function cookieOf(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === ONE_C_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

class OneCExchange {
  readonly sessions: ExchangeSessions;
  readonly jobs: ImportJobs;
  readonly limits: StagingLimits;
  readonly encoding: OneCEncoding;
  /** Wrong passwords per address: a burst of WRONG_PASSWORDS_PER_MINUTE, then one a minute. */
  readonly wrongPasswords = createBudget({ capacity: WRONG_PASSWORDS_PER_MINUTE, refillEveryMs: 60_000 });

  constructor(
    readonly ctx: ServerContext,
    readonly opts: OneCExchangeOptions,
  ) {
    this.sessions = new ExchangeSessions(opts.dir, ctx.now);
    this.jobs = new ImportJobs(opts.progressAfterMs ?? DEFAULT_PROGRESS_AFTER_MS);
    this.limits = {
      fileLimit: opts.fileLimit ?? DEFAULT_FILE_LIMIT,
      sessionLimit: opts.sessionLimit ?? DEFAULT_SESSION_LIMIT,
    };
    this.encoding = opts.encoding ?? 'utf-8';
  }

  /** Basic auth against the configured logins; wrong passwords are counted per address. */
  authenticate(request: FastifyRequest): string {
    const now = this.ctx.now().getTime();
    // A unit is taken before the check, so parallel guesses cannot slip past; a right password
    // gives it back.
    const wait = this.wrongPasswords.take(request.ip, now);
    if (wait > 0) throw new ShelfsyncError('REQ_RATE_LIMITED', undefined, { retryAfterMs: wait });
    const credentials = basicCredentials(request);
    if (credentials === undefined) {
      throw new ShelfsyncError('ONEC_AUTH_FAILED', 'The request carries no basic-auth credentials.');
    }
    const known = this.opts.users.includes(credentials.user);
    if (!matchesSha256(credentials.password, this.opts.passwordHash) || !known) {
      throw new ShelfsyncError('ONEC_AUTH_FAILED', undefined, { user: credentials.user.slice(0, 100) });
    }
    this.wrongPasswords.refund(request.ip, now);
    return credentials.user;
  }

  async importStep(request: FastifyRequest, session: ExchangeSession, name: string): Promise<string> {
    const key = stagedKey(name);
    if (session.meta.imported.includes(key)) return 'success';
    return this.jobs.step(session, key, async () => {
      await unpackArchives(session, this.limits);
      const file = await receivedFile(session, key);
      const summary = await importFile(file, {
        store: this.ctx.store,
        now: this.ctx.now,
        scratchDir: session.dir,
      });
      session.meta.imported.push(key);
      await session.save();
      request.log.info(`1C exchange: imported ${key}: ${describeSummary(summary)}`);
    });
  }

  async saleFile(session: ExchangeSession, name: string, body: NodeJS.ReadableStream): Promise<void> {
    // A documents file from 1C is applied as it arrives: the sale protocol has no import step.
    await receivePart(session, name, body, this.limits, true);
    await importFile(await receivedFile(session, name), {
      store: this.ctx.store,
      now: this.ctx.now,
      scratchDir: session.dir,
    });
    session.meta.imported.push(stagedKey(name));
    await session.save();
  }

  async handle(request: FastifyRequest, q: ExchangeQuery): Promise<string[] | Buffer> {
    if (q.mode === 'checkauth') {
      const user = this.authenticate(request);
      const { cookie } = await this.sessions.create(user, q.type);
      return ['success', ONE_C_COOKIE, cookie];
    }
    const session = await this.sessions.find(cookieOf(request), q.type);
    const body = (request.body as NodeJS.ReadableStream | undefined) ?? request.raw;
    const name = q.filename ?? '';
    switch (q.mode) {
      case 'init':
        await session.exclusive(() => session.save());
        return ['zip=yes', `file_limit=${this.limits.fileLimit}`];
      case 'file':
        if (q.type === 'sale') await session.exclusive(() => this.saleFile(session, name, body));
        else await session.exclusive(() => receivePart(session, name, body, this.limits));
        return ['success'];
      case 'import':
        return [await this.importStep(request, session, name)];
      case 'query':
        return session.exclusive(() =>
          queryDocuments(session, this.ctx.store, { encoding: this.encoding, now: this.ctx.now() }),
        );
      case 'success':
        await session.exclusive(() => acknowledgeQueried(session, this.ctx.store, this.ctx.now()));
        return ['success'];
      default:
        // deactivate / complete (CommerceML 3): Shelfsync deletes only what 1C marks deleted.
        return ['success'];
    }
  }
}

const ROUTE_SCHEMA = {
  summary: '1C "exchange with a site" (text protocol; see docs/integration.md)',
  tags: ['1c'],
  querystring: jsonSchemaOf(QuerySchema, 'input'),
  security: [{ oneCBasic: [] }],
  response: {
    200: { type: 'string', description: 'success / progress / failure lines, or a CommerceML file' },
  },
};

/** Registers /1c/exchange; without options it answers every request ONEC_DISABLED. */
export async function registerOneCExchange(
  app: FastifyInstance,
  ctx: ServerContext,
  opts: OneCExchangeOptions | undefined,
): Promise<void> {
  const exchange = opts ? new OneCExchange(ctx, opts) : undefined;
  const encoding = exchange?.encoding ?? 'utf-8';
  await app.register(async (scope) => {
    // Bodies are files, streamed to disk by the handler whatever content type 1C declares.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.route({
      method: ['GET', 'POST'],
      url: ONE_C_EXCHANGE_PATH,
      schema: ROUTE_SCHEMA,
      handler: async (request, reply) => {
        try {
          if (exchange === undefined) throw new ShelfsyncError('ONEC_DISABLED');
          const answer = await exchange.handle(request, parseQuery(request.query));
          if (Array.isArray(answer)) return sendLines(reply, answer, encoding);
          return reply.code(200).type(`application/xml; charset=${encoding}`).send(answer);
        } catch (error) {
          return sendFailure(request, reply, error, encoding);
        }
      },
    });
  });
}
