import { runGit } from "./git-run.js";
import { existsSync, statSync } from "node:fs";
import { basename, dirname, relative, resolve, sep } from "node:path";
import { InputError, fileDiagnostic } from "../errors.js";
import type { GitPath } from "./git-path.js";
import { decodeUtf8, MAX_INPUT_BYTES, type TextFile } from "./read.js";

/** Runs git safely (io/git-run.ts: no repository code, a minimal environment) in `cwd`; its output, or the failure's stderr. */
export function git(args: string[], cwd: string, maxBuffer = MAX_INPUT_BYTES + 1024): { ok: true; out: Buffer } | { ok: false; err: string; status?: number } {
  return runGit(args, cwd, maxBuffer);
}

/** The nearest directory that exists at or above `dir` (the file may be gone from the working tree). */
function existingDir(dir: string): string {
  let d = dir;
  while (!(existsSync(d) && statSync(d).isDirectory()) && dirname(d) !== d) d = dirname(d);
  return d;
}

/**
 * A directory's repository and a revision found there, kept: a baseline revision is read for
 * every checked file. Only what was found is kept (a failure is asked again: a commit may come).
 */
const found = new Map<string, ReturnType<typeof git>>();
function cached(key: string, ask: () => ReturnType<typeof git>): ReturnType<typeof git> {
  const known = found.get(key);
  if (known) return known;
  const result = ask();
  if (result.ok) found.set(key, result);
  return result;
}

/** Why a file cannot be read at a revision although the repository is there: the message and its hint. */
export interface GitMissing {
  missing: string;
  hint: string;
}

/**
 * Reads a file as it was at a git revision with git's own commands: a ref starting with '-' is
 * refused (it could reach git as an option), the repository is the one
 * holding the path (`git rev-parse`), the ref is verified, then `git show REF:./PATH` runs in the
 * path's directory. Not a repository, an unknown ref and a path missing at that ref are located
 * errors at `REF:PATH:1:1` with a hint.
 */
export function readGitFile(target: GitPath, cwd: string): TextFile {
  const read = readGitFileIfThere(target, cwd);
  if ("missing" in read) throw new InputError([fileDiagnostic(`${target.ref}:${target.path}`, read.missing, read.hint)]);
  return read;
}

/**
 * Like readGitFile, but an unknown revision (a new repository, a shallow clone without it) and a
 * path missing at the revision (a new file) come back as data, for a baseline that may not exist
 * yet; not a repository, no git, a refused ref or an unreadable file still throw.
 */
export function readGitFileIfThere(target: GitPath, cwd: string): TextFile | GitMissing {
  const display = `${target.ref}:${target.path}`;
  const fail = (message: string, hint: string): never => {
    throw new InputError([fileDiagnostic(display, message, hint)]);
  };
  if (target.ref.startsWith("-")) fail(`'${target.ref}' is not a git revision`, "name a branch, tag or commit, e.g. origin/main:rml-assessment.yaml");
  const full = resolve(cwd, target.path);
  const dir = existingDir(dirname(full));
  const inRepo = cached(`top\0${dir}`, () => git(["rev-parse", "--show-toplevel"], dir));
  if (!inRepo.ok && inRepo.err === "ENOENT") fail("git is not installed or not on the PATH", "install git, or compare two files instead of REF:PATH");
  if (!inRepo.ok) return fail(`${dir} is not inside a git repository`, "run from a git checkout, or give two files to compare");
  const verified = cached(`ref\0${dir}\0${target.ref}`, () => git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${target.ref}^{commit}`], dir));
  if (!verified.ok) return { missing: `unknown git revision '${target.ref}'`, hint: "check the branch, tag or commit; in CI, fetch it first, e.g. git fetch origin main" };
  const name = `./${relative(dir, full).split(sep).join("/") || basename(full)}`;
  const object = `${target.ref}:${name}`;
  const size = git(["cat-file", "-s", object], dir);
  if (!size.ok) return { missing: `${target.path} does not exist at ${target.ref}`, hint: `check the path; 'git ls-tree -r --name-only ${target.ref}' lists the files at that revision` };
  if (Number(size.out.toString().trim()) > MAX_INPUT_BYTES) fail(`the file is over the 5 MB limit for inputs`, "an answers file is a few kilobytes; check the path");
  const shown = git(["show", "--no-textconv", object], dir);
  if (!shown.ok) return fail(`cannot read ${target.path} at ${target.ref}: ${shown.err.split("\n")[0]}`, "check the path and the revision");
  const bytes = new Uint8Array(shown.out);
  const decoded = decodeUtf8(display, bytes);
  if ("error" in decoded) throw new InputError([decoded.error]);
  return { file: display, text: decoded.text, bytes };
}
