// Picks what decodes camera frames: the browser's own BarcodeDetector when it reads every format we
// need, otherwise ZXing-C++ compiled to WebAssembly, loaded on first use as a separate chunk so the
// app bundle (and every terminal that has a hardware scanner only) does not pay for it.

/** What the terminal must read: retail codes, logistics (ITF-14, GS1-128) and marking codes. */
export const SCAN_FORMATS = [
  'ean_13',
  'ean_8',
  'upc_a',
  'upc_e',
  'code_128',
  'data_matrix',
  'qr_code',
  'itf',
] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** Anything a frame can be decoded from; the native API and the ponyfill both take these. */
export type FrameSource =
  | HTMLVideoElement
  | HTMLCanvasElement
  | HTMLImageElement
  | ImageBitmap
  | ImageData
  | Blob;

export interface BarcodeReader {
  readonly kind: 'native' | 'zxing';
  /** The raw values found in one frame, GS (\x1D) separators of GS1 codes kept. */
  read(source: FrameSource): Promise<string[]>;
}

interface DetectorLike {
  detect(source: FrameSource): Promise<{ rawValue: string }[]>;
}
interface DetectorClass {
  new (options?: { formats?: string[] }): DetectorLike;
  getSupportedFormats?(): Promise<readonly string[]>;
}

/** The native class, when it exists and reads all of SCAN_FORMATS (desktop Chrome has it for QR only). */
export async function nativeDetectorClass(scope: object = globalThis): Promise<DetectorClass | undefined> {
  const ctor = (scope as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (typeof ctor !== 'function' || typeof ctor.getSupportedFormats !== 'function') return undefined;
  try {
    const supported = new Set(await ctor.getSupportedFormats());
    return SCAN_FORMATS.every((f) => supported.has(f)) ? ctor : undefined;
  } catch {
    return undefined;
  }
}

function wrap(kind: BarcodeReader['kind'], detector: DetectorLike): BarcodeReader {
  return {
    kind,
    read: async (source) => (await detector.detect(source)).map((d) => d.rawValue).filter((v) => v !== ''),
  };
}

export interface ReaderOptions {
  /** Where to look for a native BarcodeDetector; tests pass `{}` to force the fallback. */
  scope?: object;
}

/** Native when it will do, else the WebAssembly reader (fetched from our own server, cached by the SW). */
export async function createBarcodeReader({
  scope = globalThis,
}: ReaderOptions = {}): Promise<BarcodeReader> {
  const Native = await nativeDetectorClass(scope);
  if (Native) return wrap('native', new Native({ formats: [...SCAN_FORMATS] }));
  const { createZxingDetector } = await import('./zxing-detector.js');
  return wrap('zxing', await createZxingDetector(SCAN_FORMATS));
}

/** A camera can be asked for; whether it exists is answered by `enumerateDevices`. */
export function canUseCamera(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}
