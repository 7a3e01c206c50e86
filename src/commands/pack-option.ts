import { readFileSync } from "node:fs";
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
