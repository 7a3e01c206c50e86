import { isMap, isScalar, parseDocument, stringify, type Node, type Pair, type YAMLMap } from "yaml";
import { isEmpty } from "./answers.js";
import { insertionIndex, pairOf, planEntry, type AnswerEdit, type EntryPlan, type Target } from "./answer-entry.js";

/*
 * One answer set by splicing the file's text: only the lines of the edited entry change, so every
 * other byte (comments, blank lines, folded notes, quoting) stays as the team wrote it. Node
 * positions come from the `yaml` parser; anything unusual makes it give up (undefined), and
 * save.ts falls back to the Document API.
 */

/** Patches to a text, applied together, with the line and position helpers they need. */
export class Splicer {
  readonly nl: string;
  private patches: { start: number; end: number; text: string }[] = [];

  constructor(readonly text: string) {
    this.nl = text.includes("\r\n") ? "\r\n" : "\n";
  }

  patch(start: number, end: number, text: string): void {
    this.patches.push({ start, end, text });
  }

  result(): string {
    let out = this.text;
    for (const p of [...this.patches].sort((a, b) => b.start - a.start)) out = out.slice(0, p.start) + p.text + out.slice(p.end);
    return out;
  }

  lineStart(pos: number): number {
    return this.text.lastIndexOf("\n", pos - 1) + 1;
  }

  /** The end of the line holding `pos`, before its line break. */
  lineEnd(pos: number): number {
    let end = this.text.indexOf("\n", pos);
    if (end === -1) return this.text.length;
    if (this.text[end - 1] === "\r") end--;
    return end;
  }

  /** The column a node starts at, when only spaces stand before it on its line. */
  indentOf(node: Node): number | undefined {
    const start = node.range![0];
    const before = this.text.slice(this.lineStart(start), start);
    return /^ *$/.test(before) ? before.length : undefined;
  }

  /** Where a value's own text ends, without the line breaks and spaces a block node carries after it. */
  valueEnd(node: Node): number {
    let end = node.range![1];
    while (end > node.range![0] && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }

  /** Just past the `:` after a key; undefined for anything unusual (explicit `?` keys). */
  colonAfter(key: Node): number | undefined {
    let i = key.range![1];
    while (this.text[i] === " " || this.text[i] === "\t") i++;
    return this.text[i] === ":" ? i + 1 : undefined;
  }

  /** A comment on the rest of the line from `pos` ("# …"), or "". */
  commentAt(pos: number): string {
    const rest = this.text.slice(pos, this.lineEnd(pos));
    return /^\s*#/.test(rest) ? rest.trim() : "";
  }

  /** Where a pair's value ends: its own text, or just past the colon when it has none. */
  pairEnd(pair: Pair<Node, Node | null>): number | undefined {
    const colon = this.colonAfter(pair.key);
    if (colon === undefined) return undefined;
    return pair.value?.range ? Math.max(colon, this.valueEnd(pair.value)) : colon;
  }

  /** Replaces a pair's value by an inline scalar (or nothing), keeping a comment that follows it. */
  inline(pair: Pair<Node, Node | null>, text: string): boolean {
    const colon = this.colonAfter(pair.key);
    const end = this.pairEnd(pair);
    if (colon === undefined || end === undefined) return false;
    const space = this.text[end] === "#" ? " " : "";
    this.patch(colon, end, (text ? ` ${text}` : "") + space);
    return true;
  }

  /**
   * Replaces a pair's value by indented lines. A comment on the old value's line moves after the
   * colon, or with `commentOnFirstLine` to the end of the first new line.
   */
  block(pair: Pair<Node, Node | null>, lines: string[], commentOnFirstLine = false): boolean {
    const colon = this.colonAfter(pair.key);
    const end = this.pairEnd(pair);
    if (colon === undefined || end === undefined || !lines.length) return false;
    const comment = this.commentAt(end);
    const stop = comment ? this.lineEnd(end) : end;
    const body = [...lines];
    if (comment && commentOnFirstLine) body[0] = `${body[0]} ${comment}`;
    this.patch(colon, stop, `${comment && !commentOnFirstLine ? ` ${comment}` : ""}${this.nl}${body.join(this.nl)}`);
    return true;
  }

  /** Inserts whole lines as a new key of a block mapping, before `before` or after its last item. */
  insert(map: YAMLMap, index: number, lines: string[]): boolean {
    const before = map.items[index] as Pair<Node, Node | null> | undefined;
    if (before) {
      // Above the comment lines that belong to the key it goes before.
      let at = this.lineStart(before.key.range![0]);
      while (at > 0) {
        const prev = this.lineStart(at - 1);
        if (!/^\s*#/.test(this.text.slice(prev, at))) break;
        at = prev;
      }
      this.patch(at, at, lines.join(this.nl) + this.nl);
      return true;
    }
    const last = map.items[map.items.length - 1] as Pair<Node, Node | null> | undefined;
    if (!last) return false;
    const end = this.pairEnd(last);
    if (end === undefined) return false;
    const at = this.lineEnd(end);
    this.patch(at, at, this.nl + lines.join(this.nl));
    return true;
  }
}

/** A string as a YAML scalar on one line: plain when it can be, double-quoted otherwise. */
export function scalarText(value: string): string {
  const plain = stringify(value, { lineWidth: 0 }).replace(/\n$/, "");
  return plain.includes("\n") ? JSON.stringify(value) : plain;
}

/** An answer's text after `answer:` or the question's key: empty when it is cleared. */
const answerText = (answer: string | null | undefined) => (answer ? ` ${scalarText(answer)}` : "");

function evidenceLines(evidence: string[], indent: number): string[] {
  return evidence.map((e) => `${" ".repeat(indent)}- ${scalarText(e)}`);
}

/** The lines of a mapping entry's fields, at `indent`. */
function fieldLines(plan: EntryPlan, indent: number): string[] {
  const pad = " ".repeat(indent);
  const lines = [`${pad}answer:${answerText(plan.set.answer)}`];
  if (plan.set.notes) lines.push(`${pad}notes: ${scalarText(plan.set.notes)}`);
  if (plan.set.evidence?.length) lines.push(`${pad}evidence:`, ...evidenceLines(plan.set.evidence, indent + 2));
  return lines;
}

/** The lines of a whole new question entry, its key at `indent`. */
function entryLines(question: string, plan: EntryPlan, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (plan.shorthand) return [`${pad}${question}:${answerText(plan.set.answer)}`];
  return [`${pad}${question}:`, ...fieldLines(plan, indent + 2)];
}

/** The indentation of a mapping's keys, or its parent key's plus `step` when it has none. */
export function childIndent(s: Splicer, map: YAMLMap, parentKey: Node, step = 2): number | undefined {
  const first = map.items[0] as Pair<Node> | undefined;
  if (first) return s.indentOf(first.key);
  const parent = s.indentOf(parentKey);
  return parent === undefined ? undefined : parent + step;
}

/** Edits the mapping entry of a question field by field; false when it cannot be done in place. */
function spliceFields(s: Splicer, map: YAMLMap, question: Pair<Node, Node | null>, plan: EntryPlan): boolean {
  if (map.flow) return false;
  const indent = childIndent(s, map, question.key);
  if (indent === undefined) return false;
  const set = plan.set;
  const pad = " ".repeat(indent);
  if (set.answer !== undefined) {
    const pair = pairOf(map, "answer");
    if (pair) { if (!s.inline(pair, answerText(set.answer).trimStart())) return false; }
    else if (!s.insert(map, 0, [`${pad}answer:${answerText(set.answer)}`])) return false;
  }
  const evidencePair = pairOf(map, "evidence");
  const append: string[] = [];
  if (set.notes !== undefined) {
    const pair = pairOf(map, "notes");
    if (pair) { if (!s.inline(pair, set.notes === null ? "" : scalarText(set.notes))) return false; }
    else if (set.notes && evidencePair) { if (!s.insert(map, map.items.indexOf(evidencePair as never), [`${pad}notes: ${scalarText(set.notes)}`])) return false; }
    else if (set.notes) append.push(`${pad}notes: ${scalarText(set.notes)}`);
  }
  if (set.evidence !== undefined) {
    if (evidencePair) {
      const ok = set.evidence.length ? s.block(evidencePair, evidenceLines(set.evidence, indent + 2)) : s.inline(evidencePair, "[]");
      if (!ok) return false;
    } else if (set.evidence.length) append.push(`${pad}evidence:`, ...evidenceLines(set.evidence, indent + 2));
  }
  if (append.length && !s.insert(map, map.items.length, append)) return false;
  return true;
}

/** Sets one answer by splicing the file's text; undefined when the file's shape needs the Document API. */
export function spliceAnswer(text: string, target: Target, edit: AnswerEdit): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents) || doc.contents.flow) return undefined;
  const s = new Splicer(text);
  const answers = pairOf(doc.contents, "answers");
  if (!answers) return undefined;
  const answersIndent = s.indentOf(answers.key);
  if (answersIndent === undefined) return undefined;
  const fresh = (indent: number) => entryLines(target.question, planEntry(undefined, false, edit), indent);

  if (!isMap(answers.value)) {
    if (!isEmpty(answers.value)) return undefined;
    const ok = s.block(answers, [`${" ".repeat(answersIndent + 2)}${target.principle}:`, ...fresh(answersIndent + 4)]);
    return ok ? s.result() : undefined;
  }
  const answersMap = answers.value;
  if (answersMap.flow) return undefined;
  const principleIndent = childIndent(s, answersMap, answers.key);
  if (principleIndent === undefined) return undefined;
  const principle = pairOf(answersMap, target.principle);
  if (!principle) {
    const lines = [`${" ".repeat(principleIndent)}${target.principle}:`, ...fresh(principleIndent + 2)];
    return s.insert(answersMap, insertionIndex(answersMap, target.principle, target.principleOrder), lines) ? s.result() : undefined;
  }
  if (!isMap(principle.value)) {
    if (!isEmpty(principle.value)) return undefined;
    return s.block(principle, fresh(principleIndent + 2)) ? s.result() : undefined;
  }
  const principleMap = principle.value;
  if (principleMap.flow) return undefined;
  const questionIndent = childIndent(s, principleMap, principle.key);
  if (questionIndent === undefined) return undefined;
  const question = pairOf(principleMap, target.question);
  if (!question) {
    return s.insert(principleMap, insertionIndex(principleMap, target.question, target.questionOrder), fresh(questionIndent)) ? s.result() : undefined;
  }
  const plan = planEntry(question.value, true, edit);
  if (isMap(question.value)) return spliceFields(s, question.value, question, plan) ? s.result() : undefined;
  if (question.value !== null && !isScalar(question.value)) return undefined;
  if (plan.shorthand) return s.inline(question, answerText(plan.set.answer).trimStart()) ? s.result() : undefined;
  // Shorthand that now needs notes or evidence: becomes a mapping; its comment moves to `answer:`.
  return s.block(question, fieldLines(plan, questionIndent + 2), true) ? s.result() : undefined;
}
