// Streaming CommerceML 2.03–2.10 / 3.1 reader: yields catalog products, offers (prices, stock,
// variants), classifier entries and task documents as each element completes. Memory stays at one
// element plus the classifier's property dictionary, whatever the file size.
import { ShelfsyncError } from '@shelfsync/protocol';
import { CmlClassifier, groupEvents, warehouseEvents } from './cml-classifier.js';
import { type CmlDocumentOptions, documentEvent } from './cml-document.js';
import type { CmlEvent, CmlPackage, CmlProperty } from './cml-events.js';
import { offerEvent } from './cml-offer.js';
import { productEvent } from './cml-product.js';
import type { XmlNode } from './xml-node.js';
import { readXmlSubtrees } from './xml-subtree-reader.js';

export interface ReadCommerceMlOptions extends CmlDocumentOptions {
  /** Price type (ТипЦены Ид or Наименование) that fills product.price; default: the first declared. */
  priceType?: string;
  /** Properties declared by earlier files, so values naming them by Ид resolve to names. */
  properties?: Iterable<CmlProperty>;
  /** Largest single product, offer or document, in characters (default 64 Mi); past it IMPORT_TOO_LARGE. */
  maxElementChars?: number;
}

export const COMMERCEML_ROOT = 'КоммерческаяИнформация';

const PACKAGES: Record<string, CmlPackage> = {
  Классификатор: 'classifier',
  Каталог: 'catalog',
  ПакетПредложений: 'offers',
  ИзмененияПакетаПредложений: 'offers',
  Контейнер: 'container',
};

/** Packages that are deltas unless they say otherwise: a changes package lists only changes. */
const DELTA_BY_DEFAULT = new Set(['ИзмененияПакетаПредложений']);

/** Elements read whole, by (parent, name); everything else streams past. */
const CAPTURED: Record<string, string> = {
  Документ: '*',
  Товар: 'Товары',
  Предложение: 'Предложения',
  Группа: 'Группы',
  Свойство: 'Свойства',
  ТипЦены: 'ТипыЦен',
  Склад: 'Склады',
};

const capture = (path: readonly string[], name: string): boolean => {
  const parent = name === 'Ид' ? 'Каталог' : CAPTURED[name];
  return parent === '*' || (parent !== undefined && path[path.length - 1] === parent);
};

function openEvents(node: XmlNode, depth: number): CmlEvent[] {
  if (depth === 0) {
    if (node.name !== COMMERCEML_ROOT) {
      throw new ShelfsyncError(
        'IMPORT_NOT_COMMERCEML',
        `The root element is <${node.name}>, not <${COMMERCEML_ROOT}>.`,
        {
          line: node.line,
        },
      );
    }
    const { ВерсияСхемы: schemaVersion, ДатаФормирования: generatedAt } = node.attrs;
    return [
      {
        type: 'root',
        ...(schemaVersion ? { schemaVersion } : {}),
        ...(generatedAt ? { generatedAt } : {}),
        line: node.line,
      },
    ];
  }
  const pkg = PACKAGES[node.name];
  if (pkg === undefined) return [];
  const flag = node.attrs['СодержитТолькоИзменения']?.trim();
  const delta = flag === undefined ? DELTA_BY_DEFAULT.has(node.name) : flag === 'true';
  return [{ type: 'package', package: pkg, delta, full: flag === 'false', line: node.line }];
}

/**
 * Reads a CommerceML file (UTF-8 with or without BOM, windows-1251 or any encoding its XML
 * declaration names; namespace urn:1C.ru:commerceml_2 or none). Malformed XML throws
 * IMPORT_MALFORMED, a non-CommerceML root IMPORT_NOT_COMMERCEML; a bad element is a 'rejected' event.
 */
export async function* readCommerceMl(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: ReadCommerceMlOptions = {},
): AsyncGenerator<CmlEvent> {
  const classifier = new CmlClassifier(opts.properties);
  for await (const event of readXmlSubtrees(source, capture, opts.maxElementChars)) {
    const { node } = event;
    if (event.kind === 'open') {
      yield* openEvents(node, event.path.length);
      continue;
    }
    switch (node.name) {
      case 'Товар':
        yield productEvent(node, classifier);
        break;
      case 'Предложение': {
        const chosen = opts.priceType === undefined ? undefined : classifier.findPriceType(opts.priceType);
        const priceTypeId = chosen ?? opts.priceType ?? classifier.firstPriceTypeId;
        yield offerEvent(
          node,
          { ...(priceTypeId ? { priceTypeId } : {}), strict: opts.priceType !== undefined },
          classifier,
        );
        break;
      }
      case 'Документ':
        yield documentEvent(node, opts);
        break;
      case 'Группа':
        yield* groupEvents(node);
        break;
      case 'Свойство':
        yield* classifier.addProperty(node);
        break;
      case 'ТипЦены':
        yield* classifier.addPriceType(node);
        break;
      case 'Склад':
        yield* warehouseEvents(node);
        break;
      case 'Ид': {
        const id = node.text.trim();
        if (id !== '') yield { type: 'catalog', id, line: node.line };
        break;
      }
    }
  }
}
