// The scanning flow of a document screen as a pure state machine: scan the cell when the type asks
// for one, then the product, then the quantity (1 by default, editable), then the next. The screen
// feeds it classified scans and key presses and carries out the effects it returns.

export type FlowStep = 'cell' | 'product' | 'qty';

export interface FlowRules {
  cellRequired: boolean;
  /** `one`: a scan counts at once with the quantity on screen; `ask`: the operator confirms it. */
  quantityMode: 'one' | 'ask';
}

export interface FlowCell {
  id: string;
  name: string;
}

/** A scanned product waiting for its quantity (quantityMode `ask`). */
export interface PendingItem {
  barcode: string;
  name: string;
}

export interface FlowState {
  step: FlowStep;
  cell?: FlowCell;
  pending?: PendingItem;
  /** The quantity on screen, as typed; applied to the next submission, then back to 1. */
  qty: string;
}

export type FlowEvent =
  | { type: 'cell'; cell: FlowCell }
  /** `qty`: what the barcode itself says (a weight), offered instead of 1 when the operator confirms. */
  | { type: 'item'; barcode: string; name: string; qty?: string }
  | { type: 'qty'; value: string }
  | { type: 'confirm' }
  | { type: 'cancel' }
  | { type: 'clearCell' };

export type FlowEffect =
  | { type: 'submit'; barcode: string; name: string; qty: number; cellId?: string }
  | { type: 'refuse'; code: 'SCAN_CELL_REQUIRED' | 'SCAN_BAD_QUANTITY' }
  | { type: 'cellSet'; cell: FlowCell };

export interface FlowResult {
  state: FlowState;
  effects: FlowEffect[];
}

const DEFAULT_QTY = '1';

export function initialFlow(rules: FlowRules, cell?: FlowCell): FlowState {
  const state: FlowState = { step: rules.cellRequired && !cell ? 'cell' : 'product', qty: DEFAULT_QTY };
  if (cell) state.cell = cell;
  return state;
}

/** Quantity as typed (comma or dot decimals) → a finite non-zero number, or undefined. */
export function parseQty(value: string): number | undefined {
  const text = value.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const qty = Number(text);
  return Number.isFinite(qty) && qty !== 0 ? qty : undefined;
}

export function reduceFlow(state: FlowState, event: FlowEvent, rules: FlowRules): FlowResult {
  switch (event.type) {
    case 'cell':
      return onCell(state, event.cell);
    case 'item':
      return onItem(state, { barcode: event.barcode, name: event.name }, rules, event.qty);
    case 'qty':
      return { state: { ...state, qty: event.value }, effects: [] };
    case 'confirm':
      return state.pending ? flushPending(state, rules) : { state, effects: [] };
    case 'cancel':
      return { state: withoutPending(state, rules), effects: [] };
    case 'clearCell': {
      const { cell: _dropped, ...rest } = withoutPending(state, rules);
      return { state: { ...rest, step: rules.cellRequired ? 'cell' : 'product' }, effects: [] };
    }
  }
}

/** A new cell first settles a pending item in the cell it was scanned in. */
function onCell(state: FlowState, cell: FlowCell): FlowResult {
  const settled = state.pending
    ? flushPending(state, { cellRequired: false, quantityMode: 'ask' })
    : undefined;
  if (settled?.effects.some((e) => e.type === 'refuse')) return settled;
  const base = settled?.state ?? state;
  return {
    state: { ...base, cell, step: 'product' },
    effects: [...(settled?.effects ?? []), { type: 'cellSet', cell }],
  };
}

function onItem(state: FlowState, item: PendingItem, rules: FlowRules, ownQty?: string): FlowResult {
  if (rules.cellRequired && !state.cell) {
    return { state: { ...state, step: 'cell' }, effects: [{ type: 'refuse', code: 'SCAN_CELL_REQUIRED' }] };
  }
  if (rules.quantityMode === 'one') return submit(state, item, rules);
  // In `ask` mode the next scan confirms the quantity of the previous one, as on most terminals.
  const settled = state.pending ? flushPending(state, rules) : { state, effects: [] };
  if (settled.effects.some((e) => e.type === 'refuse')) return settled;
  return {
    state: { ...settled.state, pending: item, step: 'qty', qty: ownQty ?? DEFAULT_QTY },
    effects: settled.effects,
  };
}

function flushPending(state: FlowState, rules: FlowRules): FlowResult {
  if (!state.pending) return { state, effects: [] };
  return submit(state, state.pending, rules);
}

function submit(state: FlowState, item: PendingItem, rules: FlowRules): FlowResult {
  const qty = parseQty(state.qty);
  if (qty === undefined) return { state, effects: [{ type: 'refuse', code: 'SCAN_BAD_QUANTITY' }] };
  const effect: FlowEffect = { type: 'submit', barcode: item.barcode, name: item.name, qty };
  if (state.cell) effect.cellId = state.cell.id;
  return { state: { ...withoutPending(state, rules), qty: DEFAULT_QTY }, effects: [effect] };
}

function withoutPending(state: FlowState, rules: FlowRules): FlowState {
  const { pending: _dropped, ...rest } = state;
  return { ...rest, qty: DEFAULT_QTY, step: rules.cellRequired && !state.cell ? 'cell' : 'product' };
}
