// Which Shelfsync document type a CommerceML ХозОперация becomes. The operation names are the
// ХозОперацияТип enumeration of the CommerceML 2.08/2.10 schema; the role says whose side we are on.

/** Direction of goods for the side named by Роль="Продавец" (the seller). */
const OUTGOING = new Set([
  'Заказ товара',
  'Счет на оплату',
  'Отпуск товара',
  'Счет-фактура',
  'Передача товара на комиссию',
  'Отчет о продажах комиссионного товара',
  'Отчет о списании комиссионного товара',
]);
const INCOMING = new Set(['Возврат товара', 'Возврат комиссионного товара']);
const COUNTING = new Set(['Переоценка товаров']);

/**
 * Default mapping: goods leaving the seller are picked, returns are received, a revaluation is
 * counted. When the file is written from the buyer's side (Роль="Покупатель") the direction flips.
 * Returns undefined for operations with no goods movement (payments, "Прочие").
 */
export function documentTypeFor(operation: string | undefined, role: string | undefined): string | undefined {
  if (operation === undefined) return undefined;
  if (COUNTING.has(operation)) return 'inventory';
  const outgoing = OUTGOING.has(operation) ? true : INCOMING.has(operation) ? false : undefined;
  if (outgoing === undefined) return undefined;
  const buyer = role === 'Покупатель';
  return outgoing !== buyer ? 'picking' : 'receipt';
}

/** The operation and role written back when exporting a document of a Shelfsync type. */
export const OPERATION_FOR_TYPE: Readonly<Record<string, { operation: string; role: string }>> = {
  picking: { operation: 'Отпуск товара', role: 'Продавец' },
  receipt: { operation: 'Заказ товара', role: 'Покупатель' },
  inventory: { operation: 'Прочие', role: 'Продавец' },
  move: { operation: 'Прочие', role: 'Продавец' },
};
