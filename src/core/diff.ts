import { metadataRegressions, type MetadataChange } from "./metadata.js";
import type { AnswerValue, Assessment, Principle, ScoredQuestion } from "./types.js";

/** How an answer moved: up or down the yes > partial > no scale, into or out of being answered, or to or from n/a. */
export type ChangeKind = "improved" | "regressed" | "answered" | "unanswered" | "changed";

/** A question whose answer differs between two assessments; null is unanswered. */
export interface AnswerChange {
  principle: string;
  question: string;
  before: AnswerValue | null;
  after: AnswerValue | null;
  kind: ChangeKind;
  /** The question's text and the new answer's notes, for the formats that show them. */
  text: string;
  notes: string;
}

/** Evidence listed for a question in one assessment and not the other. */
export interface EvidenceChange {
  principle: string;
  question: string;
  added: string[];
  removed: string[];
}

export interface ScoreChange {
  id: string;
  title: string;
  before: number | null;
  after: number | null;
  /** after − before of the rounded scores; null when either is null. */
  delta: number | null;
}

/** What changed from one assessment to the next: the data every diff format renders. */
export interface AssessmentDiff {
  before: Assessment;
  after: Assessment;
  delta: number | null;
  principles: ScoreChange[];
  changes: AnswerChange[];
  evidence: EvidenceChange[];
  /** `principle/question` ids in one pack version and not the other. */
  questionsAdded: string[];
  questionsRetired: string[];
  /** Metadata changes that weaken the check (risk lowered, status reopened, sign-off or traits removed, pack changed): METADATA_REGRESSION. */
  metadata: MetadataChange[];
}

const RANK: Partial<Record<AnswerValue, number>> = { yes: 2, partial: 1, no: 0 };

/** The kind of a change from one answer to another (which differ), by the scale yes > partial > no. */
export function changeKind(before: AnswerValue | null, after: AnswerValue | null): ChangeKind {
  if (before === null) return "answered";
  if (after === null) return "unanswered";
  const b = RANK[before];
  const a = RANK[after];
  if (a === undefined || b === undefined) return "changed";
  return a > b ? "improved" : "regressed";
}

/** A change that makes an assessment worse: down the scale, or from answered to unanswered. */
export function isRegression(kind: ChangeKind): boolean {
  return kind === "regressed" || kind === "unanswered";
}

const subtract = (after: number | null, before: number | null) => (after === null || before === null ? null : after - before);

type Located = { principle: Principle; question: ScoredQuestion };

function questionsOf(a: Assessment): Map<string, Located> {
  const map = new Map<string, Located>();
  for (const p of a.principles) for (const q of p.questions) map.set(`${p.principle.id}/${q.question.id}`, { principle: p.principle, question: q });
  return map;
}

function evidenceChange(principle: string, question: string, before: string[], after: string[]): EvidenceChange | null {
  const added = after.filter((e) => !before.includes(e));
  const removed = before.filter((e) => !after.includes(e));
  return added.length || removed.length ? { principle, question, added, removed } : null;
}

/** Each principle's rounded score before and after, in the new pack's order, then any the new pack no longer has. */
function scoreChanges(before: Assessment, after: Assessment): ScoreChange[] {
  const old = new Map(before.principles.map((p) => [p.principle.id, p]));
  const changes = after.principles.map((p) => {
    const was = old.get(p.principle.id)?.score ?? null;
    return { id: p.principle.id, title: p.principle.title, before: was, after: p.score, delta: subtract(p.score, was) };
  });
  const now = new Set(after.principles.map((p) => p.principle.id));
  for (const p of before.principles) {
    if (!now.has(p.principle.id)) changes.push({ id: p.principle.id, title: p.principle.title, before: p.score, after: null, delta: null });
  }
  return changes;
}

/**
 * Compares two assessments question by question: scores (as `check` rounds them), every answer
 * that changed, evidence added or removed, and questions one pack version has and the other lacks.
 * Pure: the assessments are scored already; order follows the new pack.
 */
export function diffAssessments(before: Assessment, after: Assessment): AssessmentDiff {
  const old = questionsOf(before);
  const now = questionsOf(after);
  const changes: AnswerChange[] = [];
  const evidence: EvidenceChange[] = [];
  for (const [key, { principle, question: q }] of now) {
    const was = old.get(key);
    if (!was) continue;
    const b = was.question.answer?.answer ?? null;
    const a = q.answer?.answer ?? null;
    if (a !== b) {
      changes.push({ principle: principle.id, question: q.question.id, before: b, after: a, kind: changeKind(b, a), text: q.question.text, notes: q.answer?.notes ?? "" });
    }
    const e = evidenceChange(principle.id, q.question.id, was.question.answer?.evidence ?? [], q.answer?.evidence ?? []);
    if (e) evidence.push(e);
  }
  return {
    before, after,
    delta: subtract(after.score, before.score),
    principles: scoreChanges(before, after),
    changes, evidence,
    questionsAdded: [...now.keys()].filter((k) => !old.has(k)),
    questionsRetired: [...old.keys()].filter((k) => !now.has(k)),
    metadata: metadataRegressions(before, after),
  };
}
