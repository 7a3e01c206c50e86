import { isDeepStrictEqual } from "node:util";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node, type Pair, type YAMLMap } from "yaml";
import { Splicer, scalarText } from "../load/splice.js";

/** An evidence path's text as written → the sha256 to pin it at. */
export type Pins = Map<string, string>;

const pairOf = (map: YAMLMap, key: string) => map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<Node, Node | null> | undefined;
const refOf = (node: Node | null | undefined) => (isScalar(node) && node.value !== null ? String(node.value).trim() : "");
const pinned = (ref: string, sha256: string) => `{ path: ${scalarText(ref)}, sha256: ${sha256} }`;

/** Each evidence value node of the file: `answers.<principle>.<question>.evidence`. */
function evidenceNodes(map: YAMLMap): Pair<Node, Node | null>[] {
  const out: Pair<Node, Node | null>[] = [];
  const answers = pairOf(map, "answers")?.value;
  if (!isMap(answers)) return out;
  for (const p of answers.items) {
    if (!isMap(p.value)) continue;
    for (const q of p.value.items) {
      if (!isMap(q.value)) continue;
      const evidence = pairOf(q.value, "evidence");
      if (evidence) out.push(evidence);
    }
  }
  return out;
}

/** Where an evidence entry is an alias (`*name`) or carries an anchor (`&name`): offsets into the text. */
function aliasedEvidence(pairs: Pair<Node, Node | null>[]): number[] {
  const at: number[] = [];
  for (const pair of pairs) {
    if (!pair.value) continue;
    visit(pair.value, {
      Node(_, node) {
        if ((isAlias(node) || (node as { anchor?: string }).anchor) && node.range) at.push(node.range[0]);
      },
    });
  }
  return at;
}

/**
 * Where pinning must stop: the (1-based) positions of evidence entries that are YAML aliases or
 * anchors, whose text is shared with another place in the file, so rewriting one entry would
 * change or break the other. Empty when every entry can be pinned.
 */
export function unpinnable(text: string): { line: number; column: number }[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length || !isMap(doc.contents)) return [];
  return aliasedEvidence(evidenceNodes(doc.contents)).map((offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  });
}

/**
 * Records sha256 pins in an answers file's text by splicing only the evidence entries that change:
 * `- docs/card.md` becomes `- { path: docs/card.md, sha256: … }` on the same line, and a pinned
 * entry's `sha256` is replaced where it stands, so comments and every other line stay as written.
 * Should the file's shape defeat splicing, the Document API rewrites it (still keeping comments).
 * Returns the new text and how many entries it pinned or re-pinned.
 */
export function pinEvidence(text: string, pins: Pins): { text: string; changed: number } {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return { text, changed: 0 };
  const s = new Splicer(text);
  let changed = 0;
  let spliced = true;
  for (const pair of evidenceNodes(doc.contents)) {
    const value = pair.value;
    if (isScalar(value)) {
      const sha = pins.get(refOf(value));
      if (!sha || !value.range) continue;
      s.patch(value.range[0], s.valueEnd(value), `[${pinned(refOf(value), sha)}]`);
      pair.value = doc.createNode([{ path: refOf(value), sha256: sha }]) as Node;
      changed++;
      continue;
    }
    if (!isSeq(value)) continue;
    value.items.forEach((item, i) => {
      if (isScalar(item)) {
        const sha = pins.get(refOf(item));
        if (!sha) return;
        if (item.range) s.patch(item.range[0], s.valueEnd(item), pinned(refOf(item), sha));
        else spliced = false;
        value.items[i] = doc.createNode({ path: refOf(item), sha256: sha }) as never;
        changed++;
      } else if (isMap(item)) {
        const path = pairOf(item, "path");
        const hash = pairOf(item, "sha256");
        const sha = pins.get(refOf(path?.value));
        if (!sha || !hash || refOf(hash.value) === sha) return;
        if (hash.value?.range) s.patch(hash.value.range[0], s.valueEnd(hash.value), sha);
        else spliced = false;
        hash.value = doc.createNode(sha) as Node;
        changed++;
      }
    });
  }
  if (!changed) return { text, changed };
  const expected = doc.toJS();
  const result = s.result();
  const check = parseDocument(result);
  if (spliced && !check.errors.length && isDeepStrictEqual(check.toJS(), expected)) return { text: result, changed };
  return { text: doc.toString({ nullStr: "" }), changed };
}
