import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The top level of the git work tree holding `cwd`, found as git finds it: the nearest directory,
 * from `cwd` upwards, with a `.git` entry (a directory, or the file of a linked worktree or a
 * submodule). Outside a work tree, `cwd` itself. Needs no git binary.
 */
export function repositoryRoot(cwd: string): string {
  const start = resolve(cwd);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return start;
  }
}
