import { isDeepStrictEqual } from "node:util";
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, stringify, YAMLMap, type Node, type Pair } from "yaml";
import type { AnswerValue, Pack } from "../core/types.js";
import { writeFileAtomic } from "../io/write.js";

/** One question's answer as the interview gives it. */
export interface AnswerEdit {
  answer: AnswerValue;
  notes: string;
  evidence: string[];
}

/** Where a question lives in the pack, and the ids in pack order around it (to insert in order). */
interface Target {
  principle: string;
  question: string;
  principleOrder: string[];
  questionOrder: string[];
}

function targetFor(pack: Pack, principleId: string, questionId: string): Target {
  const principle = pack.principles.find((p) => p.id === principleId);
  if (!principle || !principle.questions.some((q) => q.id === questionId)) {
    throw new Error(`no question ${principleId}/${questionId} in pack ${pack.id}`);
  }
  return { principle: principleId, question: questionId, principleOrder: pack.principles.map((p) => p.id), questionOrder: principle.questions.map((q) => q.id) };
}

function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair<Node, Node | null> | undefined;
}

function isEmptyValue(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === ""));
}

function textOf(node: unknown): string {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : "";
}

/** The evidence a node holds, as the answers parser reads it: a list, or one string. */
function evidenceOf(node: unknown): string[] {
  if (isSeq(node)) return node.items.map((i) => textOf(i).trim()).filter(Boolean);
  const one = textOf(node).trim();
  return one ? [one] : [];
}

/** Notes compare equal when only their line breaks or spacing differ (a folded block edited as one line). */
function sameNotes(a: string, b: string): boolean {
  return a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();
}

/** Index in `items` before which a key belongs so that keys stay in pack order. */
function insertionIndex(map: YAMLMap, key: string, order: string[]): number {
  const rank = order.indexOf(key);
  const next = map.items.findIndex((p) => isScalar(p.key) && order.indexOf(String(p.key.value)) > rank);
  return next === -1 ? map.items.length : next;
}

/** What a question's entry should become, decided once for both ways of writing it. */
interface EntryPlan {
  /** Keep (or write) the shorthand `question-id: answer`. */
  shorthand: boolean;
  /** Fields of a mapping entry to set; a field that is already right is left out, so its formatting stays. */
  set: { answer?: string; notes?: string | null; evidence?: string[] };
}

/** Decides how an existing (or absent) entry changes. */
function planEntry(value: Node | null | undefined, exists: boolean, edit: AnswerEdit): EntryPlan {
  const notes = edit.notes.trim();
  const evidence = edit.evidence.map((e) => e.trim()).filter(Boolean);
  if (isMap(value)) {
    const set: EntryPlan["set"] = {};
    const answerPair = pairOf(value, "answer");
    if (textOf(answerPair?.value) !== edit.answer) set.answer = edit.answer;
    const notesPair = pairOf(value, "notes");
    if (!sameNotes(textOf(notesPair?.value), notes)) set.notes = notes || null;
    const evidencePair = pairOf(value, "evidence");
    if (!isDeepStrictEqual(evidenceOf(evidencePair?.value), evidence)) set.evidence = evidence;
    return { shorthand: false, set };
  }
  if (!notes && !evidence.length && (!exists || isScalar(value) || value === null || value === undefined)) {
    return { shorthand: true, set: { answer: edit.answer } };
  }
  return { shorthand: false, set: { answer: edit.answer, ...(notes ? { notes } : {}), ...(evidence.length ? { evidence } : {}) } };
}

// ---------------------------------------------------------------------------------------------
// Document API: the reference edit. Always right about the data; may re-wrap long text.

function evidenceNode(doc: Document, evidence: string[]): Node {
  const node = doc.createNode(evidence) as Node;
  if (!evidence.length && isSeq(node)) node.flow = true;
  return node;
}

function entryNode(doc: Document, plan: EntryPlan, comment: string | undefined): Node {
  if (plan.shorthand) {
    const scalar = new Scalar(plan.set.answer);
    if (comment) scalar.comment = comment;
    return scalar;
  }
  const map = new YAMLMap();
  const answer = new Scalar(plan.set.answer);
  if (comment) answer.comment = comment;
  map.items.push(doc.createPair("answer", answer));
  if (plan.set.notes) map.items.push(doc.createPair("notes", plan.set.notes));
  if (plan.set.evidence?.length) map.items.push(doc.createPair("evidence", evidenceNode(doc, plan.set.evidence)));
  return map;
}

function setField(doc: Document, map: YAMLMap, key: "answer" | "notes" | "evidence", value: string | null | string[]): void {
  const pair = pairOf(map, key);
  if (Array.isArray(value)) {
    if (pair) pair.value = evidenceNode(doc, value);
    else if (value.length) map.items.push(doc.createPair(key, evidenceNode(doc, value)));
    return;
  }
  if (pair && isScalar(pair.value)) {
    pair.value.value = value;
    if (value !== null && pair.value.type !== "PLAIN" && pair.value.type !== "QUOTE_DOUBLE" && pair.value.type !== "QUOTE_SINGLE") pair.value.type = undefined;
  } else if (pair) {
    pair.value = new Scalar(value);
  } else if (value !== null) {
    const fresh = doc.createPair(key, new Scalar(value));
    if (key === "answer") map.items.unshift(fresh);
    else map.items.push(fresh);
  }
}

/** Sets one answer through the Document API, creating the principle and question entries as needed. */
function editDocument(doc: Document, target: Target, edit: AnswerEdit): void {
  const root = doc.contents;
  if (!isMap(root)) throw new Error("the answers file is not a mapping");
  let answers = pairOf(root, "answers");
  if (!answers) {
    answers = doc.createPair("answers", new YAMLMap()) as Pair<Node, Node | null>;
    root.items.push(answers);
  }
  if (!isMap(answers.value)) answers.value = new YAMLMap();
  const answersMap = answers.value as YAMLMap;
  let principle = pairOf(answersMap, target.principle);
  if (!principle) {
    principle = doc.createPair(target.principle, new YAMLMap()) as Pair<Node, Node | null>;
    answersMap.items.splice(insertionIndex(answersMap, target.principle, target.principleOrder), 0, principle);
  }
  if (!isMap(principle.value)) principle.value = new YAMLMap();
  const principleMap = principle.value as YAMLMap;
  const question = pairOf(principleMap, target.question);
  const plan = planEntry(question?.value, Boolean(question), edit);
  if (question && isMap(question.value)) {
    const map = question.value;
    if (plan.set.answer !== undefined) setField(doc, map, "answer", plan.set.answer);
    if (plan.set.notes !== undefined) setField(doc, map, "notes", plan.set.notes);
    if (plan.set.evidence !== undefined) setField(doc, map, "evidence", plan.set.evidence);
    return;
  }
  if (question && plan.shorthand && isScalar(question.value)) {
    question.value.value = plan.set.answer;
    return;
  }
  const comment = isScalar(question?.value) ? question.value.comment ?? undefined : undefined;
  const node = entryNode(doc, plan, comment);
  if (question) question.value = node;
  else principleMap.items.splice(insertionIndex(principleMap, target.question, target.questionOrder), 0, doc.createPair(target.question, node));
}

// ---------------------------------------------------------------------------------------------
// Text splicing: changes only the lines of the edited entry, so everything else stays byte-for-byte.

class Splicer {
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
function scalarText(value: string): string {
  const plain = stringify(value, { lineWidth: 0 }).replace(/\n$/, "");
  return plain.includes("\n") ? JSON.stringify(value) : plain;
}

function evidenceLines(evidence: string[], indent: number): string[] {
  return evidence.map((e) => `${" ".repeat(indent)}- ${scalarText(e)}`);
}

/** The lines of a mapping entry's fields, at `indent`. */
function fieldLines(plan: EntryPlan, indent: number): string[] {
  const pad = " ".repeat(indent);
  const lines = [`${pad}answer: ${scalarText(plan.set.answer!)}`];
  if (plan.set.notes) lines.push(`${pad}notes: ${scalarText(plan.set.notes)}`);
  if (plan.set.evidence?.length) lines.push(`${pad}evidence:`, ...evidenceLines(plan.set.evidence, indent + 2));
  return lines;
}

/** The lines of a whole new question entry, its key at `indent`. */
function entryLines(question: string, plan: EntryPlan, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (plan.shorthand) return [`${pad}${question}: ${scalarText(plan.set.answer!)}`];
  return [`${pad}${question}:`, ...fieldLines(plan, indent + 2)];
}

function childIndent(s: Splicer, map: YAMLMap, parentKey: Node, step = 2): number | undefined {
  const first = map.items[0] as Pair<Node> | undefined;
  if (first) return s.indentOf(first.key);
  const parent = s.indentOf(parentKey);
  return parent === undefined ? undefined : parent + step;
}

/** Edits the mapping entry of a question field by field; undefined when it cannot be done in place. */
function spliceFields(s: Splicer, map: YAMLMap, question: Pair<Node, Node | null>, plan: EntryPlan): boolean {
  if (map.flow) return false;
  const indent = childIndent(s, map, question.key);
  if (indent === undefined) return false;
  const set = plan.set;
  const pad = " ".repeat(indent);
  if (set.answer !== undefined) {
    const pair = pairOf(map, "answer");
    if (pair) { if (!s.inline(pair, scalarText(set.answer))) return false; }
    else if (!s.insert(map, 0, [`${pad}answer: ${scalarText(set.answer)}`])) return false;
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
function spliceAnswer(text: string, target: Target, edit: AnswerEdit): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents) || doc.contents.flow) return undefined;
  const s = new Splicer(text);
  const answers = pairOf(doc.contents, "answers");
  if (!answers) return undefined;
  const answersIndent = s.indentOf(answers.key);
  if (answersIndent === undefined) return undefined;
  const fresh = (indent: number) => entryLines(target.question, planEntry(undefined, false, edit), indent);

  if (!isMap(answers.value)) {
    if (!isEmptyValue(answers.value)) return undefined;
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
    if (!isEmptyValue(principle.value)) return undefined;
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
  if (plan.shorthand) return s.inline(question, scalarText(plan.set.answer!)) ? s.result() : undefined;
  // Shorthand that now needs notes or evidence: becomes a mapping; its comment moves to `answer:`.
  return s.block(question, fieldLines(plan, questionIndent + 2), true) ? s.result() : undefined;
}

/** The data a YAML text holds, or undefined when it does not parse cleanly. */
function dataOf(text: string): unknown {
  const doc = parseDocument(text);
  return doc.errors.length ? undefined : doc.toJS();
}

/**
 * Returns the answers file's text with one question's answer set. The edit is made with the
 * `yaml` Document API; the text is then changed only where that edit changed something (the
 * entry's own lines), so comments, key order, blank lines and the wrapping of every other value
 * stay exactly as they were. Should the file's shape defeat that (flow-style mappings, say), the
 * whole document is printed by the Document API instead, which still keeps comments and order.
 */
export function setAnswer(text: string, pack: Pack, principleId: string, questionId: string, edit: AnswerEdit): string {
  const target = targetFor(pack, principleId, questionId);
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`cannot edit an answers file with YAML errors: ${doc.errors[0]!.message}`);
  editDocument(doc, target, edit);
  const expected = doc.toJS();
  const spliced = spliceAnswer(text, target, edit);
  if (spliced !== undefined && isDeepStrictEqual(dataOf(spliced), expected)) return spliced;
  return doc.toString({ nullStr: "" });
}

/** Sets values in the top of the file (metadata) through the Document API, keeping comments. */
export function setMetadata(text: string, values: { path: (string | number)[]; value: unknown }[]): string {
  const doc = parseDocument(text);
  for (const { path, value } of values) doc.setIn(path, doc.createNode(value));
  return doc.toString({ nullStr: "", lineWidth: 0 });
}

/**
 * An answers file being filled in: every answer is written to disk at once, atomically (a
 * temporary file beside it, then a rename), so an interview stopped at any moment loses nothing.
 */
export class AnswersFileWriter {
  constructor(readonly path: string, private text: string, private readonly pack: Pack) {}

  get content(): string {
    return this.text;
  }

  /** Saves one answer; returns false when the file already said exactly that (nothing written). */
  save(principleId: string, questionId: string, edit: AnswerEdit): boolean {
    const next = setAnswer(this.text, this.pack, principleId, questionId, edit);
    if (next === this.text) return false;
    writeFileAtomic(this.path, next);
    this.text = next;
    return true;
  }
}
