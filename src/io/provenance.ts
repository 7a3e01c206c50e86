import { basename, dirname, relative, resolve, sep } from "node:path";
import type { Provenance } from "../report/audit.js";
import { git } from "./git.js";

/**
 * The commit an answers file is read at: HEAD of the git work tree holding it, whether the file
 * differs from it, and the file's directory from the work tree's root. Null outside a work tree
 * (or without git).
 */
export function gitProvenance(file: string, cwd: string): Provenance | null {
  const path = resolve(cwd, file);
  const dir = dirname(path);
  const root = git(["rev-parse", "--show-toplevel"], dir);
  const head = git(["rev-parse", "--verify", "--quiet", "HEAD"], dir);
  if (!root.ok || !head.ok) return null;
  const status = git(["status", "--porcelain", "--", basename(path)], dir);
  const top = root.out.toString("utf8").trim();
  return {
    commit: head.out.toString("utf8").trim(),
    dirty: !status.ok || status.out.toString("utf8").trim() !== "",
    dir: relative(top, dir).split(sep).join("/"),
  };
}
