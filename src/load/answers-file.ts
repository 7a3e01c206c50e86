import { resolve } from "node:path";
import { InputError } from "../errors.js";
import type { Answers, Pack } from "../core/types.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readTextFile } from "../io/read.js";
import { parseAnswers } from "./answers.js";

/** Reads and parses one answers file (relative to cwd), throwing InputError with every problem in it. */
export function answersFor(file: string, pack: Pack, cwd: string): Answers {
  const path = resolve(cwd, file);
  const text = readTextFile(path, displayPath(path, cwd));
  if (isDiagnostic(text)) throw new InputError([text]);
  return parseAnswers(text, pack);
}
