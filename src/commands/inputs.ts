import type { Answers, Pack } from "../core/types.js";
import type { Io } from "../io/io.js";
import { loadAnswers } from "../load/answers-file.js";

/** Reads and parses one answers file, keeping its text and bytes; throws InputError with every problem in it. */
export function readAnswersFile(file: string, pack: Pack, io: Pick<Io, "cwd">): Promise<{ text: string; bytes: Uint8Array; answers: Answers }> {
  return loadAnswers(file, pack, io.cwd);
}

/** Reads and parses one answers file, throwing InputError with every problem in it. */
export async function answersFor(file: string, pack: Pack, io: Pick<Io, "cwd">): Promise<Answers> {
  return (await loadAnswers(file, pack, io.cwd)).answers;
}
