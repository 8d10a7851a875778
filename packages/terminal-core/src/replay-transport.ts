// Answers the exchange's calls from a to-terminal bundle instead of the network, so importing a bundle
// runs the very code an HTTP exchange runs (exchange.ts, push-outbox.ts, pull-updates.ts).
import type { RecordedPull } from '@shelfsync/bundle';
import {
  errorFromBody,
  type HelloResponse,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  ShelfsyncError,
} from '@shelfsync/protocol';
import type { DeviceTransport } from './device-transport.js';

/** Thrown when the terminal asks for a page the bundle does not hold (the base stopped early). */
export const BUNDLE_EXHAUSTED = 'bundle-exhausted';

export class ReplayTransport implements DeviceTransport {
  constructor(
    private readonly helloAnswer: HelloResponse,
    private readonly pushes: readonly PushResponse[],
    private readonly pulls: readonly RecordedPull[],
  ) {}

  async enroll(): Promise<never> {
    throw new ShelfsyncError('CLI_USAGE', 'A bundle cannot enroll a terminal this way.');
  }

  async hello(): Promise<HelloResponse> {
    return this.helloAnswer;
  }

  /** The base's answers for the mutations in this batch; later ones were not in the bundle. */
  async push(request: PushRequest): Promise<PushResponse> {
    const numbers = new Set(request.mutations.map((m) => m.n));
    const results = this.pushes.flatMap((p) => p.results).filter((r) => numbers.has(r.n));
    const lastMutation = this.pushes[this.pushes.length - 1]?.lastMutation ?? this.helloAnswer.lastMutation;
    return { results, lastMutation };
  }

  async pull(request: PullRequest): Promise<PullResponse> {
    const recorded = this.find(request.catalogCursor ?? 0, request.docCursor ?? 0);
    if (!recorded) {
      throw new ShelfsyncError(
        'BUNDLE_OUT_OF_ORDER',
        'The bundle holds no more pages; the rest comes next time.',
        {
          reason: BUNDLE_EXHAUSTED,
        },
      );
    }
    if (recorded.error) throw errorFromBody({ error: recorded.error });
    if (!recorded.response) throw new ShelfsyncError('BUNDLE_MALFORMED', 'A recorded pull has no answer.');
    return recorded.response;
  }

  /** True when the bundle holds an answer for these cursors (checked before anything is applied). */
  has(catalogCursor: number, docCursor: number): boolean {
    return this.find(catalogCursor, docCursor) !== undefined;
  }

  private find(catalogCursor: number, docCursor: number): RecordedPull | undefined {
    return this.pulls.find(
      (p) => p.request.catalogCursor === catalogCursor && p.request.docCursor === docCursor,
    );
  }
}
