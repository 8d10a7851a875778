// GS1 Digital Link URIs (QR codes such as https://id.gs1.org/01/04607809591331/10/AB?17=261231),
// turned into element strings so they are validated and read like any other GS1 data.
import { GS1_AI_ENTRIES } from './gs1-ai-table.generated.js';
import { GS1_AIS } from './gs1-ai-table.js';
import { encodeElementString, type Gs1Element } from './gs1-element-string.js';
import { expandEntry } from './gs1-syntax-dictionary.js';

// AIs that may start the path (attribute "dlpkey" in the Syntax Dictionary).
const PRIMARY_KEYS = new Set(
  GS1_AI_ENTRIES.filter((e) => e.attributes.some((a) => a === 'dlpkey' || a.startsWith('dlpkey='))).flatMap(
    expandEntry,
  ),
);

const URI = /^https?:\/\/[^/?#]+(\/[^?#]*)?(?:\?([^#]*))?/i;

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** The element string a Digital Link URI carries, or undefined when the text is not one. */
export function digitalLinkToElementString(text: string): string | undefined {
  const m = URI.exec(text);
  if (!m) return undefined;
  const segments = (m[1] ?? '').split('/').filter((s) => s !== '');
  const elements = pathElements(segments);
  if (!elements) return undefined;
  for (const pair of (m[2] ?? '').split('&')) {
    const [key = '', value = ''] = pair.split('=');
    const decoded = decode(value);
    if (GS1_AIS.has(key) && decoded !== undefined && !elements.some((e) => e.ai === key)) {
      elements.push({ ai: key, value: decoded });
    }
  }
  return encodeElementString(elements);
}

// The path may start with any prefix; the GS1 part is the tail of (AI, value) pairs that begins
// with a primary key.
function pathElements(segments: readonly string[]): Gs1Element[] | undefined {
  for (let start = segments.length % 2; start + 1 < segments.length; start += 2) {
    if (!PRIMARY_KEYS.has(segments[start]!)) continue;
    const elements: Gs1Element[] = [];
    for (let i = start; i + 1 < segments.length; i += 2) {
      const ai = segments[i]!;
      const value = decode(segments[i + 1]!);
      if (!GS1_AIS.has(ai) || value === undefined) break;
      // a GTIN may be written with 8, 12 or 13 digits in the path
      elements.push({ ai, value: ai === '01' ? value.padStart(14, '0') : value });
    }
    if (elements.length * 2 === segments.length - start) return elements;
  }
  return undefined;
}
