// A barcode typed by hand (a damaged label), sent the same way as a scan.
import { useState } from 'preact/hooks';
import { emitScan } from '../scan/scan-bus.js';

export function ManualEntry({
  placeholder,
  inputMode,
}: {
  placeholder: string;
  inputMode?: 'numeric' | 'text';
}) {
  const [value, setValue] = useState('');
  const submit = (ev: Event) => {
    ev.preventDefault();
    const code = value.trim();
    if (code === '') return;
    setValue('');
    emitScan(code, 'manual');
  };
  return (
    <form class="manual" onSubmit={submit}>
      <input
        class="input"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
        placeholder={placeholder}
        inputMode={inputMode ?? 'text'}
        autoComplete="off"
        autoCapitalize="off"
        spellcheck={false}
      />
      <button type="submit" class="btn btn-square" aria-label="OK">
        ↵
      </button>
    </form>
  );
}
