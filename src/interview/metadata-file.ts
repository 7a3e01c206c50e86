import { isDeepStrictEqual } from "node:util";
import { isMap, isScalar, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { pairOf } from "../load/answer-entry.js";
import type { MetadataValue } from "./metadata.js";
import { childIndent, scalarText, Splicer } from "../load/splice.js";

/** The lines of a list of assessors, each item at `indent`. */
function assessorLines(assessors: { name: string; role: string }[], indent: number): string[] {
  const pad = " ".repeat(indent);
  return assessors.flatMap((a) => [`${pad}- name: ${scalarText(a.name)}`, ...(a.role ? [`${pad}  role: ${scalarText(a.role)}`] : [])]);
}

/** Assessors as the file stores them: a role only when there is one. */
function stored(value: MetadataValue): unknown {
  return typeof value === "string" ? value : value.map((a) => (a.role ? { name: a.name, role: a.role } : { name: a.name }));
}

/** Sets a field by splicing the text (only its lines change); undefined when the shape needs the Document API. */
function spliceMetadata(text: string, path: string[], value: MetadataValue): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents) || doc.contents.flow) return undefined;
  const s = new Splicer(text);
  let map: YAMLMap = doc.contents;
  let parentKey: Node | undefined;
  for (const key of path.slice(0, -1)) {
    const pair = pairOf(map, key);
    if (!pair || !isMap(pair.value) || pair.value.flow) return undefined;
    parentKey = pair.key;
    map = pair.value;
  }
  const indent = parentKey ? childIndent(s, map, parentKey) : 0;
  if (indent === undefined) return undefined;
  const key = path[path.length - 1]!;
  const pair = pairOf(map, key) as Pair<Node, Node | null> | undefined;
  const listLines = (v: { name: string; role: string }[]) => assessorLines(v, indent + 2);
  if (pair) {
    if (typeof value === "string" && pair.value !== null && !isScalar(pair.value)) return undefined;
    const ok = typeof value === "string" ? s.inline(pair, value ? scalarText(value) : '""')
      : value.length ? s.block(pair, listLines(value)) : s.inline(pair, "[]");
    return ok ? s.result() : undefined;
  }
  const pad = " ".repeat(indent);
  const lines = typeof value === "string" ? [`${pad}${key}: ${value ? scalarText(value) : '""'}`]
    : value.length ? [`${pad}${key}:`, ...listLines(value)] : [`${pad}${key}: []`];
  return s.insert(map, map.items.length, lines) ? s.result() : undefined;
}

/**
 * Returns the answers file's text with one metadata field set (`project.owner`, `assessors`, …).
 * Like `setAnswer`, the text is spliced when that gives the same data as the `yaml` Document API's
 * edit, so the file's comments and layout stay; otherwise the edited document is printed.
 */
export function setMetadata(text: string, path: string[], value: MetadataValue): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`cannot edit an answers file with YAML errors: ${doc.errors[0]!.message}`);
  doc.setIn(path, doc.createNode(stored(value)));
  const expected = doc.toJS();
  const spliced = spliceMetadata(text, path, value);
  if (spliced !== undefined) {
    const check = parseDocument(spliced);
    if (!check.errors.length && isDeepStrictEqual(check.toJS(), expected)) return spliced;
  }
  return doc.toString({ nullStr: "" });
}
