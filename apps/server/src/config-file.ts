// Reads a configuration file (YAML, or JSON, which YAML parses too) and places every problem at a
// line and column, so an admin fixing a 300-line file is sent to the field, not just told its path.
import {
  type BaseConfig,
  type BaseConfigFile,
  BaseConfigFileSchema,
  type ConfigIssue,
} from '@shelfsync/protocol';
import { isMap, isNode, isScalar, LineCounter, type Node, parseDocument, stringify } from 'yaml';

export type ConfigParse = { ok: true; value: BaseConfigFile } | { ok: false; issues: ConfigIssue[] };

export function parseConfigText(text: string): ConfigParse {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({ ...at(lines, e.pos[0]), path: '(syntax)', message: e.message })),
    };
  }
  const parsed = BaseConfigFileSchema.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.slice(0, 100).map((i) => {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      // An unknown key is reported on its parent; point at the key the admin has to delete.
      if (i.code === 'unrecognized_keys' && i.keys[0] !== undefined) path.push(i.keys[0]);
      return { ...at(lines, offsetOf(doc, path)), path: path.join('.') || '(root)', message: i.message };
    }),
  };
}

/**
 * Where the value at `path` starts. A missing field has no node, so the nearest parent that exists
 * is reported (the object that lacks it); an unknown key points at the key itself.
 */
function offsetOf(doc: ReturnType<typeof parseDocument>, path: (string | number)[]): number {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
    // `key: ` with no value has a key but no value node.
    const key = keyNode(doc.getIn(path.slice(0, depth - 1), true), path[depth - 1]);
    if (key?.range) return key.range[0];
  }
  return isNode(doc.contents) && doc.contents.range ? doc.contents.range[0] : 0;
}

/** The key node of `name` in a mapping (a value absent from JSON.parse's view may still have its key). */
function keyNode(parent: unknown, name: string | number | undefined): Node | undefined {
  if (!isMap(parent) || typeof name !== 'string') return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === name);
  return isNode(pair?.key) ? pair.key : undefined;
}

function at(lines: LineCounter, offset: number): { line: number; column: number } {
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** The configuration as YAML, for `GET /api/v1/config?format=yaml` and editing by hand. */
export function configYaml(config: BaseConfig): string {
  const { version, ...file } = config;
  return `# Shelfsync configuration, version ${version}\n${stringify(file)}`;
}

/** `FILE:LINE:COL: path: message`, the form editors and CI logs link to. */
export function formatConfigIssue(file: string, issue: ConfigIssue): string {
  return `${file}:${issue.line}:${issue.column}: ${issue.path}: ${issue.message}`;
}
