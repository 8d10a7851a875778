// Layout (c) as the UI thread sees it: every call is a message round trip to the SQLite worker.
import type { BenchLayout } from './bench-layout.js';
import type { BenchProduct } from './generate-products.js';

export class SqliteOpfsLayout implements BenchLayout {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  libVersion = '';

  /** See sqlite-worker.ts: true builds the indexes after the last page. */
  constructor(private readonly deferIndexes = false) {}

  private call(msg: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ ...msg, id });
    });
  }

  async open(): Promise<void> {
    this.worker = new Worker('/sqlite-worker.js', { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
      const w = this.waiting.get(e.data.id);
      this.waiting.delete(e.data.id);
      if (e.data.error !== undefined) w?.reject(new Error(e.data.error));
      else w?.resolve(e.data.result);
    };
    this.libVersion = String(await this.call({ op: 'open', deferIndexes: this.deferIndexes }));
  }

  async writePage(from: number, to: number): Promise<void> {
    await this.call({ op: 'page', from, to });
  }

  async finish(): Promise<void> {
    await this.call({ op: 'finish' });
  }

  async lookup(code: string): Promise<BenchProduct | undefined> {
    const data = (await this.call({ op: 'lookup', code })) as string | undefined;
    return data === undefined ? undefined : (JSON.parse(data) as BenchProduct);
  }

  close(): void {
    void this.call({ op: 'close' }).finally(() => this.worker?.terminate());
  }
}
