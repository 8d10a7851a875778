// The main screen's document list: grouped by type in the configured order; inside a group the open
// documents in the engine's task order (personal first, then priority, then date), finished ones last.
import type { Document, DocumentType } from '@shelfsync/protocol';

export interface DocumentGroup {
  typeId: string;
  type: DocumentType | undefined;
  docs: Document[];
}

/** `tasks`: the open documents in task order; `all`: every document to show (closed ones too). */
export function groupDocuments(
  tasks: readonly Document[],
  all: readonly Document[],
  types: readonly DocumentType[],
): DocumentGroup[] {
  const shown = new Set(all.map((d) => d.id));
  const open = tasks.filter((d) => shown.has(d.id));
  const openIds = new Set(open.map((d) => d.id));
  const closed = all.filter((d) => !openIds.has(d.id));
  const byType = new Map<string, Document[]>();
  for (const d of [...open, ...closed]) byType.set(d.type, [...(byType.get(d.type) ?? []), d]);
  const rank = (id: string) => {
    const i = types.findIndex((ty) => ty.id === id);
    return i < 0 ? types.length : i;
  };
  return [...byType.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([typeId, docs]) => ({ typeId, type: types.find((ty) => ty.id === typeId), docs }));
}
