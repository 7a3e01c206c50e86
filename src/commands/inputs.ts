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

/** Reads and parses one answers file, keeping its text; throws InputError with every problem in it. */
export function readAnswersFile(file: string, pack: Pack, io: Io): { text: string; answers: Answers } {
  const path = resolve(io.cwd, file);
  const read = readTextFile(path, displayPath(path, io.cwd));
  if (isDiagnostic(read)) throw new InputError([read]);
  return { text: read.text, answers: parseAnswers(read, pack) };
}

/** Reads and parses one answers file, throwing InputError with every problem in it. */
export function answersFor(file: string, pack: Pack, io: Io): Answers {
  return readAnswersFile(file, pack, io).answers;
}
