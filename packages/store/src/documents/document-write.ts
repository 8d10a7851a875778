// What a new or replaced document stores, whatever the backend: the header without lines and
// lifecycle fields, plus the columns that drive visibility.
import type { DocumentStatus, PlanLine } from '@shelfsync/protocol';

export interface DocumentWrite {
  id: string;
  type: string;
  header: Record<string, unknown>;
  assigneeDevice: string | null;
  lines: readonly PlanLine[];
  status: DocumentStatus;
  holder: string | null;
  origin: 'accounting' | 'terminal';
}
