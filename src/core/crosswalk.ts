import { evidenceStatus, type EvidenceFacts, type EvidenceStatus } from "./evidence.js";
import { scopeReasons } from "./crosswalk-scope.js";
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

/** Where an item applies (EU AI Act): the risk tiers and operator roles it binds; absent keys bind every system. */
export interface ItemScope {
  risk?: ("minimal" | "limited" | "high")[];
  role?: ("provider" | "deployer")[];
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
  /** Whether the mapped questions cover the whole item or only part of it (then it is at most partial); null when unmapped. */
  coverage?: "full" | "partial" | null;
  /** What the mapped questions do not cover, when coverage is partial. */
  uncovered?: string | null;
  /** Where the item applies; absent: to every system. */
  scope?: ItemScope | null;
}

/** A validated crosswalk file: one framework's items, each mapped to questions or listed as not covered. */
export interface Crosswalk {
  framework: Framework;
  groups: { id: string; title: string }[];
  items: FrameworkItem[];
  /** Where the file was read, as shown to users. */
  file: string;
  /** The jurisdictions (lower-case codes) where the framework binds; empty: it binds everywhere. */
  jurisdictions?: string[];
}

export type CoverageStatus = "met" | "partial" | "gap" | "unmapped" | "not-applicable";
export const COVERAGE_STATUSES: readonly CoverageStatus[] = ["met", "partial", "gap", "unmapped", "not-applicable"];

/** What the answers file says for a mapped question: its status, or that the question does not apply. */
export type MappedAnswer = QuestionStatus | "does-not-apply";

/** For a met item: whether the evidence of its yes answers was found (--verify-evidence) or not looked at. */
export type ItemEvidence = "verified" | "not-verified";

export interface ItemCoverage {
  item: FrameworkItem;
  status: CoverageStatus;
  questions: (MappedQuestion & { answer: MappedAnswer; notes: string; evidence: EvidenceStatus[] })[];
  /** Why the status is unmapped or not applicable: the item is not covered, none of its questions applies, scope, or the n/a reasons. */
  reason: string | null;
  /** Met items only: whether their evidence was verified; null otherwise. */
  evidence: ItemEvidence | null;
  /** What kept the item from met although its answers are yes (partial coverage, one question left, evidence), in words. */
  limits: string[];
}

export interface Coverage {
  crosswalk: Crosswalk;
  items: ItemCoverage[];
  counts: Record<CoverageStatus, number>;
  /** Every item of the framework. */
  total: number;
  /** Items that apply: all but the not-applicable ones (the base of the headline). */
  applicable: number;
  /** Items with questions that apply (not unmapped, not not-applicable): the base of the second figure. */
  mapped: number;
  /** 100 × met / applicable, unrounded: the headline; null when no item applies. */
  percent: number | null;
  /** 100 × met / mapped, unrounded: how far the mapped items are met; null when none is mapped. */
  mappedPercent: number | null;
  /** Whether evidence was verified (--verify-evidence) when the statuses were read. */
  verified: boolean;
}

/** What the core needs to read a system's scope and its evidence: the project's role and markets, and evidence facts when verified. */
export interface CoverageOptions {
  /** Evidence facts from the IO layer under --verify-evidence; null: evidence is not looked at. */
  facts?: EvidenceFacts | null;
}

const DOES_NOT_APPLY_REASON = "none of its questions applies to this system's traits";

type Mapped = ItemCoverage["questions"][number];

/** Whether a yes answer's evidence supports a met item: listed, and (when verified) every local file found. */
function evidenceProblem(q: Mapped, verified: boolean): string | null {
  if (!q.evidence.length) return `${q.principle}/${q.question} is yes without evidence`;
  if (verified && q.evidence.some((e) => e === "missing" || e === "invalid" || e === "changed")) return `${q.principle}/${q.question}'s evidence was not found or changed`;
  return null;
}

/** An item's status from its mapped answers and the mapping's own coverage (see docs/crosswalk.md, "How an item gets its status"). */
function statusOf(item: FrameworkItem, questions: Mapped[], verified: boolean): Pick<ItemCoverage, "status" | "reason" | "evidence" | "limits"> {
  const applying = questions.filter((q) => q.answer !== "does-not-apply");
  if (applying.length === 0) return { status: "unmapped", reason: DOES_NOT_APPLY_REASON, evidence: null, limits: [] };
  // n/a counts only with its reason (an n/a without notes is scored as unanswered already), and is shown as such.
  if (applying.every((q) => q.answer === "n/a")) {
    return { status: "not-applicable", reason: `n/a: ${applying.map((q) => `${q.principle}/${q.question}: ${q.notes}`).join("; ")}`, evidence: null, limits: [] };
  }
  const allYes = applying.every((q) => q.answer === "yes" || q.answer === "n/a");
  if (!allYes) {
    const some = applying.some((q) => q.answer === "yes" || q.answer === "partial");
    return { status: some ? "partial" : "gap", reason: null, evidence: null, limits: [] };
  }
  const limits: string[] = [];
  if (item.coverage !== "full") limits.push(`the mapped questions cover the item only in part${item.uncovered ? `: ${item.uncovered}` : ""}`);
  if (questions.length > 1 && applying.length === 1) limits.push("only one of its questions applies to this system, which cannot carry the item alone");
  for (const q of applying) {
    if (q.answer !== "yes") continue;
    const problem = evidenceProblem(q, verified);
    if (problem) limits.push(problem);
  }
  if (limits.length) return { status: "partial", reason: null, evidence: null, limits };
  const urls = applying.some((q) => q.evidence.some((e) => e === "url" || e === "unchecked"));
  return { status: "met", reason: null, evidence: verified && !urls ? "verified" : "not-verified", limits: [] };
}

/**
 * Reads an assessment through a crosswalk: each item's status from the answers of its mapped
 * questions, capped by the mapping's coverage and the evidence, and not applicable where the
 * framework's scope (jurisdictions, risk tier, role: crosswalk-scope.ts) leaves the system out.
 * Pure: the crosswalk is validated against the assessment's pack when loaded.
 */
export function coverage(crosswalk: Crosswalk, a: Assessment, options: CoverageOptions = {}): Coverage {
  const facts = options.facts ?? null;
  const verified = facts !== null;
  const answerOf = new Map<string, { answer: MappedAnswer; notes: string; evidence: EvidenceStatus[] }>();
  for (const p of a.principles) {
    for (const q of p.questions) answerOf.set(`${p.principle.id}/${q.question.id}`, { answer: q.status, notes: q.answer?.notes ?? "", evidence: (q.answer?.evidenceEntries ?? []).map((e) => evidenceStatus(e, facts)) });
    for (const q of p.notApplying) answerOf.set(`${p.principle.id}/${q.question.id}`, { answer: "does-not-apply", notes: "", evidence: [] });
  }
  const counts: Record<CoverageStatus, number> = { met: 0, partial: 0, gap: 0, unmapped: 0, "not-applicable": 0 };
  const outOfScope = scopeReasons(crosswalk, a.answers.project);
  const items = crosswalk.items.map((item): ItemCoverage => {
    const questions = item.questions.map((q) => ({ ...q, ...(answerOf.get(`${q.principle}/${q.question}`) ?? { answer: "does-not-apply" as const, notes: "", evidence: [] }) }));
    const scope = outOfScope(item);
    const judged = scope !== null ? { status: "not-applicable" as const, reason: scope, evidence: null, limits: [] }
      : item.notCovered !== null ? { status: "unmapped" as const, reason: item.notCovered, evidence: null, limits: [] }
        : statusOf(item, questions, verified);
    counts[judged.status]++;
    return { item, questions, ...judged };
  });
  const applicable = items.length - counts["not-applicable"];
  const mapped = applicable - counts.unmapped;
  return {
    crosswalk, items, counts, total: items.length, applicable, mapped, verified,
    percent: applicable === 0 ? null : (100 * counts.met) / applicable,
    mappedPercent: mapped === 0 ? null : (100 * counts.met) / mapped,
  };
}

/** A coverage percentage as shown: whole numbers, rounded down so 99.6% never reads as 100%. */
export function shownPercent(c: Coverage): string {
  return c.percent === null ? "none applies" : `${Math.floor(c.percent)}%`;
}

/** The second figure, over the mapped items only, as shown. */
export function shownMappedPercent(c: Coverage): string {
  return c.mappedPercent === null ? "none mapped" : `${Math.floor(c.mappedPercent)}%`;
}

/** "14 of 73 items met (19%); 14 of 40 mapped items met (35%)": the headline over every item first, the mapped figure second. */
export function headline(c: Coverage): string {
  const na = c.counts["not-applicable"] ? ` (of ${c.total} items, ${c.counts["not-applicable"]} not applicable)` : "";
  return `${c.counts.met} of ${c.applicable} items met (${shownPercent(c)})${na}; ${c.counts.met} of ${c.mapped} mapped items met (${shownMappedPercent(c)})`;
}

/**
 * FRAMEWORK_COVERAGE for each crosswalk whose share of met items, among all its items that apply
 * (the headline, not the mapped ones only), is below the minimum (a framework with no applicable
 * item fails any minimum above 0). At `answers:`, since it is about the whole file.
 */
export function coverageFindings(a: Assessment, crosswalks: Crosswalk[], minCoverage: number | null, options: CoverageOptions = {}): Finding[] {
  if (minCoverage === null) return [];
  const at = a.answers.positions.answers;
  return crosswalks.map((c) => coverage(c, a, options)).filter((c) => (c.percent ?? 0) < minCoverage).map((c) => ({
    code: "FRAMEWORK_COVERAGE" as const, severity: "error" as const,
    message: `${c.crosswalk.framework.title} coverage is ${shownPercent(c)} (${c.counts.met} of ${c.applicable} items met; ${c.counts.met} of ${c.mapped} mapped items), below the minimum of ${minCoverage}%; 'rml-assess crosswalk ${a.answers.file} --framework ${c.crosswalk.framework.id}' lists the items not met`,
    principle: null, question: null, line: at.line, column: at.column,
  }));
}
