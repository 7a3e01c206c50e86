import { resolve } from "node:path";
import type { Pack, Position } from "../core/types.js";
import type { PackLine } from "../io/answers-head.js";
import type { Io } from "../io/io.js";
import { BUILTIN_PACKS } from "../paths.js";
import { builtinPack, DEFAULT_PACK, packDeclaration, packFor } from "./pack-option.js";

/**
 * The packs a `check` run allows, the first the default for a file without `pack:`: exactly the
 * --pack given; else the config's `packs:` (built-in names, or directories relative to the config
 * file's folder); else only the built-in default. The policy chooses the pack, never the file.
 */
export async function allowedPacks(opts: { pack?: string }, configPacks: string[] | undefined, configDir: string, io: Io): Promise<Pack[]> {
  if (opts.pack !== undefined) return [await packFor(opts, io)];
  if (!configPacks?.length) return [await builtinPack(DEFAULT_PACK, io)];
  const loaded = await Promise.all(configPacks.map((p) => (p in BUILTIN_PACKS ? builtinPack(p, io) : packFor({ pack: resolve(configDir, p) }, io))));
  return loaded.filter((p, i) => loaded.findIndex((q) => q.id === p.id) === i);
}

/** A group of files checked against one pack; `mismatch` when their `pack:` names a pack the policy does not allow. */
export interface PackGroup {
  pack: Pack;
  files: string[];
  /** Files whose pack is not allowed: where each names it (they are parsed against their own built-in pack, never judged by it). */
  mismatch?: Map<string, Position>;
}

/**
 * The files of a `check` run grouped by pack, groups in the order their first file comes: a file
 * without `pack:` goes with the first allowed pack, one naming an allowed pack with it; one naming
 * another built-in pack goes to a mismatch group (PACK_MISMATCH); one naming an unknown pack is
 * parsed against the first allowed pack, whose loader reports it as invalid input. `known` holds the
 * `pack:` lines a directory search read (by file name as in `files`), which are not read again.
 */
export async function groupByPack(files: string[], allowed: Pack[], io: Io, known?: Map<string, PackLine | null>): Promise<PackGroup[]> {
  const groups = new Map<string, PackGroup>();
  const loading = new Map<string, Promise<Pack>>();
  const order: string[] = [];
  for (const file of files) {
    // A directory search has read the file's `pack:` line already (`known`); a file named is read here.
    const line = known?.get(file);
    const declared = line !== undefined ? line : packDeclaration(resolve(io.cwd, file));
    const allowedPack = declared ? allowed.find((p) => p.id === declared.id) : allowed[0];
    const key = allowedPack ? allowedPack.id : declared && declared.id in BUILTIN_PACKS ? `mismatch:${declared.id}` : allowed[0]!.id;
    let group = groups.get(key);
    if (!group) {
      const pack = allowed.find((p) => p.id === key) ?? null;
      group = { pack: pack as Pack, files: [], ...(pack ? {} : { mismatch: new Map() }) };
      if (!pack) loading.set(key, builtinPack(key.slice("mismatch:".length), io));
      groups.set(key, group);
      order.push(key);
    }
    group.files.push(file);
    if (group.mismatch && declared) group.mismatch.set(file, declared.at);
  }
  for (const [key, pack] of loading) groups.get(key)!.pack = await pack;
  if (!order.length) return [{ pack: allowed[0]!, files: [] }];
  return order.map((key) => groups.get(key)!);
}
