import { daysBetween } from "./findings.js";
import { sectionRequired } from "./levels.js";
import type { SignedOff } from "./sign-off.js";
import type { Assessment, Pack } from "./types.js";
import type { LevelsSummary } from "./summary-levels.js";
import type { Movement } from "./summary-previous.js";

/** Pass or fail under the policy; null when it could not be judged (the config could not be read). */
export type Verdict = "pass" | "fail" | null;

/** What a summary row says beyond the scores: the policy's verdict and the sign-off, from `check`'s rules. */
export interface Judged {
  verdict: Verdict;
  /** Null when the result does not say (a file judged by PACK_MISMATCH alone). */
  signedOff: SignedOff | null;
}

/** One assessment as a summary shows it: what a row of the table needs, and no more (rows may be held by the thousand). */
export interface SummaryRow {
  file: string;
  project: string;
  owner: string | null;
  status: "draft" | "final" | null;
  pack: Pack;
  date: string | null;
  /** Whole days from the assessment's date to today; null without a date. */
  ageDays: number | null;
  /** Older than the maximum age (a missing date is `undated`, not stale). */
  stale: boolean;
  score: number | null;
  band: string | null;
  /** Rounded principle scores in the pack's order; null where every question is n/a. */
  principles: (number | null)[];
  unanswered: number;
  /** Answers to questions the pack has retired: the file was written for an older version of the pack. */
  retired: number;
  /** `project.risk` (minimal, limited, high); null when the file does not say. */
  risk: string | null;
  /** Level packs: the level reached; null for a weighted pack. */
  level: number | null;
  /** Level packs: the system this is a component of, and its name as one. */
  system: string | null;
  component: string | null;
  verdict: Verdict;
  signedOff: SignedOff | null;
  /** With `--previous`: this file in the earlier summary (null when it was not in it); absent without. */
  previous?: Movement | null;
}

/** A file that could not be summarised, with its first problem as `file:line:column: message`. */
export interface InvalidFile {
  file: string;
  message: string;
}

/** A principle across every assessment of its pack: mean of the rounded scores (one decimal), range, and assessments per band. */
export interface PrincipleSummary {
  pack: string;
  id: string;
  title: string;
  /** Assessments in which the principle has a score. */
  scored: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  bands: Record<string, number>;
  /** With `--previous`: the mean in the earlier summary (null when it had none) and the change since. */
  previousMean?: number | null;
  change?: number | null;
}

/** One pack's assessments: how many, their overall scores and their principles. */
export interface PackSummary {
  id: string;
  title: string;
  version: string;
  assessments: number;
  scored: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  bands: Record<string, number>;
  principles: PrincipleSummary[];
  /** The principles with the lowest means, weakest first. */
  weakest: PrincipleSummary[];
  /** Level packs: the assessments per level and the lowest; their sections are gates, never principles with means. */
  levels: LevelsSummary | null;
}

/** Everything a summary says beyond its rows. */
export interface SummaryTotals {
  today: string;
  maxAgeDays: number;
  assessments: number;
  packs: PackSummary[];
  invalid: InvalidFile[];
  stale: { file: string; date: string; ageDays: number }[];
  undated: string[];
  olderPack: { file: string; retired: number }[];
  /** Assessments of high risk that do not pass their policy (failing, or not judged). */
  highRiskFailing: { file: string; project: string; verdict: Verdict }[];
  /** Assessments per policy verdict ("unknown": not judged). */
  verdicts: { pass: number; fail: number; unknown: number };
  /** With `--previous`: the earlier summary, and the files it had that this one has not. */
  previous: { file: string; generated: string | null; gone: string[] } | null;
}

/** How many principles the "weakest" list names per pack. */
export const WEAKEST_COUNT = 3;

/** Unanswered questions that count: in a level pack only those of the gates up to the next one (later gates are not yet required). */
export function unansweredOf(perSection: number[], level: number | null): number {
  return perSection.reduce((n, count, i) => n + (level === null || i <= level ? count : 0), 0);
}

/** Age and staleness of a date against `today`. */
export function aged(date: string | null, today: string, maxAgeDays: number): { ageDays: number | null; stale: boolean } {
  const ageDays = date === null ? null : daysBetween(date, today);
  return { ageDays, stale: ageDays !== null && ageDays > maxAgeDays };
}

/** The row of an assessment, aged against `today` (YYYY-MM-DD), with its verdict and sign-off. Pure: the caller brings the date. */
export function summaryRow(a: Assessment, today: string, maxAgeDays: number, judged: Judged): SummaryRow {
  const { answers } = a;
  const { ageDays, stale } = aged(answers.date, today, maxAgeDays);
  const level = a.levels?.level ?? null;
  return {
    file: answers.file,
    project: answers.project.name,
    owner: answers.project.owner || null,
    status: answers.status ?? null,
    pack: a.pack,
    date: answers.date,
    ageDays,
    stale,
    score: a.score,
    band: a.band,
    principles: a.principles.map((p) => p.score),
    unanswered: a.principles.reduce((n, p, i) => n + (sectionRequired(a.levels, i) ? p.counts.unanswered : 0), 0),
    retired: answers.retired.length,
    risk: answers.project.risk ?? null,
    level,
    system: level === null ? null : (answers.project.system ?? null),
    component: level === null ? null : (answers.project.component ?? null),
    verdict: judged.verdict,
    signedOff: judged.signedOff,
  };
}
