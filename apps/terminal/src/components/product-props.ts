// What the product card lists under the product's own fields: its properties and characteristics
// (Product.props, e.g. from CommerceML offers and catalogs), by name, in a stable order.
import type { Product } from '@shelfsync/protocol';

/** Name and value pairs to show, sorted by name; empty values are left out. */
export function productProps(product: Pick<Product, 'props'>): [string, string][] {
  return Object.entries(product.props ?? {})
    .filter(([name, value]) => name.trim() !== '' && value.trim() !== '')
    .sort(([a], [b]) => a.localeCompare(b));
}
