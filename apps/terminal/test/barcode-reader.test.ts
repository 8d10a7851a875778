// When the native BarcodeDetector is trusted, and that camera codes keep their GS separators on the
// scan bus. The decoding itself runs in Chromium: camera-fallback.browser.test.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ZXING_WASM_SHA256 } from 'barcode-detector/ponyfill';
import { expect, test } from 'vitest';
import { nativeDetectorClass, SCAN_FORMATS } from '../src/scan/barcode-reader.js';
import { emitScan, subscribeScans } from '../src/scan/scan-bus.js';

function fakeDetector(formats: readonly string[] | Error) {
  return class {
    static getSupportedFormats = () =>
      formats instanceof Error ? Promise.reject(formats) : Promise.resolve(formats);
    detect = () => Promise.resolve([]);
  };
}

test('the native detector is used only when it reads every format the terminal needs', async () => {
  const full = fakeDetector([...SCAN_FORMATS, 'pdf417']);
  expect(await nativeDetectorClass({ BarcodeDetector: full })).toBe(full);
  // Desktop Chrome on macOS lacks some 1D formats; an old WebView may have no getSupportedFormats.
  expect(await nativeDetectorClass({ BarcodeDetector: fakeDetector(['qr_code', 'ean_13']) })).toBeUndefined();
  expect(
    await nativeDetectorClass({ BarcodeDetector: fakeDetector(new Error('no service')) }),
  ).toBeUndefined();
  expect(await nativeDetectorClass({ BarcodeDetector: class {} })).toBeUndefined();
  expect(await nativeDetectorClass({})).toBeUndefined();
});

test('a GS1 code from the camera reaches the screen with its GS separators', () => {
  const seen: string[] = [];
  const stop = subscribeScans((code, source) => seen.push(`${source}:${code}`));
  emitScan('010460000000000021abc123\x1D93XyZ9\x1D', 'camera');
  stop();
  // The trailing GS is kept too: String.prototype.trim does not count it as white space.
  expect(seen).toEqual(['camera:010460000000000021abc123\x1D93XyZ9\x1D']);
});

test('the .wasm Vite ships is the one the ponyfill was built against', () => {
  const wasm = fileURLToPath(import.meta.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  expect(createHash('sha256').update(readFileSync(wasm)).digest('hex')).toBe(ZXING_WASM_SHA256);
});
