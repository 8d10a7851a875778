// The message line under a document's header: what the last scan did, with its sound and vibration.
import { useCallback, useState } from 'preact/hooks';
import type { BannerKind } from '../components/banner.js';
import { feedback } from '../feedback/feedback.js';

export interface Outcome {
  kind: BannerKind;
  text: string;
  /** Counts reports, so the same message twice still flashes again (used as a key). */
  seq: number;
}

export function useScanOutcome() {
  const [outcome, setOutcome] = useState<Outcome>();
  const report = useCallback((kind: 'success' | 'warning' | 'error', text: string) => {
    feedback(kind);
    setOutcome((prev) => ({ kind, text, seq: (prev?.seq ?? 0) + 1 }));
  }, []);
  return { outcome, report, clear: () => setOutcome(undefined) };
}
