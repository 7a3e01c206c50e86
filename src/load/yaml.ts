import { Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { Diagnostic } from "../errors.js";
import type { Position } from "../core/types.js";

/** A parsed YAML file that can still say where each of its values stands. */
export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Larger inputs are refused before parsing: no answers file or checklist comes near this. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
/** Aliases expanded at most this many times when converting, which defuses "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

const HINTS: Partial<Record<string, string>> = {
  DUPLICATE_KEY: "each key may appear once in a mapping; remove or merge the repeated one",
  TAB_AS_INDENT: "indent with spaces, not tabs",
  BAD_INDENT: "check that this line is indented like its siblings",
  MULTIPLE_DOCS: "keep one YAML document per file (remove the '---' separator)",
  BLOCK_AS_IMPLICIT_KEY: "a key is probably missing its ':' or is indented wrongly",
  MISSING_CHAR: "a quote or bracket is probably not closed",
  UNEXPECTED_TOKEN: "check the punctuation on this line (a stray ':', '-' or quote)",
};

/** Converts a character offset into a 1-based line and column. */
export function positionAt(src: YamlSource, offset: number): Position {
  const { line, col } = src.lineCounter.linePos(offset);
  return { line, column: col };
}

/** Decodes bytes as UTF-8, dropping a byte-order mark; returns a diagnostic for anything else. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { error: Diagnostic } {
  if (bytes.includes(0)) {
    return { error: { file, line: 1, column: 1, message: "this is a binary file, not YAML text", hint: "give the path of a .yaml file" } };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { error: { file, line: 1, column: 1, message: "the file is not valid UTF-8 text", hint: "save it with UTF-8 encoding" } };
  }
}

/** Parses YAML 1.2 with positions. Every syntax error is returned, not only the first. */
export function parseYaml(file: string, text: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    // The parser recurses on nesting; absurdly deep input ends here rather than in a crash.
    const message = error instanceof RangeError ? "the YAML is nested too deeply to read" : String(error);
    return { diagnostics: [{ file, line: 1, column: 1, message }] };
  }
  const source: YamlSource = { file, text, doc, lineCounter };
  const diagnostics = doc.errors.map((e) => ({
    file, ...positionAt(source, e.pos[0]),
    message: `YAML syntax: ${e.message.split("\n")[0]}`,
    hint: HINTS[e.code],
  }));
  return { source, diagnostics };
}

/** Plain data of the document, with alias expansion bounded; a diagnostic when it is exceeded. */
export function toData(src: YamlSource): { data: unknown } | { error: Diagnostic } {
  try {
    return { data: src.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = error instanceof RangeError
      ? "the YAML is nested too deeply to read"
      : `too many aliases: ${(error as Error).message}`;
    return { error: { file: src.file, line: 1, column: 1, message, hint: "write the values out instead of repeating aliases" } };
  }
}

/** The key and value nodes at a path of keys and indexes, as far as the path exists. */
export function nodesAt(src: YamlSource, path: (string | number)[]): { key?: Node; value?: Node; depth: number } {
  let value: unknown = src.doc.contents;
  let key: Node | undefined;
  let depth = 0;
  for (const segment of path) {
    if (isMap(value)) {
      const pair = value.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      key = pair.key as Node;
      value = pair.value;
    } else if (isSeq(value) && /^\d+$/.test(String(segment)) && Number(segment) < value.items.length) {
      key = undefined;
      value = value.items[Number(segment)];
    } else break;
    depth++;
  }
  return { key, value: (value ?? undefined) as Node | undefined, depth };
}

/** Where a node starts, or 1:1 when it has no range (an empty document). */
export function nodePosition(src: YamlSource, node: Node | undefined | null): Position {
  const offset = node?.range?.[0];
  return offset === undefined ? { line: 1, column: 1 } : positionAt(src, offset);
}

/** The best place to point at for a path: the value when present, else its key, else the deepest parent. */
export function pathPosition(src: YamlSource, path: (string | number)[]): Position {
  const { key, value, depth } = nodesAt(src, path);
  const empty = isScalar(value) && value.value === null;
  if (depth === path.length) return nodePosition(src, empty ? (key ?? value) : (value ?? key));
  return nodePosition(src, key ?? value);
}
