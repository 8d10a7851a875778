// Entry point: opens storage, builds the terminal, starts catching scanner input, renders the app and
// registers the service worker that lets it start with no network.
import { render } from 'preact';
import { App } from './app/app.js';
import { createTerminal } from './app/create-terminal.js';
import { openTerminalStore } from './app/open-store.js';
import { feedback, unlockAudio } from './feedback/feedback.js';
import { installKeyboardWedge } from './scan/keyboard-wedge.js';
import { onUnhandledScan } from './scan/scan-bus.js';
import './styles.css';

async function main(): Promise<void> {
  const { store, persistent } = await openTerminalStore();
  const terminal = createTerminal(store, { volatile: !persistent });
  installKeyboardWedge();
  onUnhandledScan(() => feedback('error'));
  // Audio may only start after a gesture; the first key press or touch unlocks it.
  for (const type of ['keydown', 'pointerdown'] as const) {
    document.addEventListener(type, unlockAudio, { once: true, capture: true });
  }
  const root = document.getElementById('app');
  // Cannot happen: index.html ships the #app element with this script; a raw Error marks a broken build.
  if (!root) throw new Error('#app missing');
  render(<App terminal={terminal} />, root);
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    // Beside index.html: /sw.js for the base's own build, /app/<version>/sw.js for a hosted version.
    navigator.serviceWorker
      .register(new URL('sw.js', document.baseURI))
      .catch((e: unknown) => console.warn('service worker', e));
  }
}

void main();
