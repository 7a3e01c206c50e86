import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { displayPath } from "./paths.js";

const HEAD_BYTES = 64 * 1024;

/**
 * True when a YAML file looks like an answers file: a line `version: 1` and a line starting
 * `answers:` (top-level keys) in its first 64 KiB. A pack's pack.yaml has `answers:` too, but
 * its version is the pack's own (1.0.0). A file that cannot be read counts, so that
 * checking it reports why, rather than it being skipped in silence.
 */
function looksLikeAnswers(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(HEAD_BYTES);
    const text = buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0)).toString("utf8");
    return /^version\s*:\s*(1|"1"|'1')\s*(#.*)?$/m.test(text) && /^answers\s*:/m.test(text);
  } catch {
    return true;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function entriesOf(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the directory ${dir}: ${code === "EACCES" || code === "EPERM" ? "permission denied" : code ?? String(error)}`, "check its permissions, or name the answers files instead");
  }
}

/**
 * Every answers file under a directory (absolute paths), recursively, sorted by path in code-point
 * order so runs are deterministic; node_modules and dot-directories are skipped.
 */
export function answersFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of entriesOf(current)) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(path);
      } else if (/\.ya?ml$/i.test(entry.name) && (entry.isFile() || isFileLink(path)) && looksLikeAnswers(path)) {
        found.push(path);
      }
    }
  };
  walk(resolve(dir));
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
 * answers files under it. A file named twice is checked once. A directory holding none is a usage
 * error, since checking nothing must not pass.
 */
export function answersFilesFor(args: string[], cwd: string): string[] {
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
    const under = answersFilesUnder(path);
    if (!under.length) throw new UsageError(`no answers files under ${arg}`, "an answers file is a .yaml or .yml file with the top-level keys 'version: 1' and 'answers:'; run 'rml-assess init' to write one");
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
