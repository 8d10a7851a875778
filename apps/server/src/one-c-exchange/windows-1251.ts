// Encodes text as windows-1251 for 1C bases that expect it. Characters the code page lacks become
// XML character references, which every XML reader turns back into the same character.

/** Unicode code point → windows-1251 byte, built from the platform's own decoder. */
const BYTE_OF = (() => {
  const map = new Map<number, number>();
  const decoder = new TextDecoder('windows-1251');
  for (let b = 0x80; b <= 0xff; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch !== '\ufffd') map.set(ch.codePointAt(0) ?? 0, b);
  }
  return map;
})();

/** The XML text as windows-1251 bytes; only use on XML (markup and text both accept `&#N;`). */
export function encodeXmlWindows1251(xml: string): Buffer {
  const out: number[] = [];
  for (const ch of xml) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else {
      const b = BYTE_OF.get(cp);
      if (b !== undefined) out.push(b);
      else for (const c of `&#${cp};`) out.push(c.charCodeAt(0));
    }
  }
  return Buffer.from(out);
}
