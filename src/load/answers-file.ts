import { resolve } from "node:path";
import { InputError } from "../errors.js";
import type { Answers, Pack } from "../core/types.js";
import { parseGitPath } from "../io/git-path.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readTextFile, type TextFile } from "../io/read.js";
import { parseAnswersFast } from "./answers-fast.js";

export interface LoadedAnswers {
  text: string;
  bytes: Uint8Array;
  answers: Answers;
}

/**
 * Parses an answers file's text; throws InputError with every problem in it. Valid files take the
 * fast path; the full parser, which owns every diagnostic, is loaded only for a file the fast path
 * stands aside for.
 */
export async function parseText(read: TextFile, pack: Pack): Promise<LoadedAnswers> {
  const fast = parseAnswersFast(read, pack);
  if (fast) return { text: read.text, bytes: read.bytes, answers: fast };
  const { parseAnswers } = await import("./answers.js");
  return { text: read.text, bytes: read.bytes, answers: parseAnswers(read, pack) };
}

/** Reads and parses one answers file (relative to cwd), keeping its text; throws InputError with every problem in it. */
export async function loadAnswers(file: string, pack: Pack, cwd: string): Promise<LoadedAnswers> {
  const path = resolve(cwd, file);
  const read = readTextFile(path, displayPath(path, cwd));
  if (isDiagnostic(read)) throw new InputError([read]);
  return parseText(read, pack);
}

/**
 * Like loadAnswers, but the argument may also be `REF:PATH`, read from git at that revision (the
 * git module, and with it child_process, loaded only then).
 */
export async function loadAnswersAt(arg: string, pack: Pack, cwd: string): Promise<LoadedAnswers> {
  const target = parseGitPath(arg, cwd);
  if (!target) return loadAnswers(arg, pack, cwd);
  const { readGitFile } = await import("../io/git.js");
  return parseText(readGitFile(target, cwd), pack);
}
