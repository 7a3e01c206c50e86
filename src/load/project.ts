import type { HistoryEntry, Pack, Project } from "../core/types.js";

/** The project as the file describes it; keys the file leaves out stay absent. */
export function readProject(data: Record<string, unknown>): Project {
  const p = data.project as Record<string, unknown>;
  const project: Project = { name: (p.name as string) ?? "", owner: p.owner as string | undefined, description: p.description as string | undefined, repository: p.repository as string | undefined };
  if (typeof p["intended-use"] === "string") project.intendedUse = p["intended-use"];
  if (typeof p.risk === "string") project.risk = p.risk as Project["risk"];
  if (typeof p.role === "string") project.role = p.role as Project["role"];
  if (Array.isArray(p.jurisdictions)) project.jurisdictions = p.jurisdictions as string[];
  if (Array.isArray(p.traits)) project.traits = p.traits as string[];
  if (typeof p.system === "string") project.system = p.system;
  if (typeof p.component === "string") project.component = p.component;
  return project;
}

/** A level pack's fields of a schema-valid file: `claimed-level` and `history` (notes trimmed). */
export function readLevelFields(data: Record<string, unknown>): { claimedLevel: number | null; history: HistoryEntry[] } {
  const history = ((data.history ?? []) as { level: number; date: string; kind: HistoryEntry["kind"]; switchback?: HistoryEntry["switchback"]; note?: string | null }[])
    .map((h) => ({ level: h.level, date: h.date, kind: h.kind, ...(h.switchback ? { switchback: h.switchback } : {}), note: (h.note ?? "").trim() }));
  return { claimedLevel: typeof data["claimed-level"] === "number" ? data["claimed-level"] : null, history };
}

/** True when every trait a schema-valid file lists is one the pack declares (the full parser reports the others). */
export function knownTraits(project: Project, pack: Pack): boolean {
  return (project.traits ?? []).every((t) => pack.traits.some((x) => x.id === t));
}
