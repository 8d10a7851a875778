// Carries out what the scan flow decided: records scans through the engine and reports each outcome
// with its sound (success, warning for accepted-with-warning, error for refusals).
import type { FactLine } from '@shelfsync/protocol';
import { useApp } from '../app/app-context.js';
import type { FlowEffect } from '../flow/scan-flow.js';
import { scanOutcomeReport } from '../flow/scan-outcome-report.js';
import { errorText } from '../i18n/i18n.js';

interface Options {
  docId: string;
  report: (kind: 'success' | 'warning' | 'error', text: string) => void;
  reload: () => Promise<void>;
  onFact: (fact: FactLine) => void;
}

export function useFlowEffects({ docId, report, reload, onFact }: Options) {
  const { terminal, lang, t, operator } = useApp();
  /** Names of the cells a refused product is planned in, so the operator knows where to go. */
  const plannedCells = async (details: Record<string, unknown> | undefined): Promise<string> => {
    const ids = Array.isArray(details?.['plannedCells']) ? (details['plannedCells'] as unknown[]) : [];
    const names = await Promise.all(
      ids
        .filter((id): id is string => typeof id === 'string')
        .map(async (id) => (await terminal.store.getRow('cells', id))?.name ?? id),
    );
    return names.join(', ');
  };

  return async (effects: FlowEffect[]): Promise<void> => {
    for (const effect of effects) {
      if (effect.type === 'cellSet') report('success', t('docCellSet', { name: effect.cell.name }));
      else if (effect.type === 'refuse') report('error', errorText(lang, effect.code));
      else {
        // Quantity 1 is left out so a weight or count carried by the barcode itself is used.
        const { type: _t, name, qty, ...rest } = effect;
        const request = qty === 1 ? rest : { ...rest, qty };
        const outcome = await terminal.engine.scan(
          docId,
          operator ? { ...request, operatorId: operator.id } : request,
        );
        if (outcome.ok) onFact(outcome.fact);
        const where = outcome.ok ? '' : await plannedCells(outcome.details);
        const { kind, text } = scanOutcomeReport(lang, outcome, { barcode: effect.barcode, name }, where);
        report(kind, text);
        if (outcome.ok) await reload();
      }
    }
  };
}
