// Classifier elements (groups, properties, price types, warehouses) and the lookups they give the
// product and offer mappers later in the same file: property names, dictionary values, price types.
import { WarehouseSchema } from '@shelfsync/protocol';
import type { CmlEvent, CmlProperty } from './cml-events.js';
import { cleanOrUndefined } from './cml-text.js';
import { child, childrenNamed, childText, type XmlNode } from './xml-node.js';

interface PropertyInfo {
  name: string;
  numeric: boolean;
  /** Dictionary values (ВариантыЗначений/Справочник) by ИдЗначения. */
  values: Map<string, string>;
}

export class CmlClassifier {
  readonly properties = new Map<string, PropertyInfo>();
  readonly priceTypes = new Map<string, string>();
  /** The first price type declared; it fills product.price unless the caller chose another. */
  firstPriceTypeId: string | undefined;

  /** Knows properties declared in earlier files (CommerceML 3.1 declares them in a file of their own). */
  constructor(known: Iterable<CmlProperty> = []) {
    for (const p of known) {
      this.properties.set(p.id, {
        name: p.name,
        numeric: p.numeric,
        values: new Map(Object.entries(p.values)),
      });
    }
  }

  /** Reads Свойство and remembers it for product property values. */
  addProperty(node: XmlNode): CmlEvent[] {
    const id = childText(node, 'Ид');
    if (id === undefined) return [];
    const values = new Map<string, string>();
    for (const v of child(node, 'ВариантыЗначений')?.children ?? []) {
      const valueId = childText(v, 'ИдЗначения');
      const value = cleanOrUndefined(childText(v, 'Значение'));
      if (valueId !== undefined && value !== undefined) values.set(valueId, value);
    }
    const info = {
      name: cleanOrUndefined(childText(node, 'Наименование')) ?? id,
      numeric: childText(node, 'ТипЗначений') === 'Число',
      values,
    };
    this.properties.set(id, info);
    const property = { id, name: info.name, numeric: info.numeric, values: Object.fromEntries(values) };
    return [{ type: 'property', property, line: node.line }];
  }

  addPriceType(node: XmlNode): CmlEvent[] {
    const id = childText(node, 'Ид');
    if (id === undefined) return [];
    const name = cleanOrUndefined(childText(node, 'Наименование')) ?? id;
    this.priceTypes.set(id, name);
    this.firstPriceTypeId ??= id;
    const currency = childText(node, 'Валюта');
    return [{ type: 'priceType', id, name, ...(currency ? { currency } : {}), line: node.line }];
  }

  /** Resolves a price type given by id or by name (e.g. "Розничная"). */
  findPriceType(idOrName: string): string | undefined {
    if (this.priceTypes.has(idOrName)) return idOrName;
    for (const [id, name] of this.priceTypes) if (name === idOrName) return id;
    return undefined;
  }
}

/** Группа with its nested Группы flattened, parents first. */
export function groupEvents(node: XmlNode, parentId?: string): CmlEvent[] {
  const id = childText(node, 'Ид');
  if (id === undefined) return [];
  const name = cleanOrUndefined(childText(node, 'Наименование')) ?? id;
  const events: CmlEvent[] = [
    { type: 'group', id, name, ...(parentId ? { parentId } : {}), line: node.line },
  ];
  const nested = child(node, 'Группы');
  for (const sub of nested ? childrenNamed(nested, 'Группа') : []) events.push(...groupEvents(sub, id));
  return events;
}

export function warehouseEvents(node: XmlNode): CmlEvent[] {
  const parsed = WarehouseSchema.safeParse({
    id: childText(node, 'Ид'),
    name: cleanOrUndefined(childText(node, 'Наименование')) ?? childText(node, 'Ид'),
  });
  return parsed.success ? [{ type: 'warehouse', warehouse: parsed.data, line: node.line }] : [];
}
