import { randomBytes } from "node:crypto";
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file atomically: the content goes to a temporary file in the same directory, which is
 * then renamed over the target. A crash or a full disk mid-write leaves the old file untouched.
 * A symbolic link is written through (its target is replaced), and the old file's mode is kept.
 */
export function writeFileAtomic(path: string, content: string): void {
  let target = path;
  try {
    target = realpathSync(path);
  } catch {
    // A new file (or a dangling link): write it where it was asked for.
  }
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    writeFileSync(tmp, content, { mode, flag: "wx" });
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
