import { closeSync, lstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { evidenceEntries, evidenceKind, type EvidenceFacts, type FileFact } from "../core/evidence.js";
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

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
};

/**
 * What the file system says about one evidence path, relative to the answers file's directory:
 * outside the repository (by `..` or through a symlink), missing, or found with its sha256
 * (null for a directory, or when `hash` is false). The repository is the git work tree holding the answers file, or the
 * answers file's directory outside one.
 */
export function fileFact(ref: string, answersDir: string, root: string, hash: boolean): FileFact {
  const path = resolve(answersDir, ref);
  if (!inside(root, path)) return { state: "outside", root };
  // Most evidence of a large run is checked for existence only: no exception for a missing path.
  if (!lstatSync(path, { throwIfNoEntry: false })) return { state: "missing" };
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { state: "missing" }; // a dangling symlink
  }
  if (!inside(realpathSync(root), real)) return { state: "outside", root };
  const stat = statSync(real);
  if (stat.isDirectory()) return { state: "found", sha256: null };
  if (!stat.isFile()) return { state: "outside", root };
  return { state: "found", sha256: hash ? fileSha256(real) : null };
}

/**
 * The facts `check` and `evidence` need about a file's local evidence paths: whether each exists
 * inside the repository, and the sha256 of the pinned ones (of every file with `hashAll`, for
 * `evidence --pin`). URLs are never fetched.
 */
export function evidenceFacts(answers: Answers, cwd: string, hashAll = false): EvidenceFacts {
  const answersDir = dirname(resolve(cwd, answers.file));
  const root = repositoryRoot(answersDir);
  const files = new Map<string, FileFact>();
  for (const { entry } of evidenceEntries(answers)) {
    if (evidenceKind(entry.ref).kind !== "path") continue;
    const known = files.get(entry.ref);
    if (known && (known.state !== "found" || known.sha256 !== null || !entry.sha256)) continue;
    files.set(entry.ref, fileFact(entry.ref, answersDir, root, hashAll || Boolean(entry.sha256)));
  }
  return { files };
}
