// Catches hardware scanner bursts anywhere on the page with a document-level keydown listener. When a
// text field has focus, the characters of a scan are taken back out of it, so the scan wins and the
// field keeps what the person had typed.
import { emitScan } from './scan-bus.js';
import { WedgeDetector } from './wedge-detector.js';
import { wedgeKey } from './wedge-key.js';

interface FieldSnapshot {
  field: HTMLInputElement | HTMLTextAreaElement;
  value: string;
  start: number | null;
  end: number | null;
}

export function installKeyboardWedge(doc: Document = document): () => void {
  const detector = new WedgeDetector();
  let snapshot: FieldSnapshot | undefined;

  const onKeyDown = (ev: KeyboardEvent) => {
    const key = wedgeKey(ev);
    if (key === undefined) return;
    const verdict = detector.feed(key, ev.timeStamp || performance.now(), isTextField(doc.activeElement));
    if (verdict.type === 'char' && verdict.burstStart) snapshot = snapshotField(doc.activeElement);
    if (verdict.type !== 'scan') return;
    ev.preventDefault();
    ev.stopPropagation();
    if (snapshot) restoreField(snapshot);
    snapshot = undefined;
    emitScan(verdict.code, 'wedge');
  };
  doc.addEventListener('keydown', onKeyDown, true);
  return () => doc.removeEventListener('keydown', onKeyDown, true);
}

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file']);

function isTextField(el: Element | null): boolean {
  if (el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(el.type);
}

function snapshotField(el: Element | null): FieldSnapshot | undefined {
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return undefined;
  return { field: el, value: el.value, start: el.selectionStart, end: el.selectionEnd };
}

/** Puts the value back and tells the component, which holds the value in its state. */
function restoreField(s: FieldSnapshot): void {
  if (s.field.value === s.value) return;
  s.field.value = s.value;
  try {
    if (s.start !== null && s.end !== null) s.field.setSelectionRange(s.start, s.end);
  } catch {
    // Number inputs do not support selection ranges.
  }
  s.field.dispatchEvent(new Event('input', { bubbles: true }));
}
