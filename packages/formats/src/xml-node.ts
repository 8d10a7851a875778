// A small element tree for one captured XML element (one product, offer or document at a time),
// with lookups by local name. Namespace prefixes are dropped when the tree is built.

export interface XmlNode {
  /** Local name (without a namespace prefix). */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The element's own text (mixed content included), not its children's. Untrimmed. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** Follows a path of child names: path(node, 'Цены', 'Цена'). */
export function path(node: XmlNode, ...names: string[]): XmlNode | undefined {
  let at: XmlNode | undefined = node;
  for (const name of names) {
    if (at === undefined) return undefined;
    at = child(at, name);
  }
  return at;
}

/** Trimmed text of a child element, or undefined when absent or blank. */
export function childText(node: XmlNode, name: string): string | undefined {
  const c = child(node, name);
  if (c === undefined) return undefined;
  const t = c.text.trim();
  return t === '' ? undefined : t;
}

export const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
