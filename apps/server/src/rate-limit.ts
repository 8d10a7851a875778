// Budgets that refill over time (token buckets), one per key (a remote address, or one key for the
// whole server). In memory on purpose: they slow down code guessing on one instance, and a restart
// refilling them is harmless. A budget never locks anyone out for good: it refills at a steady rate.
export interface BudgetRule {
  /** Units available at once (the burst). */
  capacity: number;
  /** One unit comes back every this many ms. */
  refillEveryMs: number;
}

export interface KeyedBudget {
  /** Takes one unit for `key`; answers 0, or the ms to wait for a unit (nothing taken then). */
  take(key: string, now: number): number;
  /** Gives a unit back (a request that turned out not to count). */
  refund(key: string, now: number): void;
}

const PRUNE_ABOVE = 10_000;

export function createBudget(rule: BudgetRule): KeyedBudget {
  const buckets = new Map<string, { units: number; at: number }>();
  const level = (key: string, now: number): { units: number; at: number } => {
    const b = buckets.get(key) ?? { units: rule.capacity, at: now };
    b.units = Math.min(rule.capacity, b.units + Math.max(0, now - b.at) / rule.refillEveryMs);
    b.at = now;
    return b;
  };
  const prune = (now: number): void => {
    for (const key of buckets.keys()) if (level(key, now).units >= rule.capacity) buckets.delete(key);
  };
  return {
    take(key, now) {
      if (buckets.size > PRUNE_ABOVE) prune(now);
      const b = level(key, now);
      if (b.units < 1) return Math.ceil((1 - b.units) * rule.refillEveryMs);
      b.units -= 1;
      buckets.set(key, b);
      return 0;
    },
    refund(key, now) {
      const b = level(key, now);
      b.units = Math.min(rule.capacity, b.units + 1);
      buckets.set(key, b);
    },
  };
}
