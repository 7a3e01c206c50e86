import type { Pack, Project } from "../core/types.js";

/** The project as the file describes it; keys the file leaves out stay absent. */
export function readProject(data: Record<string, unknown>): Project {
  const p = data.project as Record<string, unknown>;
  const project: Project = { name: (p.name as string) ?? "", owner: p.owner as string | undefined, description: p.description as string | undefined, repository: p.repository as string | undefined };
  if (typeof p["intended-use"] === "string") project.intendedUse = p["intended-use"];
  if (typeof p.risk === "string") project.risk = p.risk as Project["risk"];
  if (Array.isArray(p.traits)) project.traits = p.traits as string[];
  return project;
}

/** True when every trait a schema-valid file lists is one the pack declares (the full parser reports the others). */
export function knownTraits(project: Project, pack: Pack): boolean {
  return (project.traits ?? []).every((t) => pack.traits.some((x) => x.id === t));
}
