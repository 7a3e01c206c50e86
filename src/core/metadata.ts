import type { Assessment, Position } from "./types.js";

/** A change to an assessment's metadata that weakens what `check` asks of it. */
export interface MetadataChange {
  kind: "risk-lowered" | "status-reopened" | "signoff-removed" | "traits-removed" | "pack-changed";
  message: string;
  /** Where, in the newer file, to look. */
  position: Position;
}

const RISK_ORDER = ["minimal", "limited", "high"];
const TOP: Position = { line: 1, column: 1 };
const rank = (risk: string | undefined) => (risk === undefined ? -1 : RISK_ORDER.indexOf(risk));

/**
 * The metadata changes from `before` to `after` that loosen the check, in a fixed order:
 * project.risk lowered or removed (a stricter tier's policy no longer applies), status moved from
 * final back to draft (sign-off no longer required), a sign-off removed, traits removed (which
 * stops questions being asked), the pack changed. Pure.
 */
export function metadataRegressions(before: Assessment, after: Assessment): MetadataChange[] {
  const b = before.answers;
  const a = after.answers;
  const out: MetadataChange[] = [];
  const project = a.positions.project ?? TOP;
  if (b.project.risk !== undefined && rank(a.project.risk) < rank(b.project.risk)) {
    out.push({ kind: "risk-lowered", message: `project.risk went from ${b.project.risk} to ${a.project.risk ?? "none"} since the baseline`, position: project });
  }
  if (b.status === "final" && a.status !== "final") {
    out.push({ kind: "status-reopened", message: `status went from final back to ${a.status} since the baseline`, position: a.positions.status });
  }
  const kept = new Set(a.signOff.map((s) => `${s.name}\0${s.role}`));
  for (const s of b.signOff.filter((x) => !kept.has(`${x.name}\0${x.role}`))) {
    out.push({ kind: "signoff-removed", message: `the sign-off by ${s.name}${s.role ? ` (${s.role})` : ""} was removed since the baseline`, position: a.positions.status });
  }
  const traits = new Set(a.project.traits ?? []);
  const gone = (b.project.traits ?? []).filter((t) => !traits.has(t));
  if (gone.length) {
    out.push({ kind: "traits-removed", message: `project.traits no longer lists ${gone.join(", ")} since the baseline, so the questions only those traits ask are no longer asked`, position: project });
  }
  if (before.pack.id !== after.pack.id) {
    out.push({ kind: "pack-changed", message: `the pack went from ${before.pack.id} to ${after.pack.id} since the baseline`, position: a.positions.pack ?? TOP });
  }
  return out;
}
