import { resolve } from "node:path";
import { InputError } from "../errors.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readTextFile } from "../io/read.js";
import type { Io } from "../io/io.js";
import { loadPack } from "../load/pack.js";
import { parseAnswers } from "../load/answers.js";
import { BUILTIN_PACK_DIR } from "../paths.js";
import type { Answers, Pack } from "../core/types.js";

/** The pack named by --pack, or the built-in one. */
export function packFor(opts: { pack?: string }, io: Io): Pack {
  return opts.pack ? loadPack(opts.pack, io.cwd, opts.pack) : loadPack(BUILTIN_PACK_DIR, io.cwd, "built-in");
}

/** Reads and parses one answers file, throwing InputError with every problem in it. */
export function answersFor(file: string, pack: Pack, io: Io): Answers {
  const path = resolve(io.cwd, file);
  const text = readTextFile(path, displayPath(path, io.cwd));
  if (isDiagnostic(text)) throw new InputError([text]);
  return parseAnswers(text, pack);
}
