import type { CST, YAMLError } from "yaml";

/** Every token of a parsed stream, walked with a stack (nesting is bounded, but no recursion is needed). */
function* tokensOf(stream: CST.Token[]): Generator<CST.Token> {
  const stack = [...stream];
  while (stack.length) {
    const token = stack.pop()!;
    yield token;
    if (token.type === "document" && token.value) stack.push(token.value);
    if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      for (const item of token.items) {
        if (item.key) stack.push(item.key);
        if (item.value) stack.push(item.value);
      }
    }
  }
}

const CLOSING: Record<string, string> = { "[": "]", "{": "}" };

/**
 * Where the quote or bracket opens that a "missing closing quote" or "must end with a ]" error is
 * about: the parser reports such errors where it gave up, often the end of the file, while the fix
 * belongs where the quote or bracket was opened. Other errors are not in the map.
 */
export function openingOffsets(stream: CST.Token[], errors: YAMLError[]): Map<YAMLError, number> {
  const quotes = new Map<number, number>();
  const brackets: number[] = [];
  for (const token of tokensOf(stream)) {
    if (token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar") quotes.set(token.offset + token.source.length, token.offset);
    if (token.type === "flow-collection" && token.end[0]?.source !== CLOSING[token.start.source]) brackets.push(token.start.offset);
  }
  brackets.sort((a, b) => a - b);
  const out = new Map<YAMLError, number>();
  // Inner collections fail first: each error belongs to the latest unclosed bracket opened before it.
  for (const e of errors) {
    if (/^Missing closing .quote/.test(e.message) && quotes.has(e.pos[0])) out.set(e, quotes.get(e.pos[0])!);
    if (/must (be sufficiently indented and )?end with a [\]}]/.test(e.message)) {
      let i = brackets.length - 1;
      while (i >= 0 && brackets[i]! >= e.pos[0]) i--;
      if (i >= 0) out.set(e, brackets.splice(i, 1)[0]!);
    }
  }
  return out;
}
