// Page sizes from callers are clamped to at least one row, so a paging loop always progresses.

export function pageSize(limit: number): number {
  return Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : 1;
}
