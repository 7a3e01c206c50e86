import { existsSync, opendirSync, readFileSync, statSync, type Dir, type Dirent } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { UsageError } from "../errors.js";
import { yamlKindAndPack, type PackLine } from "./answers-head.js";
import { gitFileList } from "./git-files.js";
import { displayPath } from "./paths.js";

function unreadableDirectory(dir: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  return new UsageError(`cannot read the directory ${dir}: ${code === "EACCES" || code === "EPERM" ? "permission denied" : code ?? String(error)}`, "check its permissions, or name the answers files instead");
}

/**
 * A directory's entries, one at a time: a directory of 100,000 files is never held as one array
 * of entries, which would outlive many collections while each file's head is read.
 */
function* entriesOf(dir: string): Generator<Dirent> {
  let handle: Dir;
  try {
    handle = opendirSync(dir);
  } catch (error) {
    throw unreadableDirectory(dir, error);
  }
  try {
    for (;;) {
      let entry: Dirent | null;
      try {
        entry = handle.readSync();
      } catch (error) {
        throw unreadableDirectory(dir, error);
      }
      if (entry === null) return;
      yield entry;
    }
  } finally {
    handle.closeSync();
  }
}

/** A path relative to `from`, with forward slashes, as gitignore and glob patterns are written. */
const posix = (from: string, path: string) => relative(from, path).split(sep).join("/");

/** The rules of one .gitignore file, which apply below the directory holding it. */
interface IgnoreScope {
  dir: string;
  rules: Ignore;
}

function gitignoreIn(dir: string): IgnoreScope | null {
  const file = join(dir, ".gitignore");
  try {
    return existsSync(file) ? { dir, rules: ignore().add(readFileSync(file, "utf8")) } : null;
  } catch {
    return null;
  }
}

/** The .gitignore files above a directory, from its repository's root (the first ancestor holding .git) down; none outside a repository. */
function gitignoresAbove(dir: string): IgnoreScope[] {
  if (existsSync(join(dir, ".git"))) return [];
  const above: string[] = [];
  for (let at = dirname(dir); ; at = dirname(at)) {
    above.unshift(at);
    if (existsSync(join(at, ".git"))) break;
    if (dirname(at) === at) return [];
  }
  return above.map(gitignoreIn).filter((s): s is IgnoreScope => s !== null);
}

/** What a directory search leaves out: paths matching --exclude globs (relative to `cwd` or to the folder searched), and .gitignore'd ones. */
export interface Exclusions {
  cwd: string;
  globs: string[];
}

/** What a directory search passed over, so that a run can say so: counts by reason, and the files that look like answers files but are not. */
export interface Skipped {
  reasons: Map<string, number>;
  lookAlikes: { path: string; why: string }[];
}

export const newSkipped = (): Skipped => ({ reasons: new Map(), lookAlikes: [] });
const count = (skipped: Skipped, reason: string) => skipped.reasons.set(reason, (skipped.reasons.get(reason) ?? 0) + 1);

/** A test for --exclude globs, against the path from the working directory and from the folder searched; a directory that matches is skipped whole. */
function excludedBy(exclusions: Exclusions | undefined, root: string): (path: string) => boolean {
  if (!exclusions?.globs.length) return () => false;
  const match = picomatch(exclusions.globs, { dot: true });
  return (path) => match(posix(exclusions.cwd, path)) || match(posix(root, path));
}

/** True when git's rules ignore `path`: the deepest .gitignore with a rule for it decides (a negation `!keep.yaml` there un-ignores it), as in git. */
function gitignored(scopes: IgnoreScope[], path: string, isDir: boolean): boolean {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i]!;
    if (!path.startsWith(s.dir + sep)) continue;
    const verdict = s.rules.test(posix(s.dir, path) + (isDir ? "/" : ""));
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

/** Sorts absolute paths in code-point order, so runs are deterministic. */
const sorted = (paths: string[]) => paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const YAML = /\.ya?ml$/i;

/**
 * Adds a YAML file that passed the other rules: an answers file is found (its `pack:` line, read
 * from the same head, put in `packs`), a look-alike listed, any other counted.
 */
function consider(path: string, found: string[], skipped: Skipped, packs?: Map<string, PackLine | null>): void {
  const { kind, pack } = yamlKindAndPack(path);
  if (kind.kind === "answers") {
    found.push(path);
    packs?.set(path, pack);
  } else if (kind.kind === "look-alike") skipped.lookAlikes.push({ path, why: kind.why });
  else count(skipped, "not answers files");
}

/**
 * Every answers file under a directory (absolute paths), recursively, sorted by path in code-point
 * order. Inside a git work tree the files considered are git's own list (`git ls-files -co
 * --exclude-standard`: tracked files, and untracked ones .gitignore does not ignore); elsewhere, or
 * when git cannot answer, a walk that applies the .gitignore files as git does (of the directory,
 * below it, and above it up to the repository's root; the deepest rule wins). Either way
 * node_modules and dot-folders are passed over, and paths matching an --exclude glob. What is passed
 * over is counted in `skipped`; the `pack:` line of each answers file found is put in `packs`.
 */
export function answersFilesUnder(dir: string, exclusions?: Exclusions, skipped: Skipped = newSkipped(), packs?: Map<string, PackLine | null>): string[] {
  const root = resolve(dir);
  const excluded = excludedBy(exclusions, root);
  const listed = gitFileList(root);
  if (listed) return sorted(fromGitList(root, listed, excluded, skipped, packs));
  const found: string[] = [];
  const walk = (current: string, scopes: IgnoreScope[]) => {
    const own = gitignoreIn(current);
    const here = own ? [...scopes, own] : scopes;
    for (const entry of entriesOf(current)) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === "node_modules" || entry.name.startsWith(".")) count(skipped, "folders node_modules or dot-folders");
        else if (excluded(path)) count(skipped, "folders excluded by --exclude");
        else if (gitignored(here, path, true)) count(skipped, "folders ignored by .gitignore");
        else walk(path, here);
      } else if (YAML.test(entry.name) && (entry.isFile() || isFileLink(path))) {
        if (excluded(path)) count(skipped, "excluded by --exclude");
        else if (gitignored(here, path, false)) count(skipped, "ignored by .gitignore");
        else consider(path, found, skipped, packs);
      }
    }
  };
  walk(root, gitignoresAbove(root));
  return sorted(found);
}

/** The answers files among git's list of a folder's files (paths relative to it, forward slashes). */
function fromGitList(root: string, listed: { files: string[]; ignored: number }, excluded: (path: string) => boolean, skipped: Skipped, packs?: Map<string, PackLine | null>): string[] {
  const found: string[] = [];
  if (listed.ignored) skipped.reasons.set("ignored by .gitignore", listed.ignored);
  for (const rel of listed.files) {
    if (!YAML.test(rel)) continue;
    const path = join(root, ...rel.split("/"));
    const folders = rel.split("/").slice(0, -1);
    if (folders.some((f) => f === "node_modules" || f.startsWith("."))) count(skipped, "in node_modules or dot-folders");
    else if (excluded(path) || folders.some((_, i) => excluded(join(root, ...folders.slice(0, i + 1))))) count(skipped, "excluded by --exclude");
    else if (isFileLink(path)) consider(path, found, skipped, packs);
    // Else gone from the working tree (deleted, not yet committed) or a submodule: nothing to check.
  }
  return found;
}

/** A symbolic link to a file is followed; one to a directory is not, so a link loop cannot trap the walk. */
function isFileLink(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The answers files a command line names, with what the directory searches passed over (`searched`
 * when there was one), and the `pack:` line of each file a search found, by its name in `files`.
 */
export interface Discovery {
  files: string[];
  searched: boolean;
  skipped: Skipped;
  packs: Map<string, PackLine | null>;
}

/**
 * The answers files a command line names: files as given, and each directory replaced by the
 * answers files under it, less those matching an --exclude glob (a file named is always checked).
 * A file named twice is checked once. A directory holding none is a usage
 * error, since checking nothing must not pass.
 */
export function discoverAnswersFiles(args: string[], cwd: string, exclude: string[] = []): Discovery {
  const exclusions = { cwd, globs: exclude };
  const files: string[] = [];
  const seen = new Set<string>();
  const skipped = newSkipped();
  const packs = new Map<string, PackLine | null>();
  const heads = new Map<string, PackLine | null>();
  let searched = false;
  const add = (shown: string, path: string) => {
    if (!seen.has(path)) files.push(shown);
    seen.add(path);
  };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    if (!isDirectory(path)) {
      add(arg, path);
      continue;
    }
    searched = true;
    const under = answersFilesUnder(path, exclusions, skipped, heads);
    if (!under.length) {
      const alike = skipped.lookAlikes.map((l) => `; ${displayPath(l.path, cwd)} looks like one, but ${l.why}`).join("");
      throw new UsageError(`no answers files under ${arg}${alike}`, `an answers file is a .yaml or .yml file with the top-level keys 'version: 1' and 'answers:'${exclude.length ? ", not matching --exclude" : ""} and not ignored by .gitignore; run 'rml-assess init' to write one`);
    }
    for (const file of under) {
      const shown = displayPath(file, cwd);
      // A file named twice keeps the name it was first given, and its head was read the same.
      if (!seen.has(file) && heads.has(file)) packs.set(shown, heads.get(file)!);
      add(shown, file);
    }
    heads.clear();
  }
  for (const l of skipped.lookAlikes) l.path = displayPath(l.path, cwd);
  return { files, searched, skipped, packs };
}

/** The answers files a command line names (discoverAnswersFiles, without what was passed over). */
export function answersFilesFor(args: string[], cwd: string, exclude: string[] = []): string[] {
  return discoverAnswersFiles(args, cwd, exclude).files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
