import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from "yaml";
import type { Answers, Pack } from "../core/types.js";
import { pairOf, targetFor } from "./answer-entry.js";
import { Splicer, scalarText, spliceAnswer } from "./splice.js";

/** Evidence to add to one question. */
export interface EvidenceAddition {
  principle: string;
  question: string;
  refs: string[];
}

/** What appending did: the new text, what was added, and what was left for the team to add by hand (and why). */
export interface AppendResult {
  text: string;
  added: EvidenceAddition[];
  skipped: (EvidenceAddition & { why: string })[];
}

/** A question's entry in the file's text, parsed afresh. */
function entryOf(text: string, principle: string, question: string): Pair<Node, Node | null> | undefined | null {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return null;
  const answers = pairOf(doc.contents, "answers")?.value;
  const p = isMap(answers) ? pairOf(answers, principle)?.value : undefined;
  return isMap(p) ? pairOf(p, question) : undefined;
}

/**
 * Appends lines `- ref` after the last item of a block sequence of evidence, at the items' own
 * indentation: the items already there (pinned ones included) and every comment keep their bytes.
 */
function appendToSequence(text: string, evidence: Pair<Node, Node | null>, refs: string[]): string | undefined {
  const seq = evidence.value;
  if (!isSeq(seq) || seq.flow || !seq.items.length) return undefined;
  const s = new Splicer(text);
  const first = seq.items[0] as Node;
  const last = seq.items[seq.items.length - 1] as Node;
  if (!first.range || !last.range) return undefined;
  const dash = /^( *)- +$/.exec(text.slice(s.lineStart(first.range[0]), first.range[0]));
  if (!dash) return undefined;
  const at = s.lineEnd(s.valueEnd(last));
  s.patch(at, at, refs.map((r) => `${s.nl}${dash[1]}- ${scalarText(r)}`).join(""));
  return s.result();
}

/**
 * Adds evidence to questions of an answers file's text by splicing, never changing an answer or
 * notes: to an evidence list, new items after the last; to an entry without evidence (or a
 * shorthand `question: yes`), an `evidence:` list through the comment-keeping splicer. An entry
 * whose evidence is written on one line (a scalar or a flow list) is skipped, with the reason.
 */
export function appendEvidence(text: string, pack: Pack, answers: Answers, additions: EvidenceAddition[]): AppendResult {
  let out = text;
  const added: EvidenceAddition[] = [];
  const skipped: AppendResult["skipped"] = [];
  for (const a of additions) {
    const entry = entryOf(out, a.principle, a.question);
    if (entry === null) {
      skipped.push({ ...a, why: "the file's YAML cannot be edited in place" });
      continue;
    }
    const value = entry?.value;
    const evidence = isMap(value) ? pairOf(value, "evidence") : undefined;
    const hasEvidence = evidence?.value && !(isScalar(evidence.value) && (evidence.value.value === null || evidence.value.value === "")) && !(isSeq(evidence.value) && !evidence.value.items.length);
    let next: string | undefined;
    if (hasEvidence) next = appendToSequence(out, evidence!, a.refs);
    else {
      const given = answers.answers.get(a.principle)?.get(a.question);
      next = spliceAnswer(out, targetFor(pack, a.principle, a.question), { answer: given?.answer ?? null, notes: given?.notes ?? "", evidence: a.refs });
    }
    if (next === undefined) {
      skipped.push({ ...a, why: hasEvidence ? "its evidence is written on one line or in a form --apply does not edit; add the paths by hand" : "its entry is written in a form --apply does not edit; add the paths by hand" });
      continue;
    }
    out = next;
    added.push(a);
  }
  return { text: out, added, skipped };
}

/** The answers file's text of an evidence entry as `scalarText` writes it (for tests and messages). */
export const evidenceItemText = (ref: string) => `- ${scalarText(ref)}`;
