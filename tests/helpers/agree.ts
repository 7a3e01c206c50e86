import { expect } from "vitest";
import type { Pack } from "../../src/core/types.js";
import { InputError } from "../../src/errors.js";
import type { TextFile } from "../../src/io/read.js";
import { parseAnswers } from "../../src/load/answers.js";
import { parseAnswersFast } from "../../src/load/answers-fast.js";

/**
 * Holds the fast answers parser to the full one: it must stand aside (null) for every file the full
 * parser rejects, and give the very same answers and positions when it accepts one. Says which path won.
 */
export function agreeWithFullParser(file: TextFile, pack: Pack): "fast" | "slow" {
  const fast = parseAnswersFast(file, pack);
  let full: unknown;
  try {
    full = parseAnswers(file, pack);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(fast, `${file.file}: the fast path accepted a file the full parser rejects`).toBeNull();
    return "slow";
  }
  if (fast === null) return "slow";
  expect(fast, file.file).toEqual(full);
  return "fast";
}
