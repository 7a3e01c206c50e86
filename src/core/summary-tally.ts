import { bandFor, roundScore } from "./score.js";
import type { Pack } from "./types.js";
import { LevelTally } from "./summary-levels.js";
import type { PreviousSummary } from "./summary-previous.js";
import { WEAKEST_COUNT, type InvalidFile, type PackSummary, type PrincipleSummary, type SummaryRow, type SummaryTotals } from "./summary.js";

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
