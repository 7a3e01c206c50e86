import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../errors.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readTextFile } from "../io/read.js";
import type { Io } from "../io/io.js";
import { loadPack } from "../load/pack.js";
import { parseAnswers } from "../load/answers.js";
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

/** Reads and parses one answers file, throwing InputError with every problem in it. */
export function answersFor(file: string, pack: Pack, io: Io): Answers {
  const path = resolve(io.cwd, file);
  const text = readTextFile(path, displayPath(path, io.cwd));
  if (isDiagnostic(text)) throw new InputError([text]);
  return parseAnswers(text, pack);
}
