// Exchange by file, for the RDP relay: write a bundle for the base (downloaded into Download/, where
// the relay collects it) and read the base's answer or an enrollment bundle with a file picker.
import type { BundleImport } from '@shelfsync/terminal-core';
import { useRef, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import type { MessageKey } from '../i18n/en.js';
import { describeError, type Params } from '../i18n/i18n.js';
import { Banner } from './banner.js';

interface Props {
  /** Only an enrolled terminal has something to write; before that it can only read an enrollment. */
  canExport: boolean;
  onImported?: (result: BundleImport) => void;
}

/** The sentence for what a bundle brought in. */
export function importMessage(result: BundleImport): [MessageKey, Params] {
  if (result.kind === 'enrollment') return ['bundleEnrolled', { id: result.deviceId }];
  const s = result.summary;
  const params = {
    sequence: result.sequence,
    pushed: s?.pushed ?? 0,
    changes: s?.pulledChanges ?? 0,
    documents: s?.pulledDocuments ?? 0,
  };
  return [result.partial ? 'bundleReadPartial' : 'bundleRead', params];
}

function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function BundleExchangePanel({ canExport, onImported }: Props) {
  const { t, lang, terminal } = useApp();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string }>();
  const input = useRef<HTMLInputElement>(null);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      setMessage({ kind: 'success', text: await work() });
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(lang, e) });
    } finally {
      setBusy(false);
      void terminal.exchange.refresh();
    }
  };

  const write = () =>
    run(async () => {
      const file = await terminal.engine.exportBundle();
      download(file.name, file.bytes);
      return t('bundleWritten', { name: file.name });
    });

  const read = (file: File) =>
    run(async () => {
      const result = await terminal.engine.importBundle(new Uint8Array(await file.arrayBuffer()));
      onImported?.(result);
      const [key, params] = importMessage(result);
      return t(key, params);
    });

  return (
    <section class="form bundle-panel">
      <h2 class="hint">{t('bundleTitle')}</h2>
      <small class="muted">{t('bundleHint')}</small>
      {canExport && (
        <button type="button" class="btn btn-wide" disabled={busy} onClick={() => void write()}>
          {t('bundleWrite')}
        </button>
      )}
      <button type="button" class="btn btn-wide" disabled={busy} onClick={() => input.current?.click()}>
        {t('bundleReadButton')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".ssb,application/octet-stream"
        hidden
        data-testid="bundle-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void read(file);
        }}
      />
      {message && <Banner kind={message.kind}>{message.text}</Banner>}
    </section>
  );
}
