// Document types shipped with the product. The base may override them; these are the defaults.
import type { DocumentType } from '@shelfsync/protocol';

export const DEFAULT_DOCUMENT_TYPES: readonly DocumentType[] = [
  {
    // Приёмка по заказу: what arrives is checked against the order; excess is refused.
    id: 'receipt',
    name: { en: 'Receipt', ru: 'Приёмка' },
    overPlan: 'refuse',
    notInPlan: 'refuse',
    unknownBarcode: 'keep',
    cellRequired: false,
    quantityMode: 'one',
    markingRequired: false,
    exchangeOnComplete: true,
    creatableOnTerminal: false,
    shared: false,
    allowShortage: true,
  },
  {
    // Подбор: lines by cell route, cell first, nothing beyond the order.
    id: 'picking',
    name: { en: 'Picking', ru: 'Подбор' },
    overPlan: 'refuse',
    notInPlan: 'refuse',
    unknownBarcode: 'refuse',
    cellRequired: true,
    quantityMode: 'one',
    markingRequired: false,
    exchangeOnComplete: true,
    creatableOnTerminal: false,
    shared: false,
    allowShortage: true,
  },
  {
    // Инвентаризация: count what is there, by cell; several terminals may count one document.
    id: 'inventory',
    name: { en: 'Inventory', ru: 'Инвентаризация' },
    overPlan: 'allow',
    notInPlan: 'add',
    unknownBarcode: 'keep',
    cellRequired: true,
    quantityMode: 'one',
    markingRequired: false,
    exchangeOnComplete: true,
    creatableOnTerminal: true,
    shared: true,
    allowShortage: true,
  },
  {
    // Перемещение: source cell → products → target cell.
    id: 'move',
    name: { en: 'Move', ru: 'Перемещение' },
    overPlan: 'warn',
    notInPlan: 'add',
    unknownBarcode: 'refuse',
    cellRequired: true,
    quantityMode: 'one',
    markingRequired: false,
    exchangeOnComplete: true,
    creatableOnTerminal: true,
    shared: false,
    allowShortage: true,
  },
];
