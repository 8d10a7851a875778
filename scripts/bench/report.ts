// Shared printing for benchmarks: one line per figure, so results paste into docs/benchmarks.md.
import os from 'node:os';

export function printMachine(command: string): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`# Shelfsync benchmarks — ${new Date().toISOString()}`);
  console.log(
    `machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`,
  );
  console.log(`command: ${command}`);
}

export function report(name: string, value: number, unit: string, note = ''): void {
  const v = value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
  console.log(`- ${name}: ${v} ${unit}${note ? ` (${note})` : ''}`);
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Samples this process's RSS every 25 ms; `peak()` takes a last sample and answers the highest. */
export function trackPeakRss(): { peak(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 25);
  return {
    peak: () => {
      sample();
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}
