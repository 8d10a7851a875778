// The product card of the lookup screen: what the local catalog says (its properties and
// characteristics too), plus stock by cell when the base can be asked (online only; offline the
// card still shows everything else).
import type { Packing, Product, StockRow } from '@shelfsync/protocol';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { formatQty } from '../i18n/i18n.js';
import { productProps } from './product-props.js';

export function ProductCard({ product, packing }: { product: Product; packing?: Packing | undefined }) {
  const { t, lang } = useApp();
  return (
    <article class="card">
      <h2 class="card-title">{product.name}</h2>
      {packing && (
        <p class="card-packing">
          {packing.name} × {formatQty(lang, packing.factor)}
        </p>
      )}
      <dl class="props">
        {product.sku && <Prop label={t('lookupSku')} value={product.sku} />}
        {product.unit && <Prop label={t('lookupUnit')} value={product.unit} />}
        {product.price !== undefined && (
          <Prop
            label={t('lookupPrice')}
            value={product.price.toLocaleString(lang, { minimumFractionDigits: 2 })}
          />
        )}
        {product.packings.length > 0 && (
          <Prop
            label={t('lookupPackings')}
            value={product.packings.map((p) => `${p.name} × ${formatQty(lang, p.factor)}`).join(', ')}
          />
        )}
        <Prop label={t('lookupBarcodes')} value={product.barcodes.join(', ')} />
        {productProps(product).map(([name, value]) => (
          <Prop key={name} label={name} value={value} />
        ))}
      </dl>
      <Stock productId={product.id} />
    </article>
  );
}

function Stock({ productId }: { productId: string }) {
  const { t, lang, terminal } = useApp();
  const [rows, setRows] = useState<{ cell: string; qty: number }[] | 'offline'>();

  useEffect(() => {
    setRows(undefined);
    if (!navigator.onLine) return setRows('offline');
    let current = true;
    void (async () => {
      try {
        const stock: StockRow[] = await terminal.engine.stock(productId);
        const named = await Promise.all(
          stock.map(async (r) => ({
            cell: (await terminal.store.getRow('cells', r.cellId))?.name ?? r.cellId,
            qty: r.qty,
          })),
        );
        if (current) setRows(named);
      } catch {
        if (current) setRows('offline');
      }
    })();
    return () => {
      current = false;
    };
  }, [terminal, productId]);

  if (rows === undefined) return null;
  if (rows === 'offline') return <p class="muted">{t('lookupStockOffline')}</p>;
  if (rows.length === 0) return <p class="muted">{t('lookupNoStock')}</p>;
  return (
    <dl class="props stock">
      {rows.map((r) => (
        <Prop key={r.cell} label={r.cell} value={formatQty(lang, r.qty)} />
      ))}
    </dl>
  );
}

function Prop({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
