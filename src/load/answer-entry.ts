import { isDeepStrictEqual } from "node:util";
import { isMap, isPair, isScalar, type Node, type Pair, type YAMLMap } from "yaml";
import type { AnswerValue, Pack } from "../core/types.js";
import { evidenceOf, scalarText } from "./answers.js";

/*
 * What one question's entry in the answers file should become, decided once for both ways of
 * writing it: the Document API edit (edit.ts) and the text splice (splice.ts).
 */

/** One question's answer as the interview gives it. */
export interface AnswerEdit {
  /** null clears the answer (the question is unanswered again; its notes and evidence stay). */
  answer: AnswerValue | null;
  notes: string;
  evidence: string[];
}

/** Where a question lives in the pack, and the ids in pack order around it (to insert in order). */
export interface Target {
  principle: string;
  question: string;
  principleOrder: string[];
  questionOrder: string[];
}

/** The target of an edit; throws for an id the pack does not have (a bug, not bad input). */
export function targetFor(pack: Pack, principleId: string, questionId: string): Target {
  const principle = pack.principles.find((p) => p.id === principleId);
  if (!principle || !principle.questions.some((q) => q.id === questionId)) {
    throw new Error(`no question ${principleId}/${questionId} in pack ${pack.id}`);
  }
  return { principle: principleId, question: questionId, principleOrder: pack.principles.map((p) => p.id), questionOrder: principle.questions.map((q) => q.id) };
}

/** The pair of a mapping with this key. */
export function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair<Node, Node | null> | undefined;
}

/** Notes compare equal when only their line breaks or spacing differ (a folded block edited as one line). */
export function sameNotes(a: string, b: string): boolean {
  return a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();
}

/** Index in `items` before which a key belongs so that keys stay in pack order. */
export function insertionIndex(map: YAMLMap, key: string, order: string[]): number {
  const rank = order.indexOf(key);
  const next = map.items.findIndex((p) => isScalar(p.key) && order.indexOf(String(p.key.value)) > rank);
  return next === -1 ? map.items.length : next;
}

/** What a question's entry should become, decided once for both ways of writing it. */
export interface EntryPlan {
  /** Keep (or write) the shorthand `question-id: answer`. */
  shorthand: boolean;
  /** Fields of a mapping entry to set; a field that is already right is left out, so its formatting stays. */
  set: { answer?: string | null; notes?: string | null; evidence?: string[] };
}

/** Decides how an existing (or absent) entry changes. */
export function planEntry(value: Node | null | undefined, exists: boolean, edit: AnswerEdit): EntryPlan {
  const notes = edit.notes.trim();
  const evidence = edit.evidence.map((e) => e.trim()).filter(Boolean);
  if (isMap(value)) {
    const set: EntryPlan["set"] = {};
    const answerPair = pairOf(value, "answer");
    if (scalarText(answerPair?.value) !== (edit.answer ?? "")) set.answer = edit.answer;
    const notesPair = pairOf(value, "notes");
    if (!sameNotes(scalarText(notesPair?.value), notes)) set.notes = notes || null;
    const evidencePair = pairOf(value, "evidence");
    if (!isDeepStrictEqual(evidenceOf(evidencePair?.value), evidence)) set.evidence = evidence;
    return { shorthand: false, set };
  }
  if (!notes && !evidence.length && (!exists || isScalar(value) || value === null || value === undefined)) {
    return { shorthand: true, set: { answer: edit.answer } };
  }
  return { shorthand: false, set: { answer: edit.answer, ...(notes ? { notes } : {}), ...(evidence.length ? { evidence } : {}) } };
}
