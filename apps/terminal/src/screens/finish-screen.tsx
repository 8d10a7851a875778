// Finishing a document: shortages and excess from the summary, then confirmation. Giving the
// document back unfinished is here too, as the other way out.
import type { SummaryLine } from '@shelfsync/domain';
import { useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { useDocument } from '../app/use-document.js';
import { useOpenDocument } from '../app/use-open-document.js';
import { Banner } from '../components/banner.js';
import { ScreenHeader } from '../components/screen-header.js';
import { feedback } from '../feedback/feedback.js';
import { describeError, formatQty } from '../i18n/i18n.js';

export function FinishScreen({ id }: { id: string }) {
  const { t, lang, terminal, navigate, back } = useApp();
  const { loaded } = useDocument(terminal, id);
  useOpenDocument(terminal, id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [confirmRelease, setConfirmRelease] = useState(false);

  if (!loaded) return <div class="screen loading">{t('loading')}</div>;
  const { summary, type, doc } = loaded;
  const { totals } = summary;
  const differing = summary.lines.filter(
    (l) => l.state !== 'done' && !(l.state === 'under' && totals.plan === 0),
  );

  const act = async (action: 'complete' | 'release') => {
    setBusy(true);
    setError(undefined);
    try {
      if (action === 'complete') await terminal.engine.complete(id);
      else await terminal.engine.release(id);
      feedback('success');
      // Types that say so are sent at once when a link exists; otherwise the background loop does it.
      if (action === 'release' || (type?.exchangeOnComplete ?? true)) void terminal.exchange.exchangeNow();
      navigate({ name: 'main' });
    } catch (e) {
      feedback('error');
      setError(describeError(lang, e));
      setBusy(false);
    }
  };

  return (
    <div class="screen">
      <ScreenHeader
        title={t('finishTitle')}
        subtitle={`${type?.name[lang] ?? doc.type} ${doc.number ?? doc.id}`}
        onBack={back}
      />
      <div class="content">
        {summary.complete ? (
          <Banner kind="success">{t('finishComplete')}</Banner>
        ) : (
          <div class="totals">
            {totals.shortage > 0 && (
              <Banner kind="warning">{t('finishShortage', { qty: formatQty(lang, totals.shortage) })}</Banner>
            )}
            {totals.excess > 0 && (
              <Banner kind="error">{t('finishExcess', { qty: formatQty(lang, totals.excess) })}</Banner>
            )}
            {totals.unknown > 0 && (
              <Banner kind="error">{t('finishUnknown', { qty: formatQty(lang, totals.unknown) })}</Banner>
            )}
          </div>
        )}
        <ul class="lines">
          {differing.map((l) => (
            <DiffRow key={l.key} line={l} name={lineName(l, loaded.products)} />
          ))}
        </ul>
        {error && <Banner kind="error">{error}</Banner>}
        {confirmRelease && <Banner kind="warning">{t('docReleaseConfirm')}</Banner>}
      </div>
      <nav class="bottom bottom-stack">
        {confirmRelease ? (
          <div class="bottom-row">
            <button
              type="button"
              class="btn btn-danger btn-wide"
              disabled={busy}
              onClick={() => void act('release')}
            >
              {t('yes')}
            </button>
            <button type="button" class="btn btn-wide" onClick={() => setConfirmRelease(false)}>
              {t('no')}
            </button>
          </div>
        ) : (
          <>
            <button
              type="button"
              class="btn btn-primary btn-wide"
              disabled={busy}
              onClick={() => void act('complete')}
            >
              {t('finishConfirm')}
            </button>
            <div class="bottom-row">
              <button type="button" class="btn btn-wide" onClick={back}>
                {t('finishBack')}
              </button>
              <button type="button" class="btn btn-wide" onClick={() => setConfirmRelease(true)}>
                {t('docRelease')}
              </button>
            </div>
          </>
        )}
      </nav>
    </div>
  );
}

function lineName(line: SummaryLine, products: ReadonlyMap<string, { name: string }>): string {
  if (line.productId) return products.get(line.productId)?.name ?? line.productId;
  return line.barcode ?? '?';
}

function DiffRow({ line, name }: { line: SummaryLine; name: string }) {
  const { lang } = useApp();
  const diff = line.fact - line.plan;
  return (
    <li class={diff < 0 ? 'line line-short' : 'line line-bad'}>
      <div class="line-main">
        <div class="line-name">{name}</div>
      </div>
      <div class="line-qty">
        <span class="line-fact">{formatQty(lang, line.fact)}</span>
        <span class="line-plan"> / {formatQty(lang, line.plan)}</span>
        <div class="line-diff">
          {diff > 0 ? '+' : ''}
          {formatQty(lang, diff)}
        </div>
      </div>
    </li>
  );
}
