import { resolve } from "node:path";
import { InputError } from "../errors.js";
import type { Answers, Pack } from "../core/types.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readTextFile } from "../io/read.js";
import { parseAnswers } from "./answers.js";
import { parseAnswersFast } from "./answers-fast.js";

/** Reads and parses one answers file (relative to cwd), keeping its text; throws InputError with every problem in it. */
export function readAnswersFile(file: string, pack: Pack, cwd: string): { text: string; answers: Answers } {
  const path = resolve(cwd, file);
  const read = readTextFile(path, displayPath(path, cwd));
  if (isDiagnostic(read)) throw new InputError([read]);
  // Valid files take the fast path; anything it does not vouch for gets the full parse and its diagnostics.
  return { text: read.text, answers: parseAnswersFast(read, pack) ?? parseAnswers(read, pack) };
}

/** Reads and parses one answers file (relative to cwd), throwing InputError with every problem in it. */
export function answersFor(file: string, pack: Pack, cwd: string): Answers {
  return readAnswersFile(file, pack, cwd).answers;
}
