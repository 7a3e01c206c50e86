import { basename, dirname, relative, resolve, sep } from "node:path";
import { git } from "./git.js";

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
 * in a repository without commits, or without git.
 */
export function gitProvenance(file: string, cwd: string): Provenance | null {
  const path = resolve(cwd, file);
  const dir = dirname(path);
  // One git process for the work tree's root and the commit, which it prints on a line each
  // (--verify: HEAD is taken as a revision even beside a file named HEAD).
  const head = git(["rev-parse", "--show-toplevel", "--verify", "--quiet", "HEAD"], dir);
  if (!head.ok) return null;
  const out = head.out.toString("utf8").replace(/\n$/, "");
  const cut = out.lastIndexOf("\n");
  if (cut < 0) return null;
  const status = git(["status", "--porcelain", "--", basename(path)], dir);
  return {
    commit: out.slice(cut + 1).trim(),
    dirty: !status.ok || status.out.toString("utf8").trim() !== "",
    dir: relative(out.slice(0, cut).trim(), dir).split(sep).join("/"),
  };
}
