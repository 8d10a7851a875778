// Limits on guessing enrollment codes. A code is 8 random digits, so a wrong guess is not "against" any
// one code: what bounds an attacker is the number of wrong guesses the server checks at all. Three
// budgets, all refilling over time (docs/security.md "Enrollment" has the figures):
// - requests per address: a flood guard;
// - wrong codes per address: one client typing badly, or one guesser, waits;
// - wrong codes server-wide: guessing from many addresses is bounded too; when it is spent,
//   enrollment pauses for everyone (ENROLL_LOCKED) until the budget refills.
// A request takes a wrong-code unit from both budgets before its code is checked (so parallel guesses
// cannot all slip through) and gives them back when the code was right or the check never happened.
import { ShelfsyncError } from '@shelfsync/protocol';
import { type BudgetRule, createBudget } from './rate-limit.js';

export const ENROLL_LIMITS = {
  requestsPerAddress: { capacity: 30, refillEveryMs: 2_000 },
  wrongCodesPerAddress: { capacity: 10, refillEveryMs: 60_000 },
  wrongCodesServerWide: { capacity: 100, refillEveryMs: 36_000 },
} as const satisfies Record<string, BudgetRule>;

const SERVER = '*';

export interface EnrollmentGuard {
  /** Lets one attempt from `address` through, or throws REQ_RATE_LIMITED / ENROLL_LOCKED. */
  admit(address: string, now: number): void;
  /** The attempt was not a wrong code (it enrolled, or failed for another reason): it does not count. */
  notWrong(address: string, now: number): void;
}

export function createEnrollmentGuard(
  limits: Record<keyof typeof ENROLL_LIMITS, BudgetRule> = ENROLL_LIMITS,
  onLocked: (retryAfterMs: number) => void = () => {},
): EnrollmentGuard {
  const requests = createBudget(limits.requestsPerAddress);
  const perAddress = createBudget(limits.wrongCodesPerAddress);
  const serverWide = createBudget(limits.wrongCodesServerWide);
  return {
    admit(address, now) {
      const flood = requests.take(address, now);
      if (flood > 0) throw limited('REQ_RATE_LIMITED', flood, 'requests from this address');
      const mine = perAddress.take(address, now);
      if (mine > 0) throw limited('REQ_RATE_LIMITED', mine, 'wrong codes from this address');
      const all = serverWide.take(SERVER, now);
      if (all > 0) {
        perAddress.refund(address, now);
        onLocked(all);
        throw limited('ENROLL_LOCKED', all, 'wrong codes on this server');
      }
    },
    notWrong(address, now) {
      perAddress.refund(address, now);
      serverWide.refund(SERVER, now);
    },
  };
}

function limited(code: 'REQ_RATE_LIMITED' | 'ENROLL_LOCKED', retryAfterMs: number, limit: string) {
  return new ShelfsyncError(code, undefined, { retryAfterMs, limit });
}
