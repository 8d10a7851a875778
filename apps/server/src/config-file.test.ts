import { DEFAULT_DOCUMENT_TYPES } from '@shelfsync/domain';
import { expect, test } from 'vitest';
import { stringify } from 'yaml';
import { configVersion } from './base-config.js';
import { configYaml, formatConfigIssue, parseConfigText } from './config-file.js';

const YAML = `documentTypes:
  - id: receipt
    name: { en: Receipt, ru: Приёмка }
    overPlan: sometimes
    notInPlan: add
    unknownBarcode: keep
    cellRequired: false
    quantityMode: one
settings:
  sound: false
  volume: 3
`;

test('a bad field and an unknown setting are placed at their line and column', () => {
  const parsed = parseConfigText(YAML);
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return;
  expect(parsed.issues).toEqual([
    expect.objectContaining({ line: 4, column: 15, path: 'documentTypes.0.overPlan' }),
    expect.objectContaining({ line: 11, column: 11, path: 'settings.volume' }),
  ]);
  expect(
    formatConfigIssue('c.yaml', parsed.issues[0] ?? { line: 0, column: 0, path: '', message: '' }),
  ).toMatch(/^c\.yaml:4:15: documentTypes\.0\.overPlan: /);
});

test('a missing field points at the object that lacks it; a syntax error at its place', () => {
  const missing = parseConfigText('documentTypes:\n  - id: x\n    name: { en: X, ru: Х }\n');
  expect(missing.ok || missing.issues[0]).toMatchObject({
    line: 2,
    column: 5,
    path: 'documentTypes.0.overPlan',
  });
  const broken = parseConfigText('documentTypes: [\n  {id: x\n');
  expect(broken.ok || broken.issues[0]?.path).toBe('(syntax)');
});

test('JSON is read by the same parser and the version ignores key order and format', () => {
  const file = { documentTypes: DEFAULT_DOCUMENT_TYPES, settings: { language: 'ru' } };
  const fromJson = parseConfigText(JSON.stringify(file, null, 2));
  const fromYaml = parseConfigText(stringify({ settings: file.settings, documentTypes: file.documentTypes }));
  if (!fromJson.ok || !fromYaml.ok) throw new Error('expected valid');
  expect(fromJson.value.settings).toEqual({ language: 'ru', sound: true, syncIntervalSeconds: 60 });
  expect(configVersion(fromJson.value)).toBe(configVersion(fromYaml.value));
  const config = { version: configVersion(fromJson.value), ...fromJson.value };
  const again = parseConfigText(configYaml(config));
  expect(again.ok && configVersion(again.value)).toBe(config.version);
});
