import { readFileSync } from "node:fs";
import type { Io } from "../io/io.js";
import { loadPack } from "../load/pack.js";
import { answersFor as answersFileFor, readAnswersFile as readFile } from "../load/answers-file.js";
import { BUILTIN_PACK_DIR, BUILTIN_PACK_JSON } from "../paths.js";
import type { Answers, Pack } from "../core/types.js";

/** The built-in pack: parsed at build time when the build is there, else from principles/. */
function builtinPack(io: Io): Pack {
  try {
    return JSON.parse(readFileSync(BUILTIN_PACK_JSON, "utf8")) as Pack;
  } catch {
    return loadPack(BUILTIN_PACK_DIR, io.cwd, "built-in");
  }
}

/** The pack named by --pack (YAML parsed and validated now), or the built-in one. */
export function packFor(opts: { pack?: string }, io: Io): Pack {
  return opts.pack ? loadPack(opts.pack, io.cwd, opts.pack) : builtinPack(io);
}

/** Reads and parses one answers file, keeping its text; throws InputError with every problem in it. */
export function readAnswersFile(file: string, pack: Pack, io: Pick<Io, "cwd">): { text: string; answers: Answers } {
  return readFile(file, pack, io.cwd);
}

/** Reads and parses one answers file, throwing InputError with every problem in it. */
export function answersFor(file: string, pack: Pack, io: Pick<Io, "cwd">): Answers {
  return answersFileFor(file, pack, io.cwd);
}
