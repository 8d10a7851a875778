// How the virtual terminal prints: short human lines by default, JSON with --json for scripts and tests.
import type { ScanOutcome } from '@shelfsync/domain';
import type { LookupResult, SyncSummary, TerminalEngine } from '@shelfsync/terminal-core';

const write = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};
const json = (value: unknown) => write(JSON.stringify(value, null, 2));

export function printSync(summary: SyncSummary, asJson: boolean): void {
  if (asJson) {
    json(summary);
    return;
  }
  write(
    `exchange done: sent ${summary.pushed} change(s), received ${summary.pulledChanges} catalog change(s) ` +
      `and ${summary.pulledDocuments} document(s); ${summary.pending} waiting to be sent`,
  );
  if (summary.rejected.length > 0)
    write(`  ${summary.rejected.length} change(s) were refused by the base: see \`terminal status\``);
  for (const r of summary.revocations)
    write(`  document ${r.id} was taken back: ${r.reason ?? 'no longer yours'}`);
}

export async function printDocuments(t: TerminalEngine, asJson: boolean): Promise<void> {
  const docs = await t.listDocuments();
  const withSummary = await Promise.all(docs.map(async (doc) => ({ doc, summary: await t.summary(doc.id) })));
  if (asJson) {
    json(withSummary.map(({ doc, summary }) => ({ ...doc, summary })));
    return;
  }
  if (docs.length === 0) write('no documents on this terminal (run `terminal sync`)');
  for (const { doc, summary } of withSummary) {
    const t = summary.totals;
    const flags = [t.shortage > 0 ? `short ${t.shortage}` : '', t.excess > 0 ? `excess ${t.excess}` : '']
      .filter(Boolean)
      .join(', ');
    write(
      `${doc.id}  ${doc.type}  ${doc.number ?? ''}  ${doc.status}  plan ${t.plan} / fact ${t.fact}${flags ? `  (${flags})` : ''}`,
    );
    for (const line of summary.lines) {
      const what = line.productId ?? `unknown barcode ${line.barcode ?? ''}`;
      write(
        `    ${line.state.padEnd(7)} ${what}${line.cellId ? ` @${line.cellId}` : ''}  ${line.fact}/${line.plan}`,
      );
    }
  }
}

export function printLookup(barcode: string, result: LookupResult, asJson: boolean): void {
  if (asJson) {
    json(result);
    return;
  }
  if (!result) {
    write(`${barcode}: not in the local catalog`);
    return;
  }
  if (result.kind === 'cell') {
    write(`${barcode}: cell ${result.cell.id} ${result.cell.name}`);
    return;
  }
  const { product, packing } = result;
  write(
    `${barcode}: ${product.id} ${product.name}${product.sku ? ` [${product.sku}]` : ''}` +
      (packing ? ` — ${packing.name} (${packing.factor} ${product.unit ?? 'units'})` : ''),
  );
}

export function printScan(outcome: ScanOutcome, asJson: boolean): void {
  if (asJson) {
    json(outcome);
    return;
  }
  if (!outcome.ok) return; // the refusal is reported as the command's error line
  const f = outcome.fact;
  const what = f.productId ?? `unknown barcode ${f.barcode ?? ''}`;
  write(
    `OK ${f.qty > 0 ? '+' : ''}${f.qty} ${what}${f.cellId ? ` @${f.cellId}` : ''}${f.planLineId ? ` (line ${f.planLineId})` : ''}`,
  );
  for (const w of outcome.warnings) write(`  warning ${w.code}: ${w.message}`);
}

export async function printStatus(t: TerminalEngine, asJson: boolean): Promise<void> {
  const [status, checksums, counts, outbox, rejections] = await Promise.all([
    t.status(),
    t.store.catalogChecksums(),
    t.store.catalogCount(),
    t.store.outboxState(),
    t.listRejections(),
  ]);
  if (asJson) {
    json({ ...status, checksums, counts, outbox, rejectionList: rejections });
    return;
  }
  write(status.enrolled ? `device ${status.deviceId} of base ${status.baseId}` : 'not enrolled');
  write(`  servers: ${status.urls.join(', ') || '-'}`);
  if (status.warehouse)
    write(
      `  warehouse: ${status.warehouse.id}${status.warehouse.name ? ` ${status.warehouse.name}` : ''} (its catalog only)`,
    );
  write(`  last exchange: ${status.lastSync?.at ?? 'never'}; unsent changes: ${outbox.pending}`);
  if (status.pendingAppVersion)
    write(`  app update offered: ${status.pendingAppVersion} (applied on the main screen)`);
  write(
    `  catalog: ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  for (const r of rejections)
    write(`  refused by the base: #${r.mutation.n} ${r.mutation.kind} — ${r.code}: ${r.message}`);
}
