// Exports completed documents to out/, exactly once: a document is acknowledged in the store only
// after its file is durable, and a file already present for it (written before a crash that came
// before the acknowledgement) is acknowledged without being written again.
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentStore } from '@shelfsync/store';
import { writeDurably } from './durable-write.js';
import { type ExportFormat, exportFileName, renderDocument } from './export-format.js';

export interface ExportCompletedOptions {
  outDir: string;
  store: DocumentStore;
  format: ExportFormat;
  now: () => Date;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes and acknowledges every completed document; returns the names written or recognised. */
export async function exportCompleted(opts: ExportCompletedOptions): Promise<string[]> {
  const done: string[] = [];
  let after = 0;
  for (;;) {
    // One at a time: `next` is then exactly this document's completion sequence.
    const page = await opts.store.listCompleted(after, 1);
    const doc = page.items[0];
    if (doc === undefined) return done;
    after = page.next;
    const name = exportFileName(page.next, doc.id, opts.format);
    if (!(await exists(path.join(opts.outDir, name)))) {
      await writeDurably(opts.outDir, name, renderDocument(doc, opts.format, opts.now()));
    }
    await opts.store.ackDocument(doc.id, opts.now().toISOString());
    done.push(name);
  }
}
