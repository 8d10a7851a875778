// What an enrollment QR code or barcode may carry: the bare code, a link with `?code=` (the server
// console's QR), or JSON `{"url": …, "code": …}`. A link also tells the server address.

export interface EnrollScan {
  code: string;
  server?: string;
}

export function parseEnrollScan(text: string): EnrollScan {
  const raw = text.trim();
  if (/^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      const code = url.searchParams.get('code')?.trim();
      if (code) return { code, server: url.origin };
    } catch {
      // not a valid URL: fall through and take the text as the code
    }
  }
  if (raw.startsWith('{')) {
    try {
      const data = JSON.parse(raw) as { code?: unknown; url?: unknown };
      if (typeof data.code === 'string' && data.code.trim() !== '') {
        const out: EnrollScan = { code: data.code.trim() };
        if (typeof data.url === 'string' && /^https?:\/\//i.test(data.url))
          out.server = data.url.replace(/\/+$/, '');
        return out;
      }
    } catch {
      // not JSON either
    }
  }
  return { code: raw };
}
