import { diffAssessments } from "../core/diff.js";
import { score } from "../core/score.js";
import { EXIT } from "../errors.js";
import { diffFormats } from "../formats/index.js";
import { diffFirst } from "../formats/diff-first.js";
import { colorFor, PLAIN } from "../io/color.js";
import { parseGitPath } from "../io/git-path.js";
import type { Io } from "../io/io.js";
import { loadAnswersAt } from "../load/answers-file.js";
import { emit, refuseOverwritingInput } from "./output.js";
import { packFor, packInputs } from "./pack-option.js";

export interface DiffOptions {
  format: string;
  output?: string;
  pack?: string;
}

/** The earlier version when only one is given: the same path at HEAD. */
export function headOf(arg: string, cwd: string): string {
  return `HEAD:${parseGitPath(arg, cwd)?.path ?? arg}`;
}

/**
 * Why the earlier version, given as REF:PATH, does not exist (a revision not in the repository, as
 * in one without commits, or a path not at it, as for a new file), or null when it does or is a file.
 */
async function earlierMissing(before: string, cwd: string): Promise<string | null> {
  const target = parseGitPath(before, cwd);
  if (!target) return null;
  const { readGitFileIfThere } = await import("../io/git.js");
  const read = readGitFileIfThere(target, cwd);
  return "missing" in read ? read.missing : null;
}

/**
 * `diff`: scores two answers files (either may be REF:PATH, read from git) against the same pack
 * and writes what changed; NEW alone, when it does not exist at HEAD (or there is no commit yet), is
 * a first assessment ("no earlier version"). It reports and does not judge: exit 0 whatever changed, 2 on invalid input.
 */
export async function diffCommand(oldArg: string, newArg: string | undefined, opts: DiffOptions, io: Io): Promise<number> {
  const [before, after] = newArg === undefined ? [headOf(oldArg, io.cwd), oldArg] : [oldArg, newArg];
  refuseOverwritingInput(opts.output, [...[before, after].filter((a) => !parseGitPath(a, io.cwd)), ...packInputs(opts, io)], io);
  const pack = await packFor(opts, io, parseGitPath(after, io.cwd) ? undefined : after);
  const missing = newArg === undefined ? await earlierMissing(before, io.cwd) : null;
  const color = opts.output || opts.format !== "text" ? PLAIN : await colorFor(io.env, () => io.stdoutIsTTY);
  if (missing !== null) {
    const now = await loadAnswersAt(after, pack, io.cwd);
    emit(diffFirst(opts.format, score(pack, now.answers), before, missing, color), opts.output, io);
    return EXIT.ok;
  }
  const [old, now] = await Promise.all([loadAnswersAt(before, pack, io.cwd), loadAnswersAt(after, pack, io.cwd)]);
  const diff = diffAssessments(score(pack, old.answers), score(pack, now.answers));
  emit(diffFormats[opts.format]!(diff, { color }), opts.output, io);
  return EXIT.ok;
}
