import { expect, test } from 'vitest';
import { findCable, isValidPort, withCable } from './cable-url.js';

const WIFI = 'https://192.168.1.10:8443';

test('the cable goes first or second, replacing any localhost entry already listed', () => {
  expect(withCable([WIFI], { port: 8750, first: false })).toEqual([WIFI, 'http://localhost:8750']);
  expect(withCable([WIFI], { port: 8750, first: true })).toEqual(['http://localhost:8750', WIFI]);
  expect(withCable(['http://localhost:9000', WIFI, 'http://b'], { port: 8751, first: false })).toEqual([
    WIFI,
    'http://localhost:8751',
    'http://b',
  ]);
  expect(withCable([], { port: 8750, first: false })).toEqual(['http://localhost:8750']);
});

test('turning the cable off removes it; the other addresses keep their order', () => {
  expect(withCable([WIFI, 'http://127.0.0.1:8750/', 'http://b'], undefined)).toEqual([WIFI, 'http://b']);
});

test('the current choice is read back from the list', () => {
  expect(findCable([WIFI, 'http://localhost:8750'])).toEqual({ port: 8750, first: false });
  expect(findCable(['http://localhost:9001', WIFI])).toEqual({ port: 9001, first: true });
  expect(findCable([WIFI, 'http://localhost.example:80'])).toBeUndefined();
});

test('ports outside 1..65535 are refused', () => {
  expect(isValidPort(8750)).toBe(true);
  expect(isValidPort(0)).toBe(false);
  expect(isValidPort(70_000)).toBe(false);
  expect(isValidPort(Number.NaN)).toBe(false);
});
