// Price check / product lookup: scan a barcode, see the product card. Works offline from the catalog;
// a barcode the catalog lacks is asked from the base when online (the engine's hybrid lookup).
import type { LookupResult } from '@shelfsync/terminal-core';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { Banner } from '../components/banner.js';
import { CameraButton } from '../components/camera-scanner.js';
import { ManualEntry } from '../components/manual-entry.js';
import { ProductCard } from '../components/product-card.js';
import { ScreenHeader } from '../components/screen-header.js';
import { feedback } from '../feedback/feedback.js';
import { useScans } from '../scan/use-scans.js';

export function LookupScreen({ initial }: { initial?: string }) {
  const { t, terminal, back } = useApp();
  // A counter makes the same barcode scanned twice look it up (and beep) twice.
  const [query, setQuery] = useState(initial === undefined ? undefined : { code: initial, n: 0 });
  const [result, setResult] = useState<LookupResult>();
  const barcode = query?.code;

  useEffect(() => {
    if (query === undefined) return;
    void terminal.engine.lookup(query.code).then((r) => {
      feedback(r ? 'success' : 'error');
      setResult(r);
    });
  }, [terminal, query]);

  useScans((code) => {
    setResult(undefined);
    setQuery((q) => ({ code, n: (q?.n ?? 0) + 1 }));
  });

  return (
    <div class="screen">
      <ScreenHeader title={t('lookupTitle')} onBack={back} />
      <div class="content">
        {barcode === undefined && <p class="hint big-hint">{t('lookupHint')}</p>}
        {barcode !== undefined && result === null && (
          <Banner kind="error">{t('lookupNotFound', { barcode })}</Banner>
        )}
        {result?.kind === 'cell' && (
          <Banner kind="info">{t('lookupCell', { name: result.cell.name })}</Banner>
        )}
        {result?.kind === 'product' && <ProductCard product={result.product} packing={result.packing} />}
      </div>
      <nav class="bottom bottom-row">
        <ManualEntry placeholder={t('docManual')} />
        <CameraButton />
      </nav>
    </div>
  );
}
