/**
 * A value as pretty-printed JSON (two-space indent) that sits `depth` levels deep in a document:
 * every line after the first is indented by 2 × depth more. Made in one JSON.stringify call, by
 * nesting the value in arrays and cutting their brackets off again, rather than by replacing each
 * line break afterwards, which builds a string of many pieces that costs several bytes a character.
 */
export function jsonAt(value: unknown, depth: number): string {
  let nested = value;
  for (let i = 0; i < depth; i++) nested = [nested];
  const text = JSON.stringify(nested, null, 2);
  // Each level adds "[\n" + its indent before the value and "\n" + indent + "]" after it.
  let head = 0;
  let tail = 0;
  for (let i = 0; i < depth; i++) {
    head += 2 + 2 * (i + 1);
    tail += 2 + 2 * i;
  }
  return text.slice(head, text.length - tail);
}
