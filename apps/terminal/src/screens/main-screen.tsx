// Home: the exchange state, documents grouped by type with progress, lookup and settings. A scan
// here opens the document issued for that barcode (asking the base for it when needed), or shows
// the product. App updates are offered here only, never in the middle of a document.
import { type DocumentType, ShelfsyncError } from '@shelfsync/protocol';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { isAssignedTo } from '../app/assigned-to.js';
import { type DocumentGroup, groupDocuments } from '../app/group-documents.js';
import type { StorageHealth } from '../app/storage-health.js';
import { useExchangeState } from '../app/use-exchange-state.js';
import { usePendingConfig } from '../app/use-pending-config.js';
import { AppUpdateBanner } from '../components/app-update-banner.js';
import { Banner } from '../components/banner.js';
import { DocumentCard } from '../components/document-card.js';
import { ExchangePanel } from '../components/exchange-panel.js';
import { NewDocumentMenu } from '../components/new-document-menu.js';
import { RejectionsBanner } from '../components/rejections-banner.js';
import { ScreenHeader } from '../components/screen-header.js';
import { feedback } from '../feedback/feedback.js';
import { describeError, formatBytes } from '../i18n/i18n.js';
import { useScans } from '../scan/use-scans.js';

export function MainScreen({ storage }: { storage: StorageHealth | undefined }) {
  const { t, lang, terminal, navigate, operator } = useApp();
  const exchange = useExchangeState(terminal.exchange);
  const [groups, setGroups] = useState<DocumentGroup[]>();
  const [types, setTypes] = useState<readonly DocumentType[]>([]);
  const [message, setMessage] = useState<string>();
  const { applied: configVersion, settled: configSettled } = usePendingConfig(
    terminal,
    exchange.pendingConfigVersion,
  );

  useEffect(() => {
    void (async () => {
      const [tasks, docs, types] = await Promise.all([
        terminal.engine.tasks(),
        terminal.engine.listDocuments(),
        terminal.documentTypes(),
      ]);
      setTypes(types);
      setGroups(
        groupDocuments(
          tasks,
          docs.filter((d) => isAssignedTo(d, operator)),
          types,
        ),
      );
    })();
  }, [terminal, operator, exchange.revision, exchange.pending, configVersion]);

  // A document's own barcode opens it; a product or cell shows its card; any other code may be a
  // pallet label the base issues a task for (placement), asked for when online.
  useScans(async (code) => {
    setMessage(undefined);
    const doc = groups?.flatMap((g) => g.docs).find((d) => d.barcode === code || d.number === code);
    if (doc) return navigate({ name: 'document', id: doc.id });
    if ((await terminal.engine.lookup(code)) || !navigator.onLine)
      return navigate({ name: 'lookup', barcode: code });
    try {
      const claimed = await terminal.engine.claimByBarcode(code);
      feedback('success');
      navigate({ name: 'document', id: claimed.id });
    } catch (e) {
      if (e instanceof ShelfsyncError && e.code === 'DOC_NOT_FOUND')
        return navigate({ name: 'lookup', barcode: code });
      feedback('error');
      setMessage(describeError(lang, e));
    }
  });

  return (
    <div class="screen">
      <ScreenHeader
        title={t('appName')}
        {...(operator ? { subtitle: operator.name } : {})}
        right={
          <button
            type="button"
            class="bar-action"
            onClick={() => navigate({ name: 'settings' })}
            aria-label={t('settings')}
          >
            ⚙
          </button>
        }
      />
      <div class="content">
        <ExchangePanel />
        {terminal.volatile && <Banner kind="error">{t('volatileStorage')}</Banner>}
        {storage?.low && storage.free !== undefined && (
          <Banner kind="warning">{t('lowStorage', { free: formatBytes(storage.free) })}</Banner>
        )}
        {message && <Banner kind="error">{message}</Banner>}
        <AppUpdateBanner pendingVersion={exchange.pendingAppVersion} ready={configSettled} />
        <RejectionsBanner count={exchange.rejections} />
        {groups?.length === 0 && <p class="empty">{t('noDocuments')}</p>}
        {groups?.map((g) => (
          <section key={g.typeId} class="doc-group">
            <h2>
              {g.type?.name[lang] ?? g.typeId} <span class="count">{g.docs.length}</span>
            </h2>
            {g.docs.map((d) => (
              <DocumentCard key={d.id} doc={d} />
            ))}
          </section>
        ))}
      </div>
      <nav class="bottom bottom-stack">
        <NewDocumentMenu types={types} onError={setMessage} />
        <button type="button" class="btn btn-wide" onClick={() => navigate({ name: 'lookup' })}>
          {t('lookup')}
        </button>
      </nav>
    </div>
  );
}
