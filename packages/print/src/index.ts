export { BUILTIN_TEMPLATES, PRODUCT_LABEL } from './builtin-templates.js';
export type { LabelFields, LabelTemplate } from './label-template.js';
export { escapeFieldData, renderZpl } from './render-zpl.js';
