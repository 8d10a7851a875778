// Issue 14: the device and integration APIs against hostile bodies, through Fastify's inject on
// the real app and a real SQLite store. Property: every answer is below 500, and every refusal
// carries a code from the error table; a refused write stores nothing. FUZZ_RUNS cases per
// endpoint group (default 200; `npm run fuzz` runs 10,000).
import { isErrorCode } from '@shelfsync/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfigText } from './config-file.js';
import { enrollDevice, type Harness, KEY, startHarness } from './testing/harness.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
const TIMEOUT = Math.max(120_000, RUNS * 100);

let h: Harness;
let device: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  device = (await enrollDevice(h)).auth;
});
afterAll(() => h.close());

/** Values shaped like the API's (ids, lines, facts) but wrong in every way fast-check finds. */
const hostile = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 4 }),
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'p1',
      'D1',
      '__proto__',
      'constructor',
      '9'.repeat(400),
      -1,
      1e308,
      null,
    ),
    fc.dictionary(
      fc.constantFrom(
        'id',
        'type',
        'lines',
        'facts',
        'productId',
        'qty',
        'barcode',
        'deviceId',
        'mutations',
        '__proto__',
      ),
      tie('value'),
      { maxKeys: 5 },
    ),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
})).value;

/** Raw bodies: valid JSON of hostile values, or text that is not JSON at all. */
const body = fc.oneof(
  hostile.map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.nat({ max: 3000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.nat({ max: 3000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
);

const ENDPOINTS: { method: 'POST' | 'PUT'; url: string; auth: () => Record<string, string> }[] = [
  { method: 'POST', url: '/device/v1/enroll', auth: () => ({}) },
  { method: 'POST', url: '/device/v1/hello', auth: () => device },
  { method: 'POST', url: '/device/v1/push', auth: () => device },
  { method: 'POST', url: '/device/v1/pull', auth: () => device },
  { method: 'POST', url: '/device/v1/documents/claim', auth: () => device },
  { method: 'POST', url: '/device/v1/operator', auth: () => device },
  { method: 'POST', url: '/device/v1/lookup', auth: () => device },
  { method: 'POST', url: '/api/v1/documents', auth: () => KEY },
  { method: 'PUT', url: '/api/v1/catalog/products', auth: () => KEY },
  { method: 'POST', url: '/api/v1/stock', auth: () => KEY },
  { method: 'POST', url: '/api/v1/documents/D1/reassign', auth: () => KEY },
  { method: 'PUT', url: '/api/v1/config', auth: () => KEY },
];

async function snapshot() {
  const docs = await h.app.inject({ method: 'GET', url: '/api/v1/documents', headers: KEY });
  return { catalog: await h.store.catalogChecksums(), documents: docs.body };
}

test(
  'hostile bodies on every device and integration endpoint: below 500, coded refusals, nothing stored',
  async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), body, async (endpoint, payload) => {
        const res = await h.app.inject({
          method: endpoint.method,
          url: endpoint.url,
          headers: { ...endpoint.auth(), 'content-type': 'application/json' },
          payload,
        });
        expect(res.statusCode, `${endpoint.url} ${payload.slice(0, 200)}\n${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const code = (res.json() as { error?: { code?: string } }).error?.code ?? '';
          expect(isErrorCode(code), `${endpoint.url}: ${res.body}`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    // Writes that were accepted would change this; every random body so far was refused or a no-op.
    const after = await snapshot();
    expect(after.catalog).toEqual(before.catalog);
    expect(after.documents).toEqual(before.documents);
  },
  TIMEOUT,
);

test(
  'random and mutated YAML configurations: parsed or placed issues, never an exception',
  () => {
    const sample =
      'documentTypes:\n  - id: count\n    name: { en: Count, ru: Инв }\nsettings:\n  sound: false\n';
    const yamlish = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc
        .array(
          fc.constantFrom(
            '- ',
            ': ',
            '[',
            ']',
            '{',
            '}',
            '&a ',
            '*a ',
            '!!str ',
            '? ',
            '|',
            '\n  ',
            '"',
            "'",
            '#',
          ),
          {
            maxLength: 200,
          },
        )
        .map((parts) => parts.join('')),
      fc.tuple(fc.nat(), fc.string({ maxLength: 20 })).map(([at, s]) => {
        const i = at % (sample.length + 1);
        return sample.slice(0, i) + s + sample.slice(i);
      }),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        const parsed = parseConfigText(text);
        if (!parsed.ok) {
          expect(parsed.issues.length).toBeGreaterThan(0);
          for (const issue of parsed.issues) expect(issue.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: RUNS },
    );
  },
  TIMEOUT,
);
