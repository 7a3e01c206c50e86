import { basename, dirname, relative, resolve, sep } from "node:path";
import { git } from "./git.js";
import { repositoryRoot } from "./repository.js";

/** Where the answers file was read: the git commit, and its directory from the repository's root. */
export interface Provenance {
  /** The commit HEAD named when the report was made; null outside a work tree. */
  commit: string | null;
  /** True when the answers file differs from that commit (uncommitted changes). */
  dirty: boolean;
  /** The answers file's directory relative to the repository's root, with forward slashes ("" at the root). */
  dir: string;
}

/**
 * The commit an answers file is read at: HEAD of the git work tree holding it, whether the file
 * differs from it, and the file's directory from the work tree's root. Null outside a work tree,
 * in a repository without commits, or without git. One git process answers both (`git status
 * --porcelain=v2 --branch` prints HEAD's commit as a header line, then the file if it differs);
 * the work tree's root is found as git finds it (repositoryRoot), without asking git again.
 */
export function gitProvenance(file: string, cwd: string): Provenance | null {
  const path = resolve(cwd, file);
  const dir = dirname(path);
  const status = git(["status", "--porcelain=v2", "--branch", "--no-ahead-behind", "--", basename(path)], dir);
  if (!status.ok) return null;
  const lines = status.out.toString("utf8").split("\n").filter((line) => line !== "");
  // "(initial)" in a repository without commits.
  const commit = /^# branch\.oid ([0-9a-f]+)$/.exec(lines.find((line) => line.startsWith("# branch.oid ")) ?? "")?.[1];
  if (commit === undefined) return null;
  return {
    commit,
    dirty: lines.some((line) => !line.startsWith("# ")),
    dir: relative(repositoryRoot(dir), dir).split(sep).join("/"),
  };
}
