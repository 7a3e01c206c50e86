import { daysBetween } from "./findings.js";
import { bandFor, roundScore } from "./score.js";
import type { Assessment, Pack } from "./types.js";

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
}

/** How many principles the "weakest" list names per pack. */
export const WEAKEST_COUNT = 3;

/** The row of an assessment, aged against `today` (YYYY-MM-DD). Pure: the caller brings the date. */
export function summaryRow(a: Assessment, today: string, maxAgeDays: number): SummaryRow {
  const { answers } = a;
  const ageDays = answers.date === null ? null : daysBetween(answers.date, today);
  return {
    file: answers.file,
    project: answers.project.name,
    owner: answers.project.owner || null,
    status: answers.status ?? null,
    pack: a.pack,
    date: answers.date,
    ageDays,
    stale: ageDays !== null && ageDays > maxAgeDays,
    score: a.score,
    band: a.band,
    principles: a.principles.map((p) => p.score),
    unanswered: a.principles.reduce((n, p) => n + p.counts.unanswered, 0),
    retired: answers.retired.length,
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
  private readonly packs = new Map<string, { pack: Pack; count: number; overall: Tally; principles: Tally[] }>();
  private readonly invalid: InvalidFile[] = [];
  private readonly stale: SummaryTotals["stale"] = [];
  private readonly undated: string[] = [];
  private readonly olderPack: SummaryTotals["olderPack"] = [];
  private count = 0;

  /** `packs` fixes the order packs are listed in, whether or not any assessment uses them. */
  constructor(packs: Pack[], private readonly today: string, private readonly maxAgeDays: number) {
    for (const pack of packs) this.packs.set(pack.id, { pack, count: 0, overall: new Tally(pack), principles: pack.principles.map(() => new Tally(pack)) });
  }

  add(row: SummaryRow): void {
    this.count++;
    const entry = this.packs.get(row.pack.id)!;
    entry.count++;
    entry.overall.add(row.score);
    row.principles.forEach((s, i) => entry.principles[i]!.add(s));
    if (row.date === null) this.undated.push(row.file);
    else if (row.stale) this.stale.push({ file: row.file, date: row.date, ageDays: row.ageDays! });
    if (row.retired > 0) this.olderPack.push({ file: row.file, retired: row.retired });
  }

  addInvalid(file: InvalidFile): void {
    this.invalid.push(file);
  }

  totals(): SummaryTotals {
    const packs = [...this.packs.values()].map(({ pack, count, overall, principles }): PackSummary => {
      const list = pack.principles.map((p, i): PrincipleSummary => ({ pack: pack.id, id: p.id, title: p.title, ...principles[i]!.result() }));
      const weakest = list.filter((p) => p.mean !== null).sort((a, b) => a.mean! - b.mean!).slice(0, WEAKEST_COUNT);
      return { id: pack.id, title: pack.title, version: pack.version, assessments: count, ...overall.result(), principles: list, weakest };
    });
    return { today: this.today, maxAgeDays: this.maxAgeDays, assessments: this.count, packs, invalid: this.invalid, stale: this.stale, undated: this.undated, olderPack: this.olderPack };
  }
}
