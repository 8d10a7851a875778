// Catalog checksums (DESIGN.md §5.8): a table's checksum is the sum, modulo 2^32, of a 32-bit
// FNV-1a hash of each live row's `id NUL seq`. Being a sum, both sides can update it row by row.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over the UTF-16 code units of `id`, a NUL, and the decimal `seq`. */
export function rowChecksum(id: string, seq: number): number {
  let h = FNV_OFFSET;
  const text = `${id}\u0000${seq}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

export function addChecksum(total: number, part: number): number {
  return (total + part) >>> 0;
}

export function subtractChecksum(total: number, part: number): number {
  return (total - part) >>> 0;
}
