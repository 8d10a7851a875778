// The fallback decoder: the `barcode-detector` ponyfill (ZXing-C++ in WebAssembly). Only
// barcode-reader.ts imports it, dynamically, so it is a chunk of its own. The .wasm is the copy in
// node_modules, emitted by Vite into our build and served by our server: the package would otherwise
// fetch it from a CDN, and terminals are often offline. The service worker caches it on first use.
import {
  BarcodeDetector,
  type BarcodeFormat,
  prepareZXingModule,
  purgeZXingModule,
} from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

let ready: Promise<unknown> | undefined;

/** Fetches and compiles the .wasm once; a failure (say, offline before first use) is retried next time. */
function loadWasm(): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
    },
    fireImmediately: true,
  }).catch((error: unknown) => {
    ready = undefined;
    // The package keeps the rejected module promise; drop it so the next camera open fetches again.
    purgeZXingModule();
    throw error;
  });
  return ready;
}

export async function createZxingDetector(formats: readonly BarcodeFormat[]): Promise<BarcodeDetector> {
  await loadWasm();
  return new BarcodeDetector({ formats: [...formats] });
}
