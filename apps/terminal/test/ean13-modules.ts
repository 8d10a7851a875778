// The 95 modules of an EAN-13 symbol ('1' = bar), so a test can draw a barcode it fully controls on
// a canvas or into a video frame, with no image files and no encoder library.

const L = '0001101 0011001 0010011 0111101 0100011 0110001 0101111 0111011 0110111 0001011'.split(' ');
/** Right-hand digits are L inverted; G (even parity) is R reversed. */
const R = L.map((bits) => [...bits].map((b) => (b === '1' ? '0' : '1')).join(''));
const G = R.map((bits) => [...bits].reverse().join(''));
/** The first digit is not drawn; it picks the L/G parity of the left six. */
const PARITY = 'LLLLLL LLGLGG LLGGLG LLGGGL LGLLGG LGGLLG LGGGLL LGLGLG LGLGGL LGGLGL'.split(' ');

export function ean13Modules(code: string): string {
  if (!/^\d{13}$/.test(code)) throw new Error(`not 13 digits: ${code}`);
  const d = [...code].map(Number);
  const parity = PARITY[d[0] ?? 0] ?? '';
  const left = d.slice(1, 7).map((n, i) => (parity[i] === 'G' ? G : L)[n] ?? '');
  const right = d.slice(7).map((n) => R[n] ?? '');
  return `101${left.join('')}01010${right.join('')}101`;
}
