import { diffAssessments } from "../core/diff.js";
import { score } from "../core/score.js";
import { EXIT } from "../errors.js";
import { loadFormat } from "../formats/index.js";
import { diffFirst } from "../formats/diff-first.js";
import { colorFor, PLAIN } from "../io/color.js";
import { parseGitPath } from "../io/git-path.js";
import type { Io } from "../io/io.js";
import { loadAnswersAt } from "../load/answers-file.js";
import { emit, refuseOverwritingInput } from "./output.js";
import { declaredPack, packDeclarationIn, packFor, packInputs } from "./pack-option.js";
import { BUILTIN_PACKS } from "../paths.js";

export interface DiffOptions {
  format: string;
  output?: string;
  pack?: string;
}

/** The earlier version when only one is given: the same path at HEAD. */
export function headOf(arg: string, cwd: string): string {
  return `HEAD:${parseGitPath(arg, cwd)?.path ?? arg}`;
}

/** The built-in pack a file (or `REF:PATH`) names with `pack:`; null for none, or one that is not built in. */
async function packNamedBy(arg: string, io: Io): Promise<string | null> {
  const target = parseGitPath(arg, io.cwd);
  if (!target) return declaredPack(arg, io);
  const { readGitFile } = await import("../io/git.js");
  try {
    const id = packDeclarationIn(readGitFile(target, io.cwd).text)?.id;
    return id && id in BUILTIN_PACKS ? id : null;
  } catch {
    return null; // Reading it again to compare says what is wrong.
  }
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
  const color = opts.output || opts.format !== "text" ? PLAIN : await colorFor(io.env, () => io.stdoutIsTTY);
  const missing = newArg === undefined ? await earlierMissing(before, io.cwd) : null;
  if (missing !== null) {
    // A first assessment: nothing earlier to compare with.
    const pack = await packFor(opts, io, parseGitPath(after, io.cwd) ? undefined : after);
    const now = await loadAnswersAt(after, pack, io.cwd);
    emit(diffFirst(opts.format, score(pack, now.answers), before, missing, color), opts.output, io);
    return EXIT.ok;
  }
  // Without --pack each version is read with the built-in pack it names, so that a change of pack
  // is shown (METADATA_REGRESSION) rather than refused.
  const named = opts.pack ? await packFor(opts, io) : null;
  const [beforePack, pack] = named ? [named, named] : await Promise.all([before, after].map(async (arg) => packFor({ pack: (await packNamedBy(arg, io)) ?? undefined }, io)));
  const [old, now] = await Promise.all([loadAnswersAt(before, beforePack!, io.cwd), loadAnswersAt(after, pack!, io.cwd)]);
  const diff = diffAssessments(score(beforePack!, old.answers), score(pack!, now.answers));
  emit((await loadFormat("diff", opts.format))(diff, { color }), opts.output, io);
  return EXIT.ok;
}
