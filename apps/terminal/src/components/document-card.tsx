// One document in the main list: number, counterparty, progress against the plan.
import { isDocumentOpen, summarizeDocument } from '@shelfsync/domain';
import type { Document } from '@shelfsync/protocol';
import { useApp } from '../app/app-context.js';
import { formatQty } from '../i18n/i18n.js';
import { ProgressBar } from './progress-bar.js';

export function DocumentCard({ doc }: { doc: Document }) {
  const { lang, t, navigate } = useApp();
  const { totals, complete } = summarizeDocument(doc);
  const open = isDocumentOpen(doc);
  const counted = totals.plan > 0 ? totals.plan - totals.shortage : totals.fact;
  return (
    <button
      type="button"
      class={open ? 'doc-card' : 'doc-card doc-closed'}
      onClick={() => navigate({ name: 'document', id: doc.id })}
    >
      <div class="doc-card-top">
        <strong>{doc.number ?? doc.id}</strong>
        <span class={`status status-${doc.status}`}>{open ? '' : '✓'}</span>
      </div>
      {doc.counterparty && <div class="doc-card-sub">{doc.counterparty}</div>}
      {totals.plan > 0 ? (
        <>
          <ProgressBar done={counted} total={totals.plan} />
          <div class={complete ? 'doc-card-qty ok' : 'doc-card-qty'}>
            {formatQty(lang, counted)} / {formatQty(lang, totals.plan)} ·{' '}
            {t('docLines', { done: totals.doneLines, total: totals.lines })}
          </div>
        </>
      ) : (
        <div class="doc-card-qty">
          {t('docFact')}: {formatQty(lang, totals.fact)}
        </div>
      )}
    </button>
  );
}
