// Templates the server ships with. UTF-8 (^CI28) and a scalable font that has Cyrillic (^A0).
import type { LabelTemplate } from './label-template.js';

export const PRODUCT_LABEL: LabelTemplate = {
  id: 'product-label',
  version: 1,
  title: 'Product label',
  zpl: '^XA^CI28^PW580^LL400^FO30,30^A0N,40,40^FH_^FD{{product.name}}^FS^FO30,100^A0N,30,30^FH_^FD{{product.id}}^FS^XZ',
};

export const BUILTIN_TEMPLATES: readonly LabelTemplate[] = [PRODUCT_LABEL];
