import { git } from "./git.js";

/** Far more than any repository's list of files needs, yet bounded. */
const LIST_BYTES = 512 * 1024 * 1024;

/**
 * The files of a folder as git sees them, paths relative to it with forward slashes: tracked
 * files (even those a .gitignore names) and untracked ones no ignore rule covers (`git ls-files
 * -co --exclude-standard`), and how many YAML files the ignore rules leave out. Null outside a git
 * work tree, without git, or when git cannot answer (then the caller walks the folder itself).
 */
export function gitFileList(dir: string): { files: string[]; ignored: number } | null {
  const listed = git(["ls-files", "-co", "--exclude-standard", "-z", "--", "."], dir, LIST_BYTES);
  if (!listed.ok) return null;
  const ignored = git(["ls-files", "-oi", "--exclude-standard", "-z", "--", "*.yaml", "*.yml", "*.YAML", "*.YML"], dir, LIST_BYTES);
  const names = (out: Buffer) => out.toString("utf8").split("\0").filter(Boolean);
  return { files: names(listed.out), ignored: ignored.ok ? names(ignored.out).length : 0 };
}
