import { expect, test } from 'vitest';
import { emitScan, onUnhandledScan, subscribeScans } from './scan-bus.js';

test('the newest screen gets the scan; closing it gives scans back to the one below', () => {
  const got: string[] = [];
  const offMain = subscribeScans((code) => got.push(`main:${code}`));
  const offDialog = subscribeScans((code) => got.push(`dialog:${code}`));
  emitScan(' 123 ', 'wedge');
  offDialog();
  emitScan('456', 'camera');
  offMain();
  expect(got).toEqual(['dialog:123', 'main:456']);
});

test('a scan nobody takes is reported, and blank scans are dropped', () => {
  const unhandled: string[] = [];
  onUnhandledScan((code) => unhandled.push(code));
  emitScan('789', 'manual');
  emitScan('   ', 'wedge');
  expect(unhandled).toEqual(['789']);
});
