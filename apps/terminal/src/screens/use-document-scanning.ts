// The scanning side of a document screen: classifies each scan (cell or product), runs it through
// the scan-flow state machine, and applies the results through the engine strictly one after another,
// so a fast burst of scans is recorded in order. Also undoes the last accepted scan.
import { isDocumentOpen } from '@shelfsync/domain';
import type { FactLine } from '@shelfsync/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import type { LoadedDocument } from '../app/use-document.js';
import {
  type FlowEvent,
  type FlowRules,
  type FlowState,
  initialFlow,
  reduceFlow,
} from '../flow/scan-flow.js';
import { describeError } from '../i18n/i18n.js';
import { useScans } from '../scan/use-scans.js';
import { useFlowEffects } from './use-flow-effects.js';

interface Options {
  docId: string;
  loaded: LoadedDocument | null | undefined;
  reload: () => Promise<void>;
  report: (kind: 'success' | 'warning' | 'error', text: string) => void;
}

export function useDocumentScanning({ docId, loaded, reload, report }: Options) {
  const { t, lang, terminal, operator } = useApp();
  const type = loaded?.type;
  const rules: FlowRules = useMemo(
    () => ({ cellRequired: type?.cellRequired ?? false, quantityMode: type?.quantityMode ?? 'one' }),
    [type],
  );
  const [flow, setFlow] = useState<FlowState>(() =>
    initialFlow({ cellRequired: false, quantityMode: 'one' }),
  );
  const flowRef = useRef(flow);
  const queue = useRef(Promise.resolve());
  const [lastFact, setLastFact] = useState<FactLine>();
  const runEffects = useFlowEffects({ docId, report, reload, onFact: setLastFact });

  // Once the type is known it decides whether a cell comes first.
  const typeId = type?.id;
  useEffect(() => {
    if (!typeId) return;
    const start = initialFlow(rules, flowRef.current.cell);
    flowRef.current = start;
    setFlow(start);
  }, [typeId]);

  const dispatch = (event: FlowEvent): Promise<void> => {
    // The quantity typed for this scan is used up: hide the soft keyboard it opened.
    if (event.type === 'item' && rules.quantityMode === 'one') blurQuantityField();
    const result = reduceFlow(flowRef.current, event, rules);
    flowRef.current = result.state;
    setFlow(result.state);
    return runEffects(result.effects);
  };

  const enqueue = (task: () => Promise<void>): void => {
    queue.current = queue.current.then(task).catch((e) => report('error', describeError(lang, e)));
  };

  useScans((code) =>
    enqueue(async () => {
      if (!loaded) return report('error', t('loading'));
      if (!isDocumentOpen(loaded.doc)) return report('error', t('docClosed'));
      const hit = await terminal.engine.lookup(code);
      if (hit?.kind === 'cell')
        return dispatch({ type: 'cell', cell: { id: hit.cell.id, name: hit.cell.name } });
      const name = !hit ? code : hit.packing ? `${hit.product.name} (${hit.packing.name})` : hit.product.name;
      const own = hit?.scan?.weightKg ?? hit?.scan?.quantity;
      return dispatch({
        type: 'item',
        barcode: code,
        name,
        ...(own !== undefined ? { qty: String(own) } : {}),
      });
    }),
  );

  /** Takes the last accepted scan back with a correcting fact (facts are never deleted). */
  const undo = (fact: FactLine) =>
    enqueue(async () => {
      const base = { barcode: fact.barcode ?? '', qty: -(fact.packQty ?? fact.qty) };
      const request = fact.cellId ? { ...base, cellId: fact.cellId } : base;
      const result = await terminal.engine.scan(
        docId,
        operator ? { ...request, operatorId: operator.id } : request,
      );
      const name = (fact.productId && loaded?.products.get(fact.productId)?.name) || request.barcode;
      if (result.ok) report('warning', `${t('docUndo')}: ${name}`);
      else report('error', describeError(lang, result));
      setLastFact(undefined);
      await reload();
    });

  /** Quantity keystrokes apply at once; everything else waits its turn behind earlier scans. */
  const send = (event: FlowEvent): void => {
    if (event.type === 'qty') void dispatch(event);
    else enqueue(() => dispatch(event));
  };

  return { rules, flow, lastFact, send, undo };
}

function blurQuantityField(): void {
  const el = document.activeElement;
  if (el instanceof HTMLInputElement && el.classList.contains('qty-input')) el.blur();
}
