import { expect, test } from 'vitest';
import { parseEnrollScan } from './parse-enroll-scan.js';

test('a bare code is the code', () => {
  expect(parseEnrollScan(' K7M2-Q9XA ')).toEqual({ code: 'K7M2-Q9XA' });
});

test('a link with ?code= gives the code and the server address', () => {
  expect(parseEnrollScan('https://10.0.0.5:8750/enroll?code=ABC123')).toEqual({
    code: 'ABC123',
    server: 'https://10.0.0.5:8750',
  });
});

test('JSON with url and code is understood', () => {
  expect(parseEnrollScan('{"url":"http://localhost:8750/","code":"XYZ"}')).toEqual({
    code: 'XYZ',
    server: 'http://localhost:8750',
  });
});

test('a link without a code is taken as text', () => {
  expect(parseEnrollScan('http://host/')).toEqual({ code: 'http://host/' });
});
