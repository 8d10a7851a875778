import { expect, test } from 'vitest';
import { WedgeDetector, type WedgeVerdict } from './wedge-detector.js';

/** Feeds `text` then Enter, one key every `gapMs`, and returns the verdict for the Enter. */
function type(
  detector: WedgeDetector,
  text: string,
  gapMs: number,
  start = 1000,
  inField = true,
): WedgeVerdict {
  let at = start;
  for (const ch of text) {
    detector.feed(ch, at, inField);
    at += gapMs;
  }
  return detector.feed('Enter', at, inField);
}

test('a fast burst ending in Enter is a scan', () => {
  expect(type(new WedgeDetector(), '4600000000017', 5)).toEqual({ type: 'scan', code: '4600000000017' });
});

test('slow typing ending in Enter is a person pressing Enter', () => {
  expect(type(new WedgeDetector(), '4600000000017', 150)).toEqual({ type: 'enter' });
});

test('a burst shorter than minLength is not a scan', () => {
  expect(type(new WedgeDetector({ minLength: 4 }), '123', 5)).toEqual({ type: 'enter' });
});

test('a slow key in the middle restarts the burst, so only the fast tail counts', () => {
  const d = new WedgeDetector({ minLength: 4 });
  d.feed('9', 0);
  d.feed('9', 500);
  expect(d.feed('1', 505)).toEqual({ type: 'char', burstStart: false });
  expect(type(d, '2345', 5, 510)).toEqual({ type: 'scan', code: '912345' });
});

test('the first key of each burst is marked so the caller can snapshot the field', () => {
  const d = new WedgeDetector();
  expect(d.feed('a', 0)).toEqual({ type: 'char', burstStart: true });
  expect(d.feed('b', 10)).toEqual({ type: 'char', burstStart: false });
  expect(d.feed('c', 200)).toEqual({ type: 'char', burstStart: true });
});

test('Shift between characters does not break a scan of capitals', () => {
  const d = new WedgeDetector();
  let at = 0;
  for (const ch of 'CELL-A1') {
    d.feed('Shift', at);
    d.feed(ch, at + 2);
    at += 8;
  }
  expect(d.feed('Enter', at)).toEqual({ type: 'scan', code: 'CELL-A1' });
});

test('a long pause before Enter means a person pressed it', () => {
  const d = new WedgeDetector({ maxSuffixGapMs: 80 });
  for (const [i, ch] of [...'123456'].entries()) d.feed(ch, i * 5);
  expect(d.feed('Enter', 25 + 500)).toEqual({ type: 'enter' });
});

test('other keys break a burst and Enter after it is plain', () => {
  const d = new WedgeDetector();
  for (const [i, ch] of [...'123456'].entries()) d.feed(ch, i * 5);
  expect(d.feed('Backspace', 30)).toEqual({ type: 'other' });
  expect(d.feed('Enter', 35)).toEqual({ type: 'enter' });
});

test('Tab ends a scan too, and plain Tab is left alone', () => {
  expect(new WedgeDetector().feed('Tab', 0)).toEqual({ type: 'other' });
  const d = new WedgeDetector();
  for (const [i, ch] of [...'ABCDE'].entries()) d.feed(ch, i * 5);
  expect(d.feed('Tab', 30)).toEqual({ type: 'scan', code: 'ABCDE' });
});

test('detector is ready for the next scan after one', () => {
  const d = new WedgeDetector();
  expect(type(d, '11112222', 5, 0)).toEqual({ type: 'scan', code: '11112222' });
  expect(type(d, '33334444', 5, 100)).toEqual({ type: 'scan', code: '33334444' });
});

test('with no field focused, a slow scanner still gives the whole code', () => {
  expect(type(new WedgeDetector(), '4600000000017', 120, 0, false)).toEqual({
    type: 'scan',
    code: '4600000000017',
  });
});

test('with no field focused, stray keys before a long pause are dropped', () => {
  const d = new WedgeDetector({ idleResetMs: 1000 });
  d.feed('7', 0, false);
  expect(type(d, '12345678', 10, 5000, false)).toEqual({ type: 'scan', code: '12345678' });
});

test('with no field focused, a short code and Enter stays a plain Enter', () => {
  expect(type(new WedgeDetector({ minLength: 4 }), '12', 5, 0, false)).toEqual({ type: 'enter' });
});

test('in a field, a person typing quickly (60 ms a key) is not a scanner', () => {
  expect(type(new WedgeDetector(), '123456', 60)).toEqual({ type: 'enter' });
});

test('in a field, one late key inside a fast burst does not break the scan', () => {
  const d = new WedgeDetector();
  const times = [0, 5, 10, 75, 80, 85, 90, 95, 100, 105];
  for (const [i, ch] of [...'BADGE-0002'].entries()) d.feed(ch, times[i] ?? 0);
  expect(d.feed('Enter', 110)).toEqual({ type: 'scan', code: 'BADGE-0002' });
});
