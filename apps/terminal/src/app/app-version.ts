// The version of the running build. vite.config.ts writes it into index.html (a meta tag), so the
// entry point a base serves for a version says which version it is, and hello reports it.

const FALLBACK = '0.0.0-dev';

export function runningAppVersion(): string {
  if (typeof document === 'undefined') return FALLBACK;
  const content = document.querySelector('meta[name="shelfsync-version"]')?.getAttribute('content');
  return content ? content : FALLBACK;
}
