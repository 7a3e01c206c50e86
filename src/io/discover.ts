import { existsSync, opendirSync, readFileSync, statSync, type Dir, type Dirent } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { UsageError } from "../errors.js";
import { fileHead } from "./head.js";
import { displayPath } from "./paths.js";

const HEAD_BYTES = 64 * 1024;

/**
 * True when a YAML file looks like an answers file: a line `version: 1` and a line starting
 * `answers:` (top-level keys) in its first 64 KiB. A pack's pack.yaml has `answers:` too, but
 * its version is the pack's own (1.0.0). A file that cannot be read counts, so that
 * checking it reports why, rather than it being skipped in silence.
 */
function looksLikeAnswers(path: string): boolean {
  try {
    const text = fileHead(path, HEAD_BYTES);
    return /^version\s*:\s*(1|"1"|'1')\s*(#.*)?$/m.test(text) && /^answers\s*:/m.test(text);
  } catch {
    return true;
  }
}

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

/** What a directory search leaves out: paths matching --exclude globs (relative to `cwd`), and .gitignore'd ones. */
export interface Exclusions {
  cwd: string;
  globs: string[];
}

/** A test for --exclude globs; a directory that matches is skipped whole. */
function excludedBy(exclusions: Exclusions | undefined): (path: string) => boolean {
  if (!exclusions?.globs.length) return () => false;
  const match = picomatch(exclusions.globs, { dot: true });
  return (path) => match(posix(exclusions.cwd, path));
}

/**
 * Every answers file under a directory (absolute paths), recursively, sorted by path in code-point
 * order so runs are deterministic. node_modules, .git and other dot-directories are skipped, and
 * so are paths the .gitignore files (of the directory, below it, and above it up to the
 * repository's root) ignore, and paths matching an --exclude glob.
 */
export function answersFilesUnder(dir: string, exclusions?: Exclusions): string[] {
  const found: string[] = [];
  const excluded = excludedBy(exclusions);
  const ignored = (scopes: IgnoreScope[], path: string, isDir: boolean) =>
    scopes.some((s) => path.startsWith(s.dir + sep) && s.rules.ignores(posix(s.dir, path) + (isDir ? "/" : "")));
  const walk = (current: string, scopes: IgnoreScope[]) => {
    const own = gitignoreIn(current);
    const here = own ? [...scopes, own] : scopes;
    for (const entry of entriesOf(current)) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".") && !excluded(path) && !ignored(here, path, true)) walk(path, here);
      } else if (/\.ya?ml$/i.test(entry.name) && (entry.isFile() || isFileLink(path)) && !excluded(path) && !ignored(here, path, false) && looksLikeAnswers(path)) {
        found.push(path);
      }
    }
  };
  const root = resolve(dir);
  walk(root, gitignoresAbove(root));
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
 * The answers files a command line names: files as given, and each directory replaced by the
 * answers files under it, less those matching an --exclude glob (a file named is always checked).
 * A file named twice is checked once. A directory holding none is a usage
 * error, since checking nothing must not pass.
 */
export function answersFilesFor(args: string[], cwd: string, exclude: string[] = []): string[] {
  const exclusions = { cwd, globs: exclude };
  const files: string[] = [];
  const seen = new Set<string>();
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
    const under = answersFilesUnder(path, exclusions);
    if (!under.length) throw new UsageError(`no answers files under ${arg}`, `an answers file is a .yaml or .yml file with the top-level keys 'version: 1' and 'answers:'${exclude.length ? ", not matching --exclude" : ""} and not ignored by .gitignore; run 'rml-assess init' to write one`);
    for (const file of under) add(displayPath(file, cwd), file);
  }
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
