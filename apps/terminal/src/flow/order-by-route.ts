// Picking walks the warehouse along the cell route: plan lines are shown in route order (lines
// without a cell or with an unrouted cell keep their plan order, after the routed ones), and what is
// outside the plan follows.
import type { SummaryLine } from '@shelfsync/domain';

export function orderByRoute(
  lines: readonly SummaryLine[],
  routes: ReadonlyMap<string, number>,
): SummaryLine[] {
  const routeOf = (l: SummaryLine) => (l.cellId === undefined ? undefined : routes.get(l.cellId));
  const planned = lines.filter((l) => l.planLineId !== null);
  const rest = lines.filter((l) => l.planLineId === null);
  const ranked = planned.map((line, index) => ({ line, index, route: routeOf(line) }));
  ranked.sort((a, b) => {
    if (a.route !== undefined && b.route !== undefined) return a.route - b.route || a.index - b.index;
    if (a.route !== undefined) return -1;
    if (b.route !== undefined) return 1;
    return a.index - b.index;
  });
  return [...ranked.map((r) => r.line), ...rest];
}

/** The first plan line still short, in the order shown: where the operator should go next. */
export function nextOpenLine(lines: readonly SummaryLine[]): SummaryLine | undefined {
  return lines.find((l) => l.planLineId !== null && l.state === 'under');
}
