import type { SummaryRow, Verdict } from "./summary.js";

/** An assessment in the earlier summary, and how it moved since: changes are now minus then (null when either has none). */
export interface Movement {
  score: number | null;
  level: number | null;
  verdict: Verdict;
  scoreChange: number | null;
  levelChange: number | null;
}

/** What an earlier `summary --format json` said, as the movement needs it (read by load/previous-summary.ts). */
export interface PreviousData {
  file: string;
  generated: string | null;
  assessments: { file: string; score: number | null; level: number | null; verdict: Verdict }[];
  principles: { pack: string; id: string; mean: number | null }[];
}

const change = (now: number | null, then: number | null) => (now === null || then === null ? null : now - then);

/** An earlier summary to compare with: each file's row by its path, each principle's mean; remembers which files were seen again. */
export class PreviousSummary {
  readonly file: string;
  readonly generated: string | null;
  private readonly rows = new Map<string, PreviousData["assessments"][number]>();
  private readonly means = new Map<string, number | null>();
  private readonly seen = new Set<string>();

  constructor(data: PreviousData) {
    this.file = data.file;
    this.generated = data.generated;
    for (const a of data.assessments) this.rows.set(a.file, a);
    for (const p of data.principles) this.means.set(`${p.pack}\u0000${p.id}`, p.mean);
  }

  /** How a row moved since the earlier summary; null when that summary did not have its file. */
  movementOf(row: SummaryRow): Movement | null {
    const then = this.rows.get(row.file);
    if (!then) return null;
    this.seen.add(row.file);
    return { score: then.score, level: then.level, verdict: then.verdict, scoreChange: change(row.score, then.score), levelChange: change(row.level, then.level) };
  }

  /** A principle's mean in the earlier summary; null when it had none. */
  principleMean(pack: string, id: string): number | null {
    return this.means.get(`${pack}\u0000${id}`) ?? null;
  }

  /** Files of the earlier summary not seen in this one, in its order. */
  unseen(): string[] {
    return [...this.rows.keys()].filter((f) => !this.seen.has(f));
  }
}
