// mode=import may take longer than 1C (or a proxy in front) waits for an answer: the import runs in
// the background and a request waits for it only so long, answering "progress" until it is done;
// 1C repeats the same request, which then gets "success" or the failure.
import type { ExchangeSession } from './exchange-sessions.js';

interface Job {
  done: Promise<void>;
  outcome?: { ok: true } | { ok: false; error: unknown };
}

export type ImportStep = 'progress' | 'success';

export class ImportJobs {
  readonly #jobs = new Map<string, Job>();

  constructor(private readonly waitMs: number) {}

  /**
   * Starts `work` for (session, key) unless it is already running, waits up to the wait time, and
   * answers "progress" or "success" (or throws the import's error, after which a repeat starts over).
   */
  async step(session: ExchangeSession, key: string, work: () => Promise<void>): Promise<ImportStep> {
    const id = `${session.id}\n${key}`;
    let job = this.#jobs.get(id);
    const started = job === undefined;
    if (job === undefined) {
      const fresh: Job = { done: Promise.resolve() };
      fresh.done = session.exclusive(work).then(
        () => {
          fresh.outcome = { ok: true };
        },
        (error: unknown) => {
          fresh.outcome = { ok: false, error };
        },
      );
      this.#jobs.set(id, fresh);
      job = fresh;
    }
    // With no wait configured the first answer is always "progress" (tests rely on seeing it).
    if (job.outcome === undefined && !(started && this.waitMs === 0)) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([job.done, new Promise((r) => (timer = setTimeout(r, this.waitMs)))]);
      clearTimeout(timer);
    }
    const { outcome } = job;
    if (outcome === undefined) return 'progress';
    this.#jobs.delete(id);
    if (!outcome.ok) throw outcome.error;
    return 'success';
  }
}
