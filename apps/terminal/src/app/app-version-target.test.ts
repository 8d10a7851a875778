import { expect, test } from 'vitest';
import { appVersionTarget } from './app-version-target.js';

test('a version hosted by the base opens at its URL on this origin', () => {
  expect(appVersionTarget('/app/0.2.0/', 'http://10.0.0.5:8750/')).toBe('http://10.0.0.5:8750/app/0.2.0/');
  expect(appVersionTarget('/app/0.3.0/', 'http://10.0.0.5:8750/app/0.2.0/')).toBe(
    'http://10.0.0.5:8750/app/0.3.0/',
  );
});

test('no URL, another origin (other storage) or the version already open: stay', () => {
  expect(appVersionTarget(undefined, 'http://10.0.0.5:8750/')).toBeUndefined();
  expect(appVersionTarget('http://other:8750/app/0.2.0/', 'http://10.0.0.5:8750/')).toBeUndefined();
  expect(appVersionTarget('/app/0.2.0/', 'http://10.0.0.5:8750/app/0.2.0/')).toBeUndefined();
  expect(appVersionTarget('/app/0.2.0/', 'http://10.0.0.5:8750/app/0.2.0/index.html')).toBeUndefined();
});
