import { closeSync, lstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { evidenceKind, isPathRef, unordered, type EvidenceFacts, type FileFact } from "../core/evidence.js";

/** The answers file's real path, or "" when it has none to compare (read from git, or gone). */
function realAnswersPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return "";
  }
}
import type { Answers } from "../core/types.js";
import { repositoryRoot } from "./repository.js";

/**
 * The sha256 of a file, read in 1 MiB chunks so a large model or data file is never held whole.
 * crypto is fetched on first use: `check` loads this module for every run, most with no pins.
 */
export function fileSha256(path: string): string {
  const hash = process.getBuiltinModule("node:crypto").createHash("sha256");
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, "r");
  try {
    for (let n = readSync(fd, buffer, 0, buffer.length, null); n > 0; n = readSync(fd, buffer, 0, buffer.length, null)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/**
 * What one run has already looked up, so that many answers files pointing at the same evidence
 * (a directory of teams' files, all citing `docs/…`) stat each path once: repository roots by
 * directory, their real paths, and file facts by directory, then path as written (`#` in front
 * when hashed). Plain maps, so a worker thread gets its own copy. A run reads the file system as it is
 * at that moment; nothing is kept between runs.
 */
export interface Lookups {
  roots: Map<string, string>;
  realRoots: Map<string, string>;
  facts: Map<string, Map<string, FileFact>>;
}

export const newLookups = (): Lookups => ({ roots: new Map(), realRoots: new Map(), facts: new Map() });

/** Each map is bounded: a run whose files each cite paths of their own keeps the latest few thousand. */
const MAX_LOOKUPS = 20_000;

const once = <T>(map: Map<string, T>, key: string, make: () => T): T => {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MAX_LOOKUPS) map.clear();
    map.set(key, (value = make()));
  }
  return value;
};

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
};

/**
 * What the file system says about one evidence path, relative to the answers file's directory:
 * outside the repository (by `..` or through a symlink), missing, or found with its sha256
 * (null for a directory, or when `hash` is false). The repository is the git work tree holding the
 * answers file, or the answers file's directory outside one. `known` holds what the run has
 * already found in this directory: each path is looked up once.
 */
function fileFact(ref: string, answersDir: string, root: string, hash: boolean, lookups: Lookups, known: Map<string, FileFact>): FileFact {
  return once(known, hash ? `#${ref}` : ref, () => lookUp(resolve(answersDir, ref), root, hash, lookups));
}

function lookUp(path: string, root: string, hash: boolean, lookups: Lookups): FileFact {
  if (!inside(root, path)) return { state: "outside", root };
  // Most evidence of a large run is checked for existence only: no exception for a missing path.
  if (!lstatSync(path, { throwIfNoEntry: false })) return { state: "missing" };
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { state: "missing" }; // a dangling symlink
  }
  if (!inside(once(lookups.realRoots, root, () => realpathSync(root)), real)) return { state: "outside", root };
  const stat = statSync(real);
  if (stat.isDirectory()) return { state: "invalid", reason: "it is a directory; evidence is a file (or an http(s) URL)" };
  if (!stat.isFile()) return { state: "outside", root };
  return { state: "found", sha256: hash ? fileSha256(real) : null, real };
}

/**
 * The facts `check` and `evidence` need about a file's local evidence paths: whether each exists
 * inside the repository, and the sha256 of the pinned ones (of every file with `hashAll`, for
 * `evidence --pin`). URLs are never fetched. A run checking many files passes its `lookups`.
 */
export function evidenceFacts(answers: Answers, cwd: string, hashAll = false, lookups: Lookups = newLookups()): EvidenceFacts {
  const answersDir = dirname(resolve(cwd, answers.file));
  const root = once(lookups.roots, answersDir, () => repositoryRoot(answersDir));
  const seen = once(lookups.facts, answersDir, () => new Map<string, FileFact>());
  const files = new Map<string, FileFact>();
  let self: string | undefined;
  for (const entry of unordered(answers)) {
    if (!isPathRef(entry.ref)) continue;
    const known = files.get(entry.ref);
    if (known && (known.state !== "found" || known.sha256 !== null || !entry.sha256)) continue;
    const hash = hashAll || Boolean(entry.sha256);
    // A path the core already finds invalid (a NUL byte, `.`, `.git/…`) is never looked up; one
    // this run has looked up in this directory was found to be a path then.
    if (!seen.has(hash ? `#${entry.ref}` : entry.ref) && evidenceKind(entry.ref).kind !== "path") continue;
    const fact = fileFact(entry.ref, answersDir, root, hash, lookups, seen);
    // The answers file cannot be its own evidence (through any spelling or link).
    if (fact.state === "found" && fact.real !== undefined && fact.real === (self ??= realAnswersPath(resolve(cwd, answers.file)))) {
      files.set(entry.ref, { state: "invalid", reason: "it is the answers file itself; evidence is a file that shows the answer" });
    } else files.set(entry.ref, fact);
  }
  return { files };
}

/**
 * Of some evidence entries typed for an answers file (at `answersPath`), the local paths that do
 * not exist inside its repository (missing, or outside it): the interview says so while typing.
 */
export function missingEvidence(refs: string[], answersPath: string): string[] {
  const answersDir = dirname(answersPath);
  const root = repositoryRoot(answersDir);
  const lookups = newLookups();
  return refs.filter((ref) => isPathRef(ref) && lookUp(resolve(answersDir, ref), root, false, lookups).state !== "found");
}
