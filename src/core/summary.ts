import { daysBetween } from "./findings.js";
import { sectionRequired } from "./levels.js";
import { bandFor, roundScore } from "./score.js";
import type { SignedOff } from "./sign-off.js";
import type { Assessment, Pack } from "./types.js";
import { LevelTally, type LevelsSummary } from "./summary-levels.js";
import type { Movement, PreviousSummary } from "./summary-previous.js";

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

/** Running count, sum, range and band counts of rounded scores: constant memory however many are added. */
class Tally {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  readonly perBand: number[];
  constructor(private readonly pack: Pack) {
    this.perBand = pack.bands.map(() => 0);
  }

  add(score: number | null): void {
    if (score === null) return;
    this.count++;
    this.sum += score;
    if (score < this.min) this.min = score;
    if (score > this.max) this.max = score;
    const label = bandFor(this.pack.bands, score);
    const i = this.pack.bands.findIndex((b) => b.label === label);
    if (i >= 0) this.perBand[i]!++;
  }

  /** Mean to one decimal (halves up, as scores round), range, and every band's count (zeros included). */
  result() {
    const none = this.count === 0;
    return {
      scored: this.count,
      mean: none ? null : roundScore((this.sum / this.count) * 10) / 10,
      min: none ? null : this.min,
      max: none ? null : this.max,
      bands: Object.fromEntries(this.pack.bands.map((b, i) => [b.label, this.perBand[i]!])),
    };
  }
}

/**
 * Adds up assessments one row at a time, keeping sums and lists of files rather than the rows, so
 * a summary of 100,000 assessments can write each row as it comes. Packs are summarised apart.
 */
export class SummaryTally {
  private readonly packs = new Map<string, { pack: Pack; count: number; overall: Tally; principles: Tally[]; levels: LevelTally | null }>();
  private readonly highRiskFailing: SummaryTotals["highRiskFailing"] = [];
  private readonly verdicts = { pass: 0, fail: 0, unknown: 0 };
  private previous: PreviousSummary | null = null;
  private readonly invalid: InvalidFile[] = [];
  private readonly stale: SummaryTotals["stale"] = [];
  private readonly undated: string[] = [];
  private readonly olderPack: SummaryTotals["olderPack"] = [];
  private count = 0;

  /** `packs` fixes the order packs are listed in, whether or not any assessment uses them. */
  constructor(packs: Pack[], private readonly today: string, private readonly maxAgeDays: number) {
    for (const pack of packs) this.register(pack);
  }

  /** A pack's running totals, listed after those already there (a result file may name a pack no answers file did). */
  private register(pack: Pack) {
    const entry = { pack, count: 0, overall: new Tally(pack), principles: pack.principles.map(() => new Tally(pack)), levels: pack.scoring === "levels" ? new LevelTally(pack) : null };
    this.packs.set(pack.id, entry);
    return entry;
  }

  /** Compares with an earlier summary: each row added gets its movement (set on the row), and the totals each principle's. */
  compareWith(previous: PreviousSummary): void {
    this.previous = previous;
  }

  add(row: SummaryRow): void {
    this.count++;
    if (this.previous) row.previous = this.previous.movementOf(row);
    const entry = this.packs.get(row.pack.id) ?? this.register(row.pack);
    entry.count++;
    // A level pack's sections are gates: its rows count per level, never towards principle means.
    if (entry.levels) entry.levels.add(row);
    else {
      entry.overall.add(row.score);
      row.principles.forEach((s, i) => entry.principles[i]!.add(s));
    }
    this.verdicts[row.verdict ?? "unknown"]++;
    if (row.risk === "high" && row.verdict !== "pass") this.highRiskFailing.push({ file: row.file, project: row.project, verdict: row.verdict });
    if (row.date === null) this.undated.push(row.file);
    else if (row.stale) this.stale.push({ file: row.file, date: row.date, ageDays: row.ageDays! });
    if (row.retired > 0) this.olderPack.push({ file: row.file, retired: row.retired });
  }

  addInvalid(file: InvalidFile): void {
    this.invalid.push(file);
  }

  totals(): SummaryTotals {
    const packs = [...this.packs.values()].map(({ pack, count, overall, principles, levels }): PackSummary => {
      const list = levels ? [] : pack.principles.map((p, i): PrincipleSummary => this.moved({ pack: pack.id, id: p.id, title: p.title, ...principles[i]!.result() }));
      const weakest = list.filter((p) => p.mean !== null).sort((a, b) => a.mean! - b.mean!).slice(0, WEAKEST_COUNT);
      return { id: pack.id, title: pack.title, version: pack.version, assessments: count, ...overall.result(), principles: list, weakest, levels: levels?.result() ?? null };
    });
    const previous = this.previous && { file: this.previous.file, generated: this.previous.generated, gone: this.previous.unseen() };
    return { today: this.today, maxAgeDays: this.maxAgeDays, assessments: this.count, packs, invalid: this.invalid, stale: this.stale, undated: this.undated, olderPack: this.olderPack, highRiskFailing: this.highRiskFailing, verdicts: this.verdicts, previous };
  }

  /** A principle with its mean in the earlier summary and the change, when there is one. */
  private moved(p: PrincipleSummary): PrincipleSummary {
    if (!this.previous) return p;
    const before = this.previous.principleMean(p.pack, p.id);
    return { ...p, previousMean: before, change: before === null || p.mean === null ? null : Math.round((p.mean - before) * 10) / 10 };
  }
}
