// Plan completion of a document as a bar; full and green when every line is done.
export function ProgressBar({ done, total }: { done: number; total: number }) {
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div class="progress" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} role="progressbar">
      <div
        class={pct === 100 ? 'progress-fill progress-full' : 'progress-fill'}
        style={{ width: `${pct}%` }}
      />
    </div>
  );
}
