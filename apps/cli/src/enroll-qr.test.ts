import { expect, test } from 'vitest';
import { enrollmentLink, qrText, reachableUrl } from './enroll-qr.js';

const nic = (address: string, internal: boolean) =>
  ({
    address,
    internal,
    family: 'IPv4',
    netmask: '255.255.255.0',
    mac: '00:00:00:00:00:00',
    cidr: null,
  }) as const;

test('a wildcard listener is shown by its network address; a named one as it is', () => {
  const interfaces = { lo: [nic('127.0.0.1', true)], eth0: [nic('192.168.1.20', false)] };
  expect(reachableUrl('http://0.0.0.0:8750', interfaces)).toBe('http://192.168.1.20:8750');
  expect(reachableUrl('https://[::]:8443', interfaces)).toBe('https://192.168.1.20:8443');
  expect(reachableUrl('http://10.0.0.5:8750', interfaces)).toBe('http://10.0.0.5:8750');
  expect(reachableUrl('http://0.0.0.0:8750', { lo: [nic('127.0.0.1', true)] })).toBe('http://127.0.0.1:8750');
});

test('the link carries the code as a query parameter the app reads', () => {
  const link = enrollmentLink('http://192.168.1.20:8750/', '1234-5678');
  expect(link).toBe('http://192.168.1.20:8750/?code=1234-5678');
  expect(new URL(link).searchParams.get('code')).toBe('1234-5678');
});

test('the QR text is drawn with half blocks in a log and with colours on a terminal', async () => {
  const plain = await qrText('http://192.168.1.20:8750/?code=1234-5678', false);
  expect(plain).toMatch(/[█▀▄]/);
  expect(plain).not.toContain('\u001b[');
  expect(await qrText('x', true)).toContain('\u001b[');
});
