// Which character a keydown contributes to a possible scan. Scanners in keyboard mode send the GS1
// group separator (ASCII 29) of marking codes as Ctrl+] — the key combination that types 0x1D on a
// terminal — or, on some Android keyboards, as a key named after the character itself.

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export const GS = '\x1D';

/** The key to feed the wedge detector, or undefined for a shortcut that is not part of a scan. */
export function wedgeKey(ev: KeyLike): string | undefined {
  if (ev.key === GS || ev.key === 'GroupSeparator') return GS;
  if (ev.ctrlKey && !ev.altKey && !ev.metaKey && (ev.code === 'BracketRight' || ev.key === ']')) return GS;
  if (ev.ctrlKey || ev.altKey || ev.metaKey) return undefined;
  return ev.key;
}
