import type { AssessmentDiff } from "../../core/diff.js";
import { answerText, CHANGE_GROUPS, changesOf, scoreText, signed, verdict } from "../../text/change.js";
import type { Escape } from "./context.js";
import { questionNumber } from "./question-number.js";

/**
 * The "Changes since the last assessment" data a report template receives (`changes`, null
 * without --previous): the verdict, scores before and after, and each group of changed answers.
 * User and pack text passes through the format's escaping.
 */
export function changesContext(d: AssessmentDiff, escape: Escape) {
  const esc = escape.text;
  const titles = new Map(d.after.principles.map((p) => [p.principle.id, p.principle]));
  const scored = new Map(d.after.principles.map((p) => [p.principle.id, p]));
  // The question's number in this report ("3.4"), or null when it is not asked now (retired, or not applying).
  const numberOf = (principle: string, question: string) => {
    const p = scored.get(principle);
    const i = p ? p.questions.findIndex((q) => q.question.id === question) : -1;
    return p && i >= 0 ? questionNumber(p, i) : null;
  };
  return {
    previous: { file: esc(d.before.answers.file), date: d.before.answers.date },
    verdict: esc(verdict(d)),
    overall: { before: scoreText(d.before.score), after: scoreText(d.after.score), delta: signed(d.delta) },
    principles: d.principles.map((p) => ({ id: esc(p.id), title: esc(p.title), before: scoreText(p.before), after: scoreText(p.after), delta: signed(p.delta) })),
    groups: CHANGE_GROUPS.map((g) => ({
      kind: g.kind,
      title: g.title,
      items: changesOf(d, g.kind).map((c) => ({
        principle: { id: esc(c.principle), number: titles.get(c.principle)?.number ?? 0, title: esc(titles.get(c.principle)?.title ?? c.principle) },
        question: { id: esc(c.question), number: numberOf(c.principle, c.question), text: esc(c.text) },
        before: answerText(c.before), after: answerText(c.after),
        notes: c.notes ? esc(c.notes) : null,
      })),
    })).filter((g) => g.items.length),
    evidence: d.evidence.map((e) => ({ id: esc(`${e.principle}/${e.question}`), added: e.added.map(esc), removed: e.removed.map(esc) })),
    questionsAdded: d.questionsAdded.map(esc),
    questionsRetired: d.questionsRetired.map(esc),
  };
}
