import type { SummaryRow } from "./summary.js";
import type { Pack } from "./types.js";

/** How many assessments the "lowest" list of a level pack names at most. */
export const LOWEST_COUNT = 5;

/** An assessment of a level pack as the readiness section names it. */
export interface LevelEntry {
  file: string;
  project: string;
  level: number;
}

/** A system's level: the lowest of its components' (MLTRL's rule), and which component holds it there. */
export interface SystemEntry {
  system: string;
  level: number;
  component: string;
  file: string;
  components: number;
}

/** A level pack across its assessments: how many reached each level, the lowest, and each system's level. */
export interface LevelsSummary {
  /** Level number (0 to the top) → assessments at that level, every level listed. */
  counts: Record<string, number>;
  /** The assessments at the lowest levels, lowest first (in the order read among equals), at most LOWEST_COUNT. */
  lowest: LevelEntry[];
  /** Systems named by `project.system`, by name. */
  systems: SystemEntry[];
}

/** Running counts per level, the few lowest assessments and each system's lowest component: memory bounded by the number of systems. */
export class LevelTally {
  private readonly counts: number[];
  private readonly lowest: LevelEntry[] = [];
  private readonly systems = new Map<string, SystemEntry>();

  constructor(pack: Pack) {
    this.counts = pack.principles.map(() => 0);
  }

  add(row: SummaryRow): void {
    if (row.level === null) return;
    this.counts[row.level] = (this.counts[row.level] ?? 0) + 1;
    const at = this.lowest.findIndex((e) => e.level > row.level!);
    if (at >= 0 || this.lowest.length < LOWEST_COUNT) {
      this.lowest.splice(at >= 0 ? at : this.lowest.length, 0, { file: row.file, project: row.project, level: row.level });
      this.lowest.length = Math.min(this.lowest.length, LOWEST_COUNT);
    }
    if (row.system === null) return;
    const component = row.component ?? row.project;
    const known = this.systems.get(row.system);
    if (!known) this.systems.set(row.system, { system: row.system, level: row.level, component, file: row.file, components: 1 });
    else {
      known.components++;
      if (row.level < known.level) Object.assign(known, { level: row.level, component, file: row.file });
    }
  }

  result(): LevelsSummary {
    const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    return {
      counts: Object.fromEntries(this.counts.map((n, level) => [String(level), n])),
      lowest: this.lowest,
      systems: [...this.systems.values()].sort((a, b) => order(a.system, b.system)),
    };
  }
}
