// Sound and vibration for scan outcomes, distinct enough to tell apart in a noisy cold store without
// looking: success a short high beep, warning a double beep, error a long low buzz.

export type FeedbackKind = 'success' | 'warning' | 'error';

interface Tone {
  freq: number;
  ms: number;
  wave: OscillatorType;
}

const TONES: Record<FeedbackKind, Tone[]> = {
  success: [{ freq: 2000, ms: 70, wave: 'square' }],
  warning: [
    { freq: 1100, ms: 110, wave: 'square' },
    { freq: 0, ms: 70, wave: 'square' },
    { freq: 1100, ms: 110, wave: 'square' },
  ],
  error: [{ freq: 220, ms: 650, wave: 'sawtooth' }],
};

const VIBRATION: Record<FeedbackKind, number[]> = {
  success: [40],
  warning: [90, 60, 90],
  error: [450],
};

let audio: AudioContext | undefined;
let soundOn = true;

export function setSoundEnabled(on: boolean): void {
  soundOn = on;
}

/** Browsers start audio only after a user gesture; call this from the first key or touch. */
export function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    // No WebAudio (old WebView): vibration and colour still tell the outcome.
  }
}

export function feedback(kind: FeedbackKind): void {
  if (typeof navigator !== 'undefined' && 'vibrate' in navigator) navigator.vibrate(VIBRATION[kind]);
  if (soundOn) playTones(TONES[kind]);
}

function playTones(tones: Tone[]): void {
  unlockAudio();
  const ctx = audio;
  if (!ctx) return;
  let at = ctx.currentTime;
  for (const tone of tones) {
    const seconds = tone.ms / 1000;
    if (tone.freq > 0) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = tone.wave;
      osc.frequency.value = tone.freq;
      // A short ramp avoids clicks at the edges.
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.35, at + 0.01);
      gain.gain.setValueAtTime(0.35, at + seconds - 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + seconds);
    }
    at += seconds;
  }
}
