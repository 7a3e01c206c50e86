import { coverage, type Coverage, type Crosswalk } from "../core/crosswalk.js";
import type { EvidenceFacts } from "../core/evidence.js";
import type { Assessment, Pack } from "../core/types.js";
import type { Io } from "../io/io.js";

/**
 * The crosswalks of the pack a command loaded, one per framework id, from crosswalk/ in the pack's
 * directory (the built-in one, or the --pack directory), each validated against the pack.
 */
export async function crosswalksFor(ids: string[], pack: Pack, io: Io): Promise<Crosswalk[]> {
  if (!ids.length) return [];
  const { loadCrosswalk, packDirOf } = await import("../load/crosswalk.js");
  const dir = packDirOf(pack);
  return [...new Set(ids)].map((id) => loadCrosswalk(dir, id, pack, io.cwd));
}

/** An assessment read through each crosswalk; with evidence facts, met items need their evidence found. */
export function coveragesOf(crosswalks: Crosswalk[], a: Assessment, facts: EvidenceFacts | null = null): Coverage[] {
  return crosswalks.map((c) => coverage(c, a, { facts }));
}

/** Of the framework ids a policy names, those the pack has a crosswalk for (a level pack may have none). */
export async function frameworksOfPack(ids: string[], pack: Pack, io: Io): Promise<string[]> {
  if (!ids.length) return [];
  const { frameworkIds, packDirOf } = await import("../load/crosswalk.js");
  const known = frameworkIds(packDirOf(pack), io.cwd);
  return ids.filter((id) => known.includes(id));
}

/** Framework ids some built-in pack has a crosswalk for: a config naming one is no typo, though the run's packs lack it. */
export async function builtinFrameworks(io: Io): Promise<string[]> {
  const { frameworkIds } = await import("../load/crosswalk.js");
  const { BUILTIN_PACKS } = await import("../paths.js");
  return Object.values(BUILTIN_PACKS).flatMap((p) => frameworkIds(p.dir, io.cwd));
}
