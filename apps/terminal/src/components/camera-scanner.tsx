// Camera scanning: the browser's BarcodeDetector where it reads our formats (Chrome on Android),
// otherwise ZXing in WebAssembly, loaded when the camera is first opened (see scan/barcode-reader.ts).
// The button shows wherever a camera exists; hardware scanners remain the main way in. Decoded text
// goes through the scan bus like a wedge scan, so GS1 codes keep their GS separators.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { canUseCamera, createBarcodeReader } from '../scan/barcode-reader.js';
import { emitScan } from '../scan/scan-bus.js';

/** Whether this device has a camera at all; asked once, since the answer does not change. */
let cameraPresent: Promise<boolean> | undefined;
function hasCamera(): Promise<boolean> {
  cameraPresent ??= navigator.mediaDevices
    .enumerateDevices()
    .then((devices) => devices.some((d) => d.kind === 'videoinput'))
    .catch(() => false);
  return cameraPresent;
}

export function CameraButton() {
  const { t } = useApp();
  const [open, setOpen] = useState(false);
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    if (canUseCamera()) void hasCamera().then(setAvailable);
  }, []);
  if (!available) return null;
  return (
    <>
      <button type="button" class="btn btn-square" onClick={() => setOpen(true)} aria-label={t('docCamera')}>
        <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
          <path
            fill="currentColor"
            d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"
          />
        </svg>
      </button>
      {open && <CameraOverlay onClose={() => setOpen(false)} />}
    </>
  );
}

function CameraOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useApp();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  // The parent re-renders on every scan; the camera must not restart each time.
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    const run = async () => {
      // The first use of the fallback fetches its WebAssembly while the camera starts.
      const pending = createBarcodeReader();
      pending.catch(() => {}); // awaited below, once the stream is held so cleanup can stop it
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      if (stopped) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      const reader = await pending;
      const el = video.current;
      if (!el || stopped) return;
      el.srcObject = stream;
      await el.play();
      while (!stopped) {
        const found = await reader.read(el).catch(() => []);
        const code = found[0];
        if (code) {
          emitScan(code, 'camera');
          close.current();
          return;
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    run().catch(() => setFailed(true));
    return () => {
      stopped = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <div class="overlay">
      <p class="overlay-title">{failed ? t('cameraUnavailable') : t('cameraTitle')}</p>
      <video ref={video} class="camera" muted playsInline />
      <button type="button" class="btn btn-wide" onClick={onClose}>
        {t('cancel')}
      </button>
    </div>
  );
}
