// Reads a configuration file (YAML, or JSON, which YAML parses too) and places every problem at a
// line and column, so an admin fixing a 300-line file is sent to the field, not just told its path.
import {
  type BaseConfig,
  type BaseConfigFile,
  BaseConfigFileSchema,
  type ConfigIssue,
} from '@shelfsync/protocol';
import {
  type CST,
  isMap,
  isNode,
  isScalar,
  LineCounter,
  type Node,
  Parser,
  parseDocument,
  stringify,
} from 'yaml';

export type ConfigParse = { ok: true; value: BaseConfigFile } | { ok: false; issues: ConfigIssue[] };

/**
 * Limits checked before the YAML is composed (docs/security.md, "Input limits"). The `yaml`
 * library composes nested collections recursively: a body nested a few thousand levels deep
 * exhausts the stack inside it, and V8 may then abort the whole process (a RegExp compiled near
 * the stack's end). Its lexer and CST parser are iterative, so depth is measured on the CST first.
 */
export const CONFIG_LIMITS = {
  /** Bytes (UTF-8) of the whole file; the PUT route's body limit is the same. */
  maxBytes: 1024 * 1024,
  /** Nested collections; the real configuration needs about 8. */
  maxDepth: 64,
  /** Alias nodes (`*name`) in the file, and the library's cap on their expansion. */
  maxAliases: 100,
} as const;

type CstToken = CST.Token | null | undefined;

/** The first problem with the file's size, depth or alias count, before composing it. */
function precheck(text: string): ConfigIssue | undefined {
  const lines = new LineCounter();
  const issue = (offset: number, message: string) => ({ ...at(lines, offset), path: '(limits)', message });
  if (Buffer.byteLength(text, 'utf8') > CONFIG_LIMITS.maxBytes) {
    return issue(0, `The file is larger than ${CONFIG_LIMITS.maxBytes} bytes.`);
  }
  let aliases = 0;
  // Depth-first over the CST with an explicit stack: no recursion, whatever the nesting.
  const stack: { token: CstToken; depth: number }[] = [];
  for (const token of new Parser((offset) => lines.addNewLine(offset)).parse(text))
    stack.push({ token, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: CstToken; depth: number };
    if (token === undefined || token === null) continue;
    if (token.type === 'alias' && ++aliases > CONFIG_LIMITS.maxAliases) {
      return issue(token.offset, `The file uses more than ${CONFIG_LIMITS.maxAliases} aliases (*name).`);
    }
    if (token.type === 'document') stack.push({ token: token.value, depth });
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > CONFIG_LIMITS.maxDepth) {
        return issue(token.offset, `Collections are nested more than ${CONFIG_LIMITS.maxDepth} levels deep.`);
      }
      for (const item of token.items) {
        const key = 'key' in item ? item.key : undefined;
        stack.push({ token: key, depth: depth + 1 }, { token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

export function parseConfigText(text: string): ConfigParse {
  const limit = precheck(text);
  const lines = new LineCounter();
  if (limit) return { ok: false, issues: [limit] };
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({ ...at(lines, e.pos[0]), path: '(syntax)', message: e.message })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: CONFIG_LIMITS.maxAliases });
  } catch (e) {
    // The library's own guard against alias expansion (a "billion laughs" file).
    return { ok: false, issues: [{ line: 1, column: 1, path: '(limits)', message: (e as Error).message }] };
  }
  const parsed = BaseConfigFileSchema.safeParse(value);
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
