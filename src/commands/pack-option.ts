import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Pack } from "../core/types.js";
import type { Io } from "../io/io.js";
import { BUILTIN_PACK_DIR, BUILTIN_PACK_JSON } from "../paths.js";

/**
 * The pack a command works with: the one in --pack DIR (its YAML parsed and validated now, the
 * loader imported only then), or the built-in one, parsed at build time into dist/.
 */
export async function packFor(opts: { pack?: string }, io: Io): Promise<Pack> {
  if (!opts.pack) {
    try {
      return JSON.parse(readFileSync(BUILTIN_PACK_JSON, "utf8")) as Pack;
    } catch {
      // No build (tests running from source): read principles/ like any other pack.
    }
  }
  const { loadPack } = await import("../load/pack.js");
  return opts.pack ? loadPack(opts.pack, io.cwd, opts.pack) : loadPack(BUILTIN_PACK_DIR, io.cwd, "built-in");
}

/**
 * The files of a --pack directory (pack.yaml and each principle's YAML file), which no output may
 * overwrite; none for the built-in pack, which is not the user's to write.
 */
export function packInputs(opts: { pack?: string }, io: Io): string[] {
  if (!opts.pack) return [];
  const dir = resolve(io.cwd, opts.pack);
  try {
    return readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).map((f) => join(dir, f));
  } catch {
    return []; // No such directory: loading the pack says so.
  }
}
