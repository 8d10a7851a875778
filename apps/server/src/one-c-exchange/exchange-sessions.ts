// Sessions of the 1C site exchange, kept on disk under the data directory so that a server restart
// in the middle of an exchange loses nothing: one folder per session, named by the hash of its
// cookie, holding the files 1C sent (files/) and what the session has done (session.json).
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';
import { z } from 'zod';
import { writeDurably } from '../exchange-folder/durable-write.js';
import { sha256Hex } from '../secrets.js';

export const EXCHANGE_TYPES = ['catalog', 'sale'] as const;
export type ExchangeType = (typeof EXCHANGE_TYPES)[number];

/** A session nobody touched for this long belongs to an exchange that will not come back. */
export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000;

const META = 'session.json';

const MetaSchema = z.object({
  user: z.string(),
  type: z.enum(EXCHANGE_TYPES),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** Bytes of each received file that arrived whole (a part cut off mid-request is cut back). */
  files: z.record(z.string(), z.number()),
  /** Bytes written by unpacking archives. */
  unpackedBytes: z.number(),
  /** Files whose import committed (a repeated mode=import answers success without re-applying). */
  imported: z.array(z.string()),
  /** Ids of the documents the last sale query returned, acknowledged by mode=success. */
  queried: z.array(z.string()),
});
export type SessionMeta = z.infer<typeof MetaSchema>;

export class ExchangeSession {
  #queue: Promise<unknown> = Promise.resolve();
  /** Set when a newer checkauth discarded this session while a request of it was still running. */
  discarded = false;

  constructor(
    readonly id: string,
    readonly dir: string,
    readonly meta: SessionMeta,
  ) {}

  get filesDir(): string {
    return path.join(this.dir, 'files');
  }

  get storedBytes(): number {
    return Object.values(this.meta.files).reduce((a, b) => a + b, 0) + this.meta.unpackedBytes;
  }

  save(): Promise<void> {
    return writeDurably(this.dir, META, JSON.stringify(this.meta));
  }

  /** Runs `task` after every earlier task of this session: one request at a time touches its files. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const guarded = async (): Promise<T> => {
      if (this.discarded) throw new ShelfsyncError('ONEC_SESSION_UNKNOWN');
      try {
        return await task();
      } catch (e) {
        // Its folder vanished under it: report the replaced session, not a file-system error.
        if (this.discarded) throw new ShelfsyncError('ONEC_SESSION_UNKNOWN');
        throw e;
      }
    };
    const run = this.#queue.then(guarded, guarded);
    this.#queue = run.catch(() => {});
    return run;
  }
}

export class ExchangeSessions {
  /** Sessions loaded in this process, so all requests of one session share its queue. */
  readonly #open = new Map<string, ExchangeSession>();

  constructor(
    readonly root: string,
    private readonly now: () => Date,
  ) {}

  #dirOf(id: string): string {
    return path.join(this.root, id);
  }

  /**
   * A new session for `user`; the user's earlier sessions of the same type are discarded with
   * their files (1C starts an exchange with checkauth, so they belong to one that was broken off),
   * and so is any session idle for a day.
   */
  async create(user: string, type: ExchangeType): Promise<{ cookie: string; session: ExchangeSession }> {
    await mkdir(this.root, { recursive: true });
    for (const id of await readdir(this.root)) {
      const old = await this.#load(id);
      const idle = old && this.now().getTime() - Date.parse(old.meta.lastSeenAt) > SESSION_IDLE_MS;
      if (old === undefined || idle || (old.meta.user === user && old.meta.type === type)) {
        await this.#discard(id);
      }
    }
    const cookie = randomBytes(32).toString('base64url');
    const id = sha256Hex(cookie).slice(0, 40);
    const at = this.now().toISOString();
    const session = new ExchangeSession(id, this.#dirOf(id), {
      user,
      type,
      createdAt: at,
      lastSeenAt: at,
      files: {},
      unpackedBytes: 0,
      imported: [],
      queried: [],
    });
    await mkdir(session.filesDir, { recursive: true });
    await session.save();
    this.#open.set(id, session);
    return { cookie, session };
  }

  /** The session a cookie names; ONEC_SESSION_UNKNOWN when it is absent, stale or of another type. */
  async find(cookie: string | undefined, type: ExchangeType): Promise<ExchangeSession> {
    const session = cookie ? await this.#load(sha256Hex(cookie).slice(0, 40)) : undefined;
    if (session === undefined || session.meta.type !== type) throw new ShelfsyncError('ONEC_SESSION_UNKNOWN');
    session.meta.lastSeenAt = this.now().toISOString();
    return session;
  }

  async #load(id: string): Promise<ExchangeSession | undefined> {
    const open = this.#open.get(id);
    if (open) return open;
    if (!/^[0-9a-f]{40}$/.test(id)) return undefined;
    let text: string;
    try {
      text = await readFile(path.join(this.#dirOf(id), META), 'utf8');
    } catch {
      return undefined;
    }
    let meta: ReturnType<typeof MetaSchema.safeParse>;
    try {
      meta = MetaSchema.safeParse(JSON.parse(text));
    } catch {
      return undefined;
    }
    if (!meta.success) return undefined;
    const session = new ExchangeSession(id, this.#dirOf(id), meta.data);
    this.#open.set(id, session);
    return session;
  }

  async #discard(id: string): Promise<void> {
    const open = this.#open.get(id);
    if (open) open.discarded = true;
    this.#open.delete(id);
    await rm(this.#dirOf(id), { recursive: true, force: true });
  }
}
