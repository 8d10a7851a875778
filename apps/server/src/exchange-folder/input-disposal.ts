// Where an input file goes after its import: archive/YYYY-MM-DD/ (with its warnings) or error/
// (with its report). The marker file, if any, goes too, so the file is never taken twice.
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorReport } from './error-report.js';
import type { ImportSummary } from './import-summary.js';
import { READY_SUFFIX } from './input-readiness.js';

export interface ExchangeLayout {
  in: string;
  out: string;
  archive: string;
  error: string;
}

export function exchangeLayout(dir: string): ExchangeLayout {
  return {
    in: path.join(dir, 'in'),
    out: path.join(dir, 'out'),
    archive: path.join(dir, 'archive'),
    error: path.join(dir, 'error'),
  };
}

export async function ensureLayout(layout: ExchangeLayout): Promise<void> {
  for (const dir of Object.values(layout)) await mkdir(dir, { recursive: true });
}

/** `name`, or `HHMMSSmmm-name` when a file of that name is already there (the same export resent). */
async function freeName(dir: string, name: string, at: Date): Promise<string> {
  try {
    await access(path.join(dir, name));
  } catch {
    return name;
  }
  return `${at.toISOString().slice(11, 23).replace(/[:.]/g, '')}-${name}`;
}

async function moveInput(layout: ExchangeLayout, name: string, targetDir: string, at: Date): Promise<string> {
  await mkdir(targetDir, { recursive: true });
  const target = await freeName(targetDir, name, at);
  await rename(path.join(layout.in, name), path.join(targetDir, target));
  await rm(path.join(layout.in, name + READY_SUFFIX), { force: true });
  return target;
}

export async function archiveInput(
  layout: ExchangeLayout,
  name: string,
  summary: ImportSummary,
  at: Date,
): Promise<string> {
  const dir = path.join(layout.archive, at.toISOString().slice(0, 10));
  const target = await moveInput(layout, name, dir, at);
  if (summary.warningCount > 0) {
    const omitted = summary.warningCount - summary.warnings.length;
    const tail = omitted > 0 ? [`… and ${omitted} more`] : [];
    await writeFile(
      path.join(dir, `${target}.warnings.txt`),
      `${[...summary.warnings, ...tail].join('\n')}\n`,
    );
  }
  return path.join(dir, target);
}

export async function rejectInput(
  layout: ExchangeLayout,
  name: string,
  error: unknown,
  at: Date,
): Promise<string> {
  const target = await moveInput(layout, name, layout.error, at);
  await writeFile(path.join(layout.error, `${target}.error.txt`), errorReport(name, error, at));
  return path.join(layout.error, target);
}

/**
 * Moves an entry that is not imported (a link, FIFO, folder…, or a stray marker) to error/ with its
 * report. rename moves the entry itself: a link is moved, never followed; nothing is opened.
 */
export async function moveAside(
  layout: ExchangeLayout,
  name: string,
  error: unknown,
  at: Date,
): Promise<string> {
  const target = await freeName(layout.error, name, at);
  await rename(path.join(layout.in, name), path.join(layout.error, target));
  if (!name.endsWith(READY_SUFFIX)) await rm(path.join(layout.in, name + READY_SUFFIX), { force: true });
  await writeFile(path.join(layout.error, `${target}.error.txt`), errorReport(name, error, at));
  return path.join(layout.error, target);
}
