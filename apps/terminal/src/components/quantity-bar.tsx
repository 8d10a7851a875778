// The quantity for the next scan (1 by default) with −/+ for gloved hands; in `ask` mode it shows the
// scanned product waiting for OK.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { type FlowEvent, type FlowState, parseQty } from '../flow/scan-flow.js';

interface Props {
  flow: FlowState;
  dispatch: (event: FlowEvent) => void;
  /** Shown left of the quantity (the current cell); the word "Quantity" when absent. */
  leading?: ComponentChildren;
}

export function QuantityBar({ flow, dispatch, leading }: Props) {
  const { t } = useApp();
  // A product waiting for its quantity takes the keypad at once: digits, then Enter (or the next scan).
  const field = useRef<HTMLInputElement>(null);
  const pendingBarcode = flow.pending?.barcode;
  useEffect(() => {
    if (pendingBarcode !== undefined) field.current?.select();
    else if (document.activeElement === field.current) field.current?.blur();
  }, [pendingBarcode]);
  const step = (delta: number) => {
    const next = (parseQty(flow.qty) ?? 0) + delta;
    dispatch({ type: 'qty', value: String(next === 0 ? delta : next) });
  };
  return (
    <form
      class={flow.pending ? 'qty qty-pending' : 'qty'}
      onSubmit={(e) => {
        e.preventDefault();
        dispatch({ type: 'confirm' });
      }}
    >
      {flow.pending && <div class="qty-item">{flow.pending.name}</div>}
      <div class="qty-row">
        {leading ?? <span class="qty-label">{t('docQty')}</span>}
        <button type="button" class="btn btn-square" onClick={() => step(-1)} aria-label="−1">
          −
        </button>
        <input
          ref={field}
          class="input qty-input"
          inputMode="decimal"
          value={flow.qty}
          onInput={(e) => dispatch({ type: 'qty', value: e.currentTarget.value })}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="btn btn-square" onClick={() => step(1)} aria-label="+1">
          +
        </button>
        {flow.pending && (
          <button type="submit" class="btn btn-primary btn-square">
            {t('ok')}
          </button>
        )}
      </div>
    </form>
  );
}
