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
