import { closeSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** A random name part; crypto is loaded only when a file is written, not on every start. */
function randomSuffix(): string {
  return process.getBuiltinModule("node:crypto").randomBytes(4).toString("hex");
}

/** The file a path names: a symbolic link is written through, so the link stays a link. */
function targetOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // A new file (or a dangling link): write it where it was asked for.
  }
}

/**
 * A file written atomically: content goes to a temporary file in the same directory, renamed over
 * the target on `commit`. A crash, a full disk or an `abort` leaves the old file untouched and
 * no temporary file behind. Content can be written in parts, so large outputs are never held whole.
 * The old file's mode is kept.
 */
export class AtomicFile {
  private readonly path: string;
  private readonly tmp: string;
  private fd: number | null;

  constructor(path: string) {
    this.path = targetOf(path);
    this.tmp = join(dirname(this.path), `.${basename(this.path)}.tmp-${process.pid}-${randomSuffix()}`);
    let mode: number | undefined;
    try {
      mode = statSync(this.path).mode & 0o777;
    } catch {
      mode = undefined;
    }
    this.fd = openSync(this.tmp, "wx", mode);
  }

  write(content: string | Uint8Array): void {
    if (this.fd === null) throw new Error("write after commit or abort");
    // write(2) may take fewer bytes than given (a nearly full disk): write the rest until all is written.
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    for (let done = 0; done < bytes.length;) done += writeSync(this.fd, bytes, done, bytes.length - done);
  }

  commit(): void {
    this.close();
    renameSync(this.tmp, this.path);
  }

  abort(): void {
    this.close();
    rmSync(this.tmp, { force: true });
  }

  private close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Writes a whole file atomically (see AtomicFile). */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const file = new AtomicFile(path);
  try {
    file.write(content);
    file.commit();
  } catch (error) {
    file.abort();
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
