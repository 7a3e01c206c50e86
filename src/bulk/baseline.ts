import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { score } from "../core/score.js";
import type { Assessment, Pack } from "../core/types.js";
import type { Finding } from "../core/verdict.js";
import { parseGitPath } from "../io/git-path.js";
import { loadAnswers, parseText } from "../load/answers-file.js";

/**
 * A policy's baseline as plain data (a worker thread gets a copy): a file (`path` alone), one file
 * at a git revision (`ref` and `path`, from REF:PATH), or a bare revision (`ref` alone), which
 * compares each checked file with the same path at that revision.
 */
export interface BaselineSpec {
  ref: string | null;
  path: string | null;
}

/**
 * Reads a baseline as written in the config or with --baseline: REF:PATH, an existing file, a
 * name ending in .yaml or .yml (a file, missing or not), else a bare revision such as origin/main.
 */
export function baselineSpec(arg: string, cwd: string): BaselineSpec {
  const target = parseGitPath(arg, cwd);
  if (target) return target;
  if (existsSync(resolve(cwd, arg)) || /\.ya?ml$/i.test(arg)) return { ref: null, path: arg };
  return { ref: arg, path: null };
}

/** What a file is compared with: the earlier version's assessment, or why there is none (a BASELINE_MISSING note). */
export type BaselineOutcome = { assessment: Assessment } | { missing: string };

/**
 * The baseline of one checked file (`file` relative to `cwd`). A file that is not there is an
 * error (the name is wrong); a revision that is not in the clone, or a path that is not at the
 * revision (a new answers file, a new repository, a shallow clone) is no earlier version, and the
 * file is judged on its own policy.
 */
export async function baselineOf(spec: BaselineSpec, file: string, pack: Pack, cwd: string): Promise<BaselineOutcome> {
  if (spec.ref === null) return { assessment: score(pack, (await loadAnswers(spec.path!, pack, cwd)).answers) };
  const { readGitFileIfThere } = await import("../io/git.js");
  const target = { ref: spec.ref, path: spec.path ?? file };
  const read = readGitFileIfThere(target, cwd);
  if ("missing" in read) return { missing: `${read.missing} (${read.hint})` };
  return { assessment: score(pack, (await parseText(read, pack)).answers) };
}

/** The note for a file with no earlier version: at its first line, never failing the check. */
export function baselineMissing(missing: string): Finding {
  return {
    code: "BASELINE_MISSING", severity: "note",
    message: `no earlier version to compare with: ${missing}; the file is judged on its own policy`,
    principle: null, question: null, line: 1, column: 1,
  };
}
