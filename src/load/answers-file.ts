import { resolve } from "node:path";
import { InputError } from "../errors.js";
import type { Answers, Pack } from "../core/types.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readTextFile } from "../io/read.js";
import { parseAnswersFast } from "./answers-fast.js";

/**
 * Reads and parses one answers file (relative to cwd), keeping its text; throws InputError with
 * every problem in it. Valid files take the fast path; the full parser, which owns every
 * diagnostic, is loaded only for a file the fast path stands aside for.
 */
export async function loadAnswers(file: string, pack: Pack, cwd: string): Promise<{ text: string; bytes: Uint8Array; answers: Answers }> {
  const path = resolve(cwd, file);
  const read = readTextFile(path, displayPath(path, cwd));
  if (isDiagnostic(read)) throw new InputError([read]);
  const fast = parseAnswersFast(read, pack);
  if (fast) return { text: read.text, bytes: read.bytes, answers: fast };
  const { parseAnswers } = await import("./answers.js");
  return { text: read.text, bytes: read.bytes, answers: parseAnswers(read, pack) };
}
