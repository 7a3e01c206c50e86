import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** A file at a git revision, as written on the command line: `REF:PATH`. */
export interface GitPath {
  ref: string;
  path: string;
}

/**
 * Reads `REF:PATH` from an argument, or null when it names a file: an existing file wins (a
 * path may hold ':'), and so does a Windows drive (`C:\…`). No IO but a stat, and no git: the
 * git module is loaded only to read such a path.
 */
export function parseGitPath(arg: string, cwd: string): GitPath | null {
  if (existsSync(resolve(cwd, arg)) || /^[A-Za-z]:[\\/]/.test(arg)) return null;
  const colon = arg.indexOf(":");
  if (colon <= 0 || colon === arg.length - 1) return null;
  return { ref: arg.slice(0, colon), path: arg.slice(colon + 1) };
}
