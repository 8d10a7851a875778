// Which summary line a fact went to, so the screen can highlight it after a scan.
import type { DocumentSummary } from '@shelfsync/domain';
import type { FactLine } from '@shelfsync/protocol';

export function activeLineKey(summary: DocumentSummary, fact: FactLine | undefined): string | undefined {
  if (!fact) return undefined;
  if (fact.planLineId) return `plan:${fact.planLineId}`;
  if (fact.productId === null) return fact.barcode ? `unknown:${fact.barcode}` : undefined;
  return summary.lines.find(
    (l) => l.planLineId === null && l.productId === fact.productId && l.cellId === fact.cellId,
  )?.key;
}
