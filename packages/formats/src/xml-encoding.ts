// Finds the character encoding of an XML byte stream: BOM first, then the XML declaration.

/** Enough leading bytes to hold any reasonable XML declaration. */
export const XML_SNIFF_BYTES = 1024;

export function sniffXmlEncoding(prefix: Uint8Array): string {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return 'utf-8';
  if (prefix[0] === 0xff && prefix[1] === 0xfe) return 'utf-16le';
  if (prefix[0] === 0xfe && prefix[1] === 0xff) return 'utf-16be';
  // The declaration is ASCII in every ASCII-compatible encoding, so latin1 reads it safely.
  const head = new TextDecoder('latin1').decode(prefix.subarray(0, XML_SNIFF_BYTES));
  const match = /^\s*<\?xml\s[^?]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase() ?? 'utf-8';
}
