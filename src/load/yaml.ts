import { Composer, Lexer, LineCounter, Parser, stringify, visit, YAMLParseError, isMap, isPair, isScalar, isSeq, type CST, type Document, type Node } from "yaml";
import { listed, type Diagnostic } from "../errors.js";
import { visible } from "../io/terminal.js";
import { openingOffsets } from "./unclosed.js";
import type { Position } from "../core/types.js";

/** A parsed YAML file that can still say where each of its values stands. */
export interface YamlSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

import { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_TOKENS } from "./limits.js";

export { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_TOKENS };

const CLOSING: Record<string, string> = { "[": "]", "{": "}" };

const HINTS: Partial<Record<string, string>> = {
  DUPLICATE_KEY: "each key may appear once in a mapping; remove or merge the repeated one",
  TAB_AS_INDENT: "indent with spaces, not tabs; errors on the lines after it may follow from it, so fix it and run again",
  BAD_INDENT: "check that this line is indented like its siblings",
  MULTIPLE_DOCS: "keep one YAML document per file (remove the '---' separator)",
  BLOCK_AS_IMPLICIT_KEY: "a key is probably missing its ':' or is indented wrongly",
  MISSING_CHAR: "a quote or bracket is probably not closed",
  UNEXPECTED_TOKEN: "check the punctuation on this line (a stray ':', '-' or quote)",
};

/** Converts a character offset into a 1-based line and column. */
export function positionAt(src: { lineCounter: LineCounter }, offset: number): Position {
  const { line, col } = src.lineCounter.linePos(offset);
  return { line: Math.max(line, 1), column: col };
}

type Scan = { tokens: CST.Token[] } | { offset: number; message: string; hint: string };

/**
 * Lexes and parses into CST tokens, stopping as soon as the input is nested too deeply or holds
 * too many tokens, so hostile input costs at most MAX_TOKENS tokens of work and never recurses.
 */
function scan(text: string, lineCounter: LineCounter): Scan {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  let count = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > MAX_DEPTH) {
      return { offset: parser.offset, message: `the YAML is nested more than ${MAX_DEPTH} levels deep here`, hint: "answers files and checklists need 5 levels at most; look for unclosed brackets or runaway indentation" };
    }
    if (++count > MAX_TOKENS) {
      return { offset: parser.offset, message: `the file holds more than ${MAX_TOKENS.toLocaleString("en")} YAML tokens (keys, values and punctuation), far more than an answers file or checklist`, hint: "check that this is the right file" };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

/** Parses YAML 1.2 with positions. Every syntax error is returned (up to MAX_LISTED), not only the first. */
export function parseYaml(file: string, text: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const scanned = scan(text, lineCounter);
  if (!("tokens" in scanned)) {
    return { diagnostics: [{ file, ...positionAt({ lineCounter }, scanned.offset), message: scanned.message, hint: scanned.hint }] };
  }
  let doc: Document.Parsed | undefined;
  try {
    for (const next of new Composer({ uniqueKeys: true, logLevel: "error" }).compose(scanned.tokens, true, text.length)) {
      if (doc) {
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], "MULTIPLE_DOCS", "the file holds more than one YAML document"));
        break;
      }
      doc = next;
    }
  } catch (error) {
    // Composing recurses per level; the depth limit keeps it far from the stack's end, this is a last guard.
    if (!(error instanceof RangeError)) throw error;
    return { diagnostics: [{ file, line: 1, column: 1, message: "the YAML is nested too deeply to read" }] };
  }
  const source: YamlSource = { file, text, doc: doc!, lineCounter };
  const opening = openingOffsets(scanned.tokens, source.doc.errors);
  // A tab in the indentation misaligns every line after it: report the tabs alone, not the knock-on errors.
  const tabs = source.doc.errors.filter((e) => e.code === "TAB_AS_INDENT");
  const diagnostics = listed((tabs.length ? tabs : source.doc.errors).map((e) => {
    const open = opening.get(e);
    const char = open === undefined ? "" : text[open]!;
    const hint = open === undefined ? HINTS[e.code] : CLOSING[char] ? `the '${char}' that opens here is not closed with '${CLOSING[char]}'` : "the quote that opens here is not closed";
    return { file, ...positionAt(source, open ?? e.pos[0]), message: `YAML syntax: ${e.message.split("\n")[0]}`, hint };
  }));
  return { source, diagnostics };
}

/** The first alias in the document, or the first one naming `anchor`: where alias trouble starts. */
function firstAlias(src: YamlSource, anchor?: string): Node | undefined {
  let found: Node | undefined;
  visit(src.doc, {
    Alias(_, node) {
      if (anchor !== undefined && node.source !== anchor) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** Plain data of the document, with alias expansion bounded; a located diagnostic when an alias is bad. */
export function toData(src: YamlSource): { data: unknown } | { error: Diagnostic } {
  try {
    return { data: src.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unresolved = /^Unresolved alias.*: (.*)$/.exec(message);
    if (unresolved) {
      const name = unresolved[1]!;
      const shown = visible(name);
      return { error: { file: src.file, ...nodePosition(src, firstAlias(src, name)), message: `the alias '*${shown}' has no anchor '&${shown}' before it`, hint: `define &${shown} on a value above this line, or write the value out` } };
    }
    if (/Excessive alias count/.test(message)) {
      return { error: { file: src.file, ...nodePosition(src, firstAlias(src)), message: `aliases here expand to more than ${MAX_ALIAS_COUNT} copies (a "billion laughs" pattern)`, hint: "write the values out instead of repeating aliases of aliases" } };
    }
    return { error: { file: src.file, line: 1, column: 1, message: `the YAML cannot be read: ${message}` } };
  }
}

/** The key and value nodes at a path of keys and indexes, as far as the path exists. */
export function nodesAt(src: YamlSource, path: (string | number)[]): { key?: Node; value?: Node; depth: number } {
  let value: unknown = src.doc.contents;
  let key: Node | undefined;
  let depth = 0;
  for (const segment of path) {
    if (isMap(value)) {
      // Scalar keys by value; a collection used as a key ([a, b]: …) by the text it is converted to.
      const pair = value.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : stringify(p.key, { collectionStyle: "flow" }).trim()) === String(segment));
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

/** The value node at a path, or undefined when any part of the path is missing. */
export function valueAt(src: YamlSource, path: (string | number)[]): Node | undefined {
  const { value, depth } = nodesAt(src, path);
  return depth === path.length ? value : undefined;
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
