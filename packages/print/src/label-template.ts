// A label template: ZPL II source with `{{path}}` placeholders filled from the label's fields.
// The contract between the print queue (which stores and sends jobs) and the renderer.

/** Fields a template may name: `product.name`, `scan.raw`, `operator.name`, … (flat, dotted keys). */
export type LabelFields = Readonly<Record<string, string>>;

export interface LabelTemplate {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  /** ZPL II source between ^XA and ^XZ; placeholders sit only inside ^FD … ^FS field data. */
  readonly zpl: string;
}
