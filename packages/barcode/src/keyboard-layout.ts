// Repairs text that a keyboard-wedge scanner typed while the terminal had the Russian (ЙЦУКЕН)
// layout on: the scanner sends key positions, so "]C1" arrives as "ъС1". Case is kept.

// Latin key → what the Russian layout types on the same key (unshifted, then shifted).
const LATIN = '`qwertyuiop[]asdfghjkl;\'zxcvbnm,./~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?@#$^&|';
const RUSSIAN = 'ёйцукенгшщзхъфывапролджэячсмитьбю.ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,"№;:?/';

const BACK = new Map<string, string>();
for (let i = 0; i < RUSSIAN.length; i++) BACK.set(RUSSIAN[i]!, LATIN[i]!);

// ASCII that the Russian layout never types: seeing one means the text was not typed through it.
const NOT_RUSSIAN_ASCII = /[A-Za-z[\]{}<>'`~@#$^&|]/;

/**
 * The Latin text a Russian-layout keyboard wedge garbled, or undefined when `text` does not look
 * like such output (no Cyrillic, or characters that layout cannot produce).
 */
export function repairRussianLayout(text: string): string | undefined {
  let cyrillic = false;
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0x400 && code <= 0x4ff) {
      const latin = BACK.get(ch);
      if (latin === undefined) return undefined; // a Cyrillic letter no key of this layout types
      cyrillic = true;
      out += latin;
    } else if (code < 0x80 || ch === '№') {
      out += BACK.get(ch) ?? ch;
    } else {
      return undefined;
    }
  }
  if (!cyrillic || NOT_RUSSIAN_ASCII.test(text)) return undefined;
  return out;
}
