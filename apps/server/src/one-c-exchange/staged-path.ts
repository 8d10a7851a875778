// Turns a file name from 1C (`import.xml`, `import_files/ab/abcd.jpg`, `goods/1/import___x.xml`)
// into a path inside the session folder, refusing anything that could point outside it.
import path from 'node:path';
import { ShelfsyncError } from '@shelfsync/protocol';

const MAX_NAME_BYTES = 1024;
const MAX_SEGMENTS = 16;

/**
 * Segments of a relative name: forward or back slashes separate them; an absolute path, a drive
 * (`C:`), `.`/`..`, an empty segment, control characters or a colon are refused
 * (ONEC_BAD_FILE_NAME), so the name can only ever name a file below the session folder.
 */
export function stagedSegments(name: string): string[] {
  const bad = () => new ShelfsyncError('ONEC_BAD_FILE_NAME', undefined, { filename: name.slice(0, 200) });
  if (name === '' || Buffer.byteLength(name) > MAX_NAME_BYTES) throw bad();
  if (/[\u0000-\u001f:*?"<>|]/.test(name)) throw bad();
  const segments = name.split(/[\\/]/);
  if (segments.length > MAX_SEGMENTS) throw bad();
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || s.trim() === '' || s.endsWith('.')) throw bad();
  }
  return segments;
}

/** The file's absolute path below `root`, checked once more after resolution. */
export function stagedPath(root: string, name: string): string {
  const file = path.resolve(root, ...stagedSegments(name));
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new ShelfsyncError('ONEC_BAD_FILE_NAME', undefined, { filename: name.slice(0, 200) });
  }
  return file;
}
