// parseScan throughput over a mixed set of 100,000 scans: EAN-13/EAN-8, GS1-128 with AIM prefix,
// marking codes with and without GS, weight barcodes and plain text, in a fixed random order.
import os from 'node:os';
import { parseScan, type ScanRules } from '@shelfsync/barcode';
import { report } from './report.js';

const GS = '\u001d';
const SCANS = 100_000;
const ROUNDS = 5;
const CSET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789!"%&\'()*+,-./:;<=>?_';

let seed = 20260127;
const rnd = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};
const digits = (n: number): string => Array.from({ length: n }, () => rnd(10)).join('');
const chars = (n: number): string => Array.from({ length: n }, () => CSET[rnd(CSET.length)]).join('');
const check = (body: string): string => {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return body + ((10 - (sum % 10)) % 10);
};

const rules: ScanRules = {
  inStoreRules: [{ prefix: '22', itemDigits: 5, measure: 'weight', valueDigits: 5 }],
  referenceYear: 2026,
};

const makers: [number, () => string][] = [
  [30, () => check(`460${digits(9)}`)],
  [5, () => check(`460${digits(4)}`)],
  [
    20,
    () =>
      `]C101${check(`0460${digits(9)}`)}17${26 + rnd(3)}${String(1 + rnd(12)).padStart(2, '0')}00` +
      `10${chars(6)}${GS}3103${digits(6)}`,
  ],
  [20, () => `]d201${check(`0460${digits(9)}`)}21${chars(13)}${GS}91${chars(4)}${GS}92${chars(44)}`],
  [10, () => `01${check(`0460${digits(9)}`)}21${chars(6)}93${chars(4)}`],
  [5, () => check(`2200${digits(3)}0${digits(4)}`)],
  [10, () => `C-${digits(2)}-${digits(2)}`],
];
const total = makers.reduce((s, [w]) => s + w, 0);
const scans: string[] = [];
for (let i = 0; i < SCANS; i++) {
  let pick = rnd(total);
  for (const [weight, make] of makers) {
    pick -= weight;
    if (pick < 0) {
      scans.push(make());
      break;
    }
  }
}

export default async function (): Promise<void> {
  let failures = 0;
  for (const s of scans) if (!parseScan(s, rules).ok) failures++;
  // a second warm-up pass lets the JIT settle before anything is timed
  for (const s of scans) parseScan(s, rules);
  const load = os.loadavg()[0]!.toFixed(1);
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let kinds = 0;
    for (const s of scans) {
      const r = parseScan(s, rules);
      if (r.ok) kinds += r.value.kind.length; // keep the result alive
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (kinds === 0) throw new Error('nothing parsed');
    rates.push(SCANS / (ms / 1000));
    cpuRates.push(SCANS / ((cpu.user + cpu.system) / 1e6));
  }
  rates.sort((a, b) => a - b);
  cpuRates.sort((a, b) => a - b);
  const note = `${SCANS.toLocaleString('en-US')} mixed scans, median of ${ROUNDS} rounds, ${failures} refused, load average ${load}`;
  report('parseScan', rates[Math.floor(ROUNDS / 2)]!, 'parses/s', note);
  // CPU time is what the parser costs when other processes share the cores
  report(
    'parseScan per CPU-second',
    cpuRates[Math.floor(ROUNDS / 2)]!,
    'parses/s',
    'same rounds, user+system time',
  );
}
