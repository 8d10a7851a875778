// Streaming XML reader (saxes) that builds small trees only for the elements a caller captures and
// reports the others as they open, so memory follows one captured element, not the file.
import { ShelfsyncError } from '@shelfsync/protocol';
import { SaxesParser } from 'saxes';
import { concat, makeDecoder } from './text-decoding.js';
import { sniffXmlEncoding, XML_SNIFF_BYTES } from './xml-encoding.js';
import { localName, type XmlNode } from './xml-node.js';

export type XmlEvent =
  | { kind: 'open'; node: XmlNode; path: readonly string[] }
  | { kind: 'subtree'; node: XmlNode; path: readonly string[] };

/** Default bound on one captured element: a 100,000-line document fits comfortably. */
export const DEFAULT_MAX_ELEMENT_CHARS = 64 * 1024 * 1024;
/**
 * Nesting depth of elements: CommerceML nests about 8 deep (classifier groups a few more); a
 * file nested thousands deep is hostile and would make every tree walk deep (docs/security.md).
 */
export const MAX_XML_DEPTH = 256;

/** Decides, from the local names of the ancestors and the element, whether to capture it whole. */
export type CapturePredicate = (path: readonly string[], name: string) => boolean;

class SubtreeBuilder {
  readonly path: string[] = [];
  private stack: XmlNode[] = [];
  private captureDepth = -1;
  /** Characters held for the element being captured (names, attributes, text). */
  private held = 0;
  readonly out: XmlEvent[] = [];

  constructor(
    private readonly parser: SaxesParser,
    private readonly capture: CapturePredicate,
    private readonly maxElementChars: number,
  ) {
    parser.on('opentag', (tag) => this.open(localName(tag.name), tag.attributes as Record<string, string>));
    parser.on('closetag', () => this.close());
    parser.on('text', (t) => this.text(t));
    parser.on('cdata', (t) => this.text(t));
  }

  private open(name: string, attrs: Record<string, string>): void {
    if (this.path.length >= MAX_XML_DEPTH) {
      throw new ShelfsyncError(
        'IMPORT_MALFORMED',
        `Elements are nested more than ${MAX_XML_DEPTH} levels deep (line ${this.parser.line}).`,
        { line: this.parser.line, element: name },
      );
    }
    const node: XmlNode = { name, attrs, children: [], text: '', line: this.parser.line };
    const parent = this.stack[this.stack.length - 1];
    if (this.captureDepth >= 0) {
      parent!.children.push(node);
      this.hold(name.length + Object.values(attrs).reduce((n, v) => n + v.length + 8, 0));
    } else if (this.capture(this.path, name)) {
      this.captureDepth = this.path.length;
      this.held = 0;
    } else this.out.push({ kind: 'open', node, path: [...this.path] });
    this.stack.push(node);
    this.path.push(name);
  }

  private close(): void {
    const node = this.stack.pop()!;
    this.path.pop();
    if (this.captureDepth === this.path.length) {
      this.captureDepth = -1;
      this.out.push({ kind: 'subtree', node, path: [...this.path] });
    }
  }

  private text(t: string): void {
    // Text outside captured elements (and the whitespace between them) is not needed.
    if (this.captureDepth < 0) return;
    this.stack[this.stack.length - 1]!.text += t;
    this.hold(t.length);
  }

  /** A captured element is held whole, so its size is bounded; a hostile file cannot fill memory. */
  private hold(chars: number): void {
    this.held += chars;
    if (this.held <= this.maxElementChars) return;
    const node = this.stack[this.captureDepth]!;
    throw new ShelfsyncError(
      'IMPORT_TOO_LARGE',
      `<${node.name}> starting on line ${node.line} is larger than ${this.maxElementChars} characters.`,
      { line: node.line, element: node.name },
    );
  }
}

function makeParser(): SaxesParser {
  const parser = new SaxesParser({ position: true });
  parser.on('error', (e) => {
    throw new ShelfsyncError('IMPORT_MALFORMED', `The XML is not well-formed: ${e.message}`, {
      line: parser.line,
      column: parser.column + 1,
    });
  });
  return parser;
}

/**
 * Reads XML bytes (encoding from BOM or declaration) and yields 'open' for uncaptured elements and
 * 'subtree' for each captured element once it closes. IMPORT_MALFORMED on broken or truncated XML.
 */
export async function* readXmlSubtrees(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  capture: CapturePredicate,
  maxElementChars = DEFAULT_MAX_ELEMENT_CHARS,
): AsyncGenerator<XmlEvent> {
  const parser = makeParser();
  const builder = new SubtreeBuilder(parser, capture, maxElementChars);
  let decoder: ReturnType<typeof makeDecoder> | undefined;
  let head: Uint8Array[] = [];
  let headBytes = 0;
  const feed = (bytes: Uint8Array, stream: boolean): XmlEvent[] => {
    let text: string;
    try {
      text = decoder!.decode(bytes, { stream });
    } catch {
      throw new ShelfsyncError('IMPORT_ENCODING', `The file is not valid ${decoder!.encoding}.`, {
        line: parser.line,
        encoding: decoder!.encoding,
      });
    }
    if (text) parser.write(text);
    return builder.out.splice(0);
  };
  for await (const chunk of source) {
    if (decoder === undefined) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < XML_SNIFF_BYTES) continue;
      const prefix = concat(head);
      head = [];
      decoder = makeDecoder(sniffXmlEncoding(prefix));
      yield* feed(prefix, true);
      continue;
    }
    yield* feed(chunk, true);
  }
  if (decoder === undefined) {
    const prefix = concat(head);
    decoder = makeDecoder(sniffXmlEncoding(prefix));
    yield* feed(prefix, false);
  } else {
    yield* feed(new Uint8Array(0), false);
  }
  parser.close();
  yield* builder.out.splice(0);
}
