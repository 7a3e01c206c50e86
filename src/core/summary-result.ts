import type { SignedOff } from "./sign-off.js";
import { aged, unansweredOf, type SummaryRow } from "./summary.js";
import type { Pack } from "./types.js";

/** The part of one `check --format json` result a summary row is made of (docs/formats.md has the whole shape). */
export interface ResultData {
  file: string;
  project: { name: string; owner?: string; risk?: string; system?: string; component?: string };
  date: string | null;
  status?: "draft" | "final" | null;
  signedOff: SignedOff | null;
  pack: { id: string; version: string };
  score: number | null;
  band: string | null;
  level?: number;
  principles: { id: string; score: number | null; counts: { unanswered: number } }[];
  retiredAnswers: number;
  passed: boolean;
}

/**
 * A summary row from a result `check` wrote, the same row `summary` makes from the answers file
 * itself (its verdict is the one `check` gave under the config it ran with). Principles are matched
 * by id to the pack's. Pure: the caller brings the date.
 */
export function rowFromResult(r: ResultData, pack: Pack, today: string, maxAgeDays: number): SummaryRow {
  const byId = new Map(r.principles.map((p) => [p.id, p]));
  const level = r.level ?? null;
  return {
    file: r.file,
    project: r.project.name,
    owner: r.project.owner || null,
    status: r.status ?? null,
    pack,
    date: r.date,
    ...aged(r.date, today, maxAgeDays),
    score: r.score,
    band: r.band,
    principles: pack.principles.map((p) => byId.get(p.id)?.score ?? null),
    unanswered: unansweredOf(pack.principles.map((p) => byId.get(p.id)?.counts.unanswered ?? 0), level),
    retired: r.retiredAnswers,
    risk: r.project.risk ?? null,
    level,
    system: level === null ? null : (r.project.system ?? null),
    component: level === null ? null : (r.project.component ?? null),
    verdict: r.passed ? "pass" : "fail",
    signedOff: r.signedOff,
  };
}
