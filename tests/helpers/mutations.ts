import fc from "fast-check";

/** Ways to break a file: what hand edits, bad merges and broken scripts do to answers files. */
export type Mutation =
  | { kind: "delete-line" | "duplicate-line" | "swap-characters" | "truncate"; at: number }
  | { kind: "random-bytes"; at: number; bytes: Uint8Array }
  | { kind: "yaml-syntax"; at: number; text: string };

/** Pieces of YAML syntax that change a file's structure when dropped in anywhere. */
const SYNTAX = ["&a ", "*a", "[", "]", "{", "}", ": ", "- ", "? ", "!!binary ", "!!str ", "%YAML 1.1\n---\n", "\t", "\n---\n", "'", "\"", "|\n", "<<: ", "#", ",", "\u00a0", "\ufeff"];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom("delete-line", "duplicate-line", "swap-characters", "truncate"), at: fc.nat() }),
  fc.record({ kind: fc.constant("random-bytes"), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant("yaml-syntax"), at: fc.nat(), text: fc.constantFrom(...SYNTAX) }),
) as fc.Arbitrary<Mutation>;

/** Line boundaries (offsets just after each \n) of a byte array, with 0 first. */
function lineStarts(b: Uint8Array): number[] {
  const starts = [0];
  b.forEach((x, i) => x === 0x0a && starts.push(i + 1));
  return starts;
}

/** The bytes with one mutation applied; positions wrap around the input's length. */
export function mutate(input: Uint8Array, m: Mutation): Uint8Array {
  const b = Array.from(input);
  const at = b.length ? m.at % b.length : 0;
  switch (m.kind) {
    case "truncate":
      return new Uint8Array(b.slice(0, at));
    case "swap-characters":
      [b[at], b[(at + 1) % b.length]] = [b[(at + 1) % b.length]!, b[at]!];
      return new Uint8Array(b);
    case "random-bytes":
      b.splice(at, 0, ...m.bytes);
      return new Uint8Array(b);
    case "yaml-syntax":
      b.splice(at, 0, ...new TextEncoder().encode(m.text));
      return new Uint8Array(b);
    default: {
      const starts = lineStarts(input);
      const line = m.at % starts.length;
      const [from, to] = [starts[line]!, starts[line + 1] ?? b.length];
      const removed = b.splice(from, to - from);
      if (m.kind === "duplicate-line") b.splice(from, 0, ...removed, ...removed);
      return new Uint8Array(b);
    }
  }
}

