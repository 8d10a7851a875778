// A document being processed: scan the cell (when the type asks), then products, with the quantity
// on screen; plan against fact per line. Scans are handled one at a time, in order.
import { isDocumentOpen } from '@shelfsync/domain';
import { useApp } from '../app/app-context.js';
import { useDocument } from '../app/use-document.js';
import { useOpenDocument } from '../app/use-open-document.js';
import { useScanOutcome } from '../app/use-scan-outcome.js';
import { Banner } from '../components/banner.js';
import { CameraButton } from '../components/camera-scanner.js';
import { CellChip } from '../components/cell-chip.js';
import { LineList } from '../components/line-list.js';
import { ManualEntry } from '../components/manual-entry.js';
import { QuantityBar } from '../components/quantity-bar.js';
import { ScreenHeader } from '../components/screen-header.js';
import { activeLineKey } from '../flow/active-line-key.js';
import { nextOpenLine } from '../flow/order-by-route.js';
import { useDocumentScanning } from './use-document-scanning.js';

export function DocumentScreen({ id }: { id: string }) {
  const { t, lang, terminal, navigate, back } = useApp();
  const { loaded, reload } = useDocument(terminal, id);
  useOpenDocument(terminal, id);
  const { outcome, report } = useScanOutcome();
  const { rules, flow, lastFact, send, undo } = useDocumentScanning({ docId: id, loaded, reload, report });

  if (loaded === null) {
    return (
      <div class="screen">
        <ScreenHeader title={t('documents')} onBack={back} />
        <div class="content">
          <Banner kind="error">{t('docNotFound')}</Banner>
        </div>
      </div>
    );
  }
  if (!loaded) return <div class="screen loading">{t('loading')}</div>;

  const { doc, type } = loaded;
  const open = isDocumentOpen(doc);
  const next = nextOpenLine(loaded.lines);
  const nextCell = next?.cellId ? loaded.cells.get(next.cellId) : undefined;
  const prompt =
    flow.step === 'qty'
      ? t('docEnterQty')
      : flow.step === 'cell'
        ? nextCell
          ? t('docGoToCell', { name: nextCell })
          : t('docScanCell')
        : t('docScanProduct');
  return (
    <div class="screen">
      <ScreenHeader
        title={doc.number ?? doc.id}
        subtitle={[type?.name[lang] ?? doc.type, doc.counterparty].filter(Boolean).join(' · ')}
        onBack={back}
        right={
          open && (
            <button
              type="button"
              class="bar-action bar-finish"
              onClick={() => navigate({ name: 'finish', id })}
            >
              {t('docFinish')}
            </button>
          )
        }
      />
      <div class="doc-head">
        {outcome ? (
          <Banner key={outcome.seq} kind={outcome.kind} flash>
            {outcome.text}
          </Banner>
        ) : (
          <Banner kind="info">{open ? prompt : t('docClosed')}</Banner>
        )}
        {open && (
          <QuantityBar
            flow={flow}
            {...(rules.cellRequired || flow.cell
              ? {
                  leading: <CellChip cell={flow.cell} onClear={() => send({ type: 'clearCell' })} />,
                }
              : {})}
            dispatch={send}
          />
        )}
      </div>
      <div class="content content-lines">
        <LineList loaded={loaded} {...withKey(activeLineKey(loaded.summary, lastFact))} />
      </div>
      {open && (
        <nav class="bottom bottom-row">
          <ManualEntry placeholder={t('docManual')} />
          <CameraButton />
          <button
            type="button"
            class="btn btn-square"
            disabled={!lastFact}
            aria-label={t('docUndo')}
            title={t('docUndo')}
            onClick={() => lastFact && undo(lastFact)}
          >
            ↶
          </button>
        </nav>
      )}
    </div>
  );
}

function withKey(key: string | undefined): { activeKey?: string } {
  return key === undefined ? {} : { activeKey: key };
}
