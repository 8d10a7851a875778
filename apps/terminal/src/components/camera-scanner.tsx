// Camera scanning with the browser's BarcodeDetector, where it exists (Chrome on Android). The button
// is hidden elsewhere; hardware scanners remain the main way in.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { emitScan } from '../scan/scan-bus.js';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (opts?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorCtor | undefined {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  return ctor && 'mediaDevices' in navigator ? ctor : undefined;
}

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
    if (detectorClass()) void hasCamera().then(setAvailable);
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
    const Ctor = detectorClass();
    let stream: MediaStream | undefined;
    let stopped = false;
    const run = async () => {
      if (!Ctor) throw new Error('no detector');
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      const el = video.current;
      if (!el || stopped) return;
      el.srcObject = stream;
      await el.play();
      const detector = new Ctor();
      while (!stopped) {
        const found = await detector.detect(el).catch(() => []);
        const code = found[0]?.rawValue;
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
