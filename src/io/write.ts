import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file atomically: the content goes to a temporary file in the same directory, which is
 * then renamed over the target. A crash or a full disk mid-write leaves the old file untouched.
 */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    writeFileSync(tmp, content, { mode, flag: "wx" });
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Appends to a file atomically: the old content plus the new is written beside it and renamed
 * over it, so a reader never sees half an append. Creates the file when it does not exist.
 */
export function appendFileAtomic(path: string, content: string): void {
  let existing = "";
  try {
    existing = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  writeFileAtomic(path, existing + content);
}
