import { isDeepStrictEqual } from "node:util";
import { isMap, parseDocument, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import type { Answers, Pack, RetiredAnswer } from "../core/types.js";
import { wrapWords } from "../io/terminal.js";
import { pairOf } from "../load/answer-entry.js";
import { setAnswer } from "./save.js";

/*
 * `init --upgrade`: brings an answers file written for an earlier version of a pack up to date.
 * An answer to a retired question moves to the question that replaced it, when exactly one did
 * and that one has no answer yet (through the interview's own setAnswer, so only that entry's
 * lines change); an empty entry of a retired question is removed; every other one stays, with a
 * comment above it saying where its question went, for a person to decide.
 */

export interface UpgradeResult {
  text: string;
  moved: { from: string; to: string }[];
  removed: string[];
  /** Entries left in place with a comment, and why they could not be moved. */
  left: { id: string; why: string }[];
}

const hasContent = (r: RetiredAnswer) => r.answer.answer !== null || r.answer.notes !== "" || r.answer.evidence.length > 0;

/** Why an entry with content cannot move by itself; undefined when it can. */
function whyNotMoved(r: RetiredAnswer, answers: Answers, filled: Set<string>): string | undefined {
  const to = r.retired.replacedBy;
  if (to.length === 0) return "no question replaces it";
  if (to.length > 1) return "it was split into several questions; answer each of them";
  if (r.answer.answer === null) return "it has notes or evidence but no answer";
  const [p, q] = to[0]!.split("/") as [string, string];
  const target = answers.answers.get(p)?.get(q);
  const targetEmpty = !target || (target.answer === null && target.notes === "" && target.evidence.length === 0);
  if (!targetEmpty || filled.has(to[0]!)) return `${to[0]} already has an answer; merge the two by hand`;
  return undefined;
}

/** The comment put above an entry left in place. */
function leftComment(pack: Pack, r: RetiredAnswer, why: string): string[] {
  const to = r.retired.replacedBy;
  const where = to.length ? ` It is asked now as ${to.join(", ")}.` : "";
  const note = r.retired.note ? ` ${r.retired.note}` : "";
  return wrapWords(`Retired in ${pack.id} ${pack.version}, not moved: ${why}.${where}${note} Remove this entry when done.`, 90);
}

/** Where a block-mapping pair's lines start (with the comment lines just above it) and end (past its line break). */
function pairLines(text: string, pair: Pair<Node, Node | null>): { start: number; end: number; indent: number } | undefined {
  const keyStart = pair.key.range?.[0];
  if (keyStart === undefined) return undefined;
  const lineStart = (pos: number) => text.lastIndexOf("\n", pos - 1) + 1;
  let start = lineStart(keyStart);
  const indent = keyStart - start;
  if (!/^ *$/.test(text.slice(start, keyStart))) return undefined;
  while (start > 0) {
    const prev = lineStart(start - 1);
    if (!/^\s*#/.test(text.slice(prev, start))) break;
    start = prev;
  }
  let last = pair.value?.range ? pair.value.range[1] : pair.key.range![1];
  while (last > keyStart && /\s/.test(text[last - 1]!)) last--;
  const nl = text.indexOf("\n", last);
  return { start, end: nl === -1 ? text.length : nl + 1, indent };
}

/** The pair of a question's entry in the document, when it sits in block mappings. */
function entryPair(doc: Document, id: string): Pair<Node, Node | null> | undefined {
  const [p, q] = id.split("/") as [string, string];
  if (!isMap(doc.contents)) return undefined;
  const answers = pairOf(doc.contents as YAMLMap, "answers");
  if (!answers || !isMap(answers.value) || answers.value.flow) return undefined;
  const principle = pairOf(answers.value, p);
  if (!principle || !isMap(principle.value) || principle.value.flow) return undefined;
  return pairOf(principle.value, q);
}

/** Removes entries and puts comments above others by splicing the text; undefined when the shape defeats it. */
function spliceText(text: string, remove: string[], comment: Map<string, string[]>): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const patches: { start: number; end: number; text: string }[] = [];
  const isBlank = (from: number) => /^[ \t]*\r?\n/.test(text.slice(from));
  for (const id of remove) {
    const pair = entryPair(doc, id);
    const lines = pair && pairLines(text, pair);
    if (!lines) return undefined;
    let { start, end } = lines;
    const prev = start > 0 ? text.lastIndexOf("\n", start - 2) + 1 : -1;
    // The blank line that set the entry apart goes with it, so no double blank line is left.
    if (prev >= 0 && isBlank(prev) && (end >= text.length || isBlank(end))) start = prev;
    else if (prev >= 0 && !isBlank(prev) && end < text.length && isBlank(end)) end = text.indexOf("\n", end) + 1;
    patches.push({ start, end, text: "" });
  }
  const nl = text.includes("\r\n") ? "\r\n" : "\n";
  for (const [id, words] of comment) {
    const pair = entryPair(doc, id);
    if (!pair) return undefined;
    const keyStart = pair.key.range![0];
    const at = text.lastIndexOf("\n", keyStart - 1) + 1;
    if (!/^ *$/.test(text.slice(at, keyStart))) return undefined;
    // Run again, the comment is already there among the comment lines above the key.
    let above = at;
    while (above > 0 && /^\s*#/.test(text.slice(text.lastIndexOf("\n", above - 2) + 1, above))) above = text.lastIndexOf("\n", above - 2) + 1;
    if (/^\s*# Retired in /m.test(text.slice(above, at))) continue;
    const pad = " ".repeat(keyStart - at);
    patches.push({ start: at, end: at, text: words.map((w) => `${pad}# ${w}${nl}`).join("") });
  }
  let out = text;
  for (const p of patches.sort((a, b) => b.start - a.start)) out = out.slice(0, p.start) + p.text + out.slice(p.end);
  return out;
}

/** The same edit with the Document API: keeps comments and order, may rewrap other values. */
function documentEdit(text: string, remove: string[], comment: Map<string, string[]>): string {
  const doc = parseDocument(text);
  for (const id of remove) doc.deleteIn(["answers", ...id.split("/")]);
  for (const [id, words] of comment) {
    const pair = entryPair(doc, id);
    if (pair && !pair.key.commentBefore?.includes("Retired in ")) pair.key.commentBefore = words.map((w) => ` ${w}`).join("\n");
  }
  return doc.toString({ nullStr: "" });
}

/** The data a YAML text holds, with the removed entries deleted from `base` when given. */
function dataOf(text: string, remove: string[] = []): unknown {
  const doc = parseDocument(text);
  for (const id of remove) doc.deleteIn(["answers", ...id.split("/")]);
  return doc.toJS();
}

/** Upgrades an answers file's text (parsed as `answers` against `pack`); returns the new text and what changed. */
export function upgradeAnswers(text: string, pack: Pack, answers: Answers): UpgradeResult {
  const result: UpgradeResult = { text, moved: [], removed: [], left: [] };
  const filled = new Set<string>();
  const remove: string[] = [];
  const comment = new Map<string, string[]>();
  for (const r of answers.retired) {
    const id = r.retired.id;
    if (!hasContent(r)) {
      remove.push(id);
      result.removed.push(id);
      continue;
    }
    const why = whyNotMoved(r, answers, filled);
    if (why) {
      comment.set(id, leftComment(pack, r, why));
      result.left.push({ id, why });
      continue;
    }
    const to = r.retired.replacedBy[0]!;
    const [p, q] = to.split("/") as [string, string];
    result.text = setAnswer(result.text, pack, p, q, { answer: r.answer.answer!, notes: r.answer.notes, evidence: r.answer.evidence });
    filled.add(to);
    remove.push(id);
    result.moved.push({ from: id, to });
  }
  if (!remove.length && !comment.size) return result;
  const expected = dataOf(result.text, remove);
  const spliced = spliceText(result.text, remove, comment);
  result.text = spliced !== undefined && isDeepStrictEqual(dataOf(spliced), expected) ? spliced : documentEdit(result.text, remove, comment);
  return result;
}
