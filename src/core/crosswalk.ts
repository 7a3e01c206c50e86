import type { Assessment, QuestionStatus } from "./types.js";
import type { Finding } from "./verdict.js";

/** An external framework a pack's questions are mapped to (NIST AI RMF, EU AI Act, ISO/IEC 42001). */
export interface Framework {
  id: string;
  title: string;
  version: string;
  /** URL of the authoritative text. */
  source: string;
  /** Reuse terms of the framework's text, and what the mapping takes from it. */
  reuse: string;
  note: string;
}

/** A question that evidences a framework item, as `principle/question`, with why. */
export interface MappedQuestion {
  principle: string;
  question: string;
  rationale: string;
}

export interface FrameworkItem {
  id: string;
  title: string;
  /** The function, article or clause the item belongs to; "" when the framework has none. */
  group: string;
  article: number | null;
  paragraph: string | null;
  questions: MappedQuestion[];
  /** Why no question evidences the item; null when questions map to it. */
  notCovered: string | null;
}

/** A validated crosswalk file: one framework's items, each mapped to questions or listed as not covered. */
export interface Crosswalk {
  framework: Framework;
  groups: { id: string; title: string }[];
  items: FrameworkItem[];
  /** Where the file was read, as shown to users. */
  file: string;
}

export type CoverageStatus = "met" | "partial" | "gap" | "unmapped";
export const COVERAGE_STATUSES: readonly CoverageStatus[] = ["met", "partial", "gap", "unmapped"];

/** What the answers file says for a mapped question: its status, or that the question does not apply. */
export type MappedAnswer = QuestionStatus | "does-not-apply";

export interface ItemCoverage {
  item: FrameworkItem;
  status: CoverageStatus;
  questions: (MappedQuestion & { answer: MappedAnswer })[];
  /** Why the status is unmapped: the item is not covered, or none of its questions applies. */
  reason: string | null;
}

export interface Coverage {
  crosswalk: Crosswalk;
  items: ItemCoverage[];
  counts: Record<CoverageStatus, number>;
  /** Items with a status other than unmapped: the base of the percentage. */
  mapped: number;
  /** 100 × met / mapped, unrounded; null when no item is mapped. */
  percent: number | null;
}

const DOES_NOT_APPLY_REASON = "none of its questions applies to this system's traits";

/** The status of an item from the answers of its questions that apply (see docs/crosswalk.md). */
function statusOf(answers: MappedAnswer[]): CoverageStatus {
  const applying = answers.filter((a) => a !== "does-not-apply");
  if (applying.length === 0) return "unmapped";
  // n/a counts as met only with notes: an n/a without them is scored as unanswered already.
  if (applying.every((a) => a === "yes" || a === "n/a")) return "met";
  if (applying.some((a) => a === "yes" || a === "partial")) return "partial";
  return "gap";
}

/**
 * Reads an assessment through a crosswalk: each item's status from the answers of its mapped
 * questions. Pure: the crosswalk is validated against the assessment's pack when loaded.
 */
export function coverage(crosswalk: Crosswalk, a: Assessment): Coverage {
  const answerOf = new Map<string, MappedAnswer>();
  for (const p of a.principles) {
    for (const q of p.questions) answerOf.set(`${p.principle.id}/${q.question.id}`, q.status);
    for (const q of p.notApplying) answerOf.set(`${p.principle.id}/${q.question.id}`, "does-not-apply");
  }
  const counts: Record<CoverageStatus, number> = { met: 0, partial: 0, gap: 0, unmapped: 0 };
  const items = crosswalk.items.map((item): ItemCoverage => {
    const questions = item.questions.map((q) => ({ ...q, answer: answerOf.get(`${q.principle}/${q.question}`) ?? "does-not-apply" }));
    const status = item.notCovered !== null ? "unmapped" : statusOf(questions.map((q) => q.answer));
    counts[status]++;
    const reason = item.notCovered ?? (status === "unmapped" ? DOES_NOT_APPLY_REASON : null);
    return { item, status, questions, reason };
  });
  const mapped = items.length - counts.unmapped;
  return { crosswalk, items, counts, mapped, percent: mapped === 0 ? null : (100 * counts.met) / mapped };
}

/** A coverage percentage as shown: whole numbers, rounded down so 99.6% never reads as 100%. */
export function shownPercent(c: Coverage): string {
  return c.percent === null ? "none mapped" : `${Math.floor(c.percent)}%`;
}

/**
 * FRAMEWORK_COVERAGE for each crosswalk whose share of met items, among its mapped ones, is below
 * the minimum (a framework with no mapped item fails any minimum above 0). At `answers:`, since
 * it is about the whole file.
 */
export function coverageFindings(a: Assessment, crosswalks: Crosswalk[], minCoverage: number | null): Finding[] {
  if (minCoverage === null) return [];
  const at = a.answers.positions.answers;
  return crosswalks.map((c) => coverage(c, a)).filter((c) => (c.percent ?? 0) < minCoverage).map((c) => ({
    code: "FRAMEWORK_COVERAGE" as const, severity: "error" as const,
    message: `${c.crosswalk.framework.title} coverage is ${shownPercent(c)} (${c.counts.met} of ${c.mapped} mapped items met), below the minimum of ${minCoverage}%; 'rml-assess crosswalk ${a.answers.file} --framework ${c.crosswalk.framework.id}' lists the items not met`,
    principle: null, question: null, line: at.line, column: at.column,
  }));
}
