// Plan against fact per line: green when they match, red when over plan, not in plan or unknown,
// amber while a line is partly done, plain while untouched. Red is kept for what needs action, so a
// half-picked line does not look like a mistake.
import type { SummaryLine } from '@shelfsync/domain';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import type { LoadedDocument } from '../app/use-document.js';
import { formatQty } from '../i18n/i18n.js';

interface Props {
  loaded: LoadedDocument;
  /** The line the last scan went to; it is highlighted and scrolled into view. */
  activeKey?: string;
}

export function LineList({ loaded, activeKey }: Props) {
  const { t } = useApp();
  if (loaded.lines.length === 0) return <p class="empty">{t('docEmpty')}</p>;
  return (
    <ul class="lines">
      {loaded.lines.map((line) => (
        <LineRow key={line.key} line={line} loaded={loaded} active={line.key === activeKey} />
      ))}
    </ul>
  );
}

function lineClass(line: SummaryLine): string {
  if (line.state === 'done') return 'line line-ok';
  if (line.state === 'under') return line.fact === 0 ? 'line' : 'line line-short';
  return 'line line-bad';
}

function LineRow({ line, loaded, active }: { line: SummaryLine; loaded: LoadedDocument; active: boolean }) {
  const { t, lang } = useApp();
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const product = line.productId ? loaded.products.get(line.productId) : undefined;
  const name = product?.name ?? t('docUnknownProduct', { barcode: line.barcode ?? '' });
  const cell = line.cellId ? loaded.cells.get(line.cellId) : undefined;
  const isPlanned = line.planLineId !== null;
  return (
    <li ref={ref} class={active ? `${lineClass(line)} line-active` : lineClass(line)}>
      <div class="line-main">
        <div class="line-name">{name}</div>
        <div class="line-meta">
          {product?.sku && <span>{product.sku}</span>}
          {cell && <span class="line-cell">▣ {cell}</span>}
          {line.state === 'extra' && <span class="tag">{t('docExtra')}</span>}
        </div>
      </div>
      <div class="line-qty">
        <span class="line-fact">{formatQty(lang, line.fact)}</span>
        {isPlanned && <span class="line-plan"> / {formatQty(lang, line.plan)}</span>}
      </div>
    </li>
  );
}
