import { closeSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let made = 0;

/**
 * Creates a new temporary file beside `path`, named for this process, the time and a count. It is
 * created exclusively, so it is never an existing file (a crashed run's, or another process's, or
 * a link planted in a shared directory): on a clash the next name is tried. No randomness is
 * needed, so no crypto module is loaded. `flags` "wx+" opens it for reading too.
 */
export function createTemporary(path: string, mode: number | undefined, flags: "wx" | "wx+" = "wx"): { tmp: string; fd: number } {
  for (;;) {
    const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}-${made++}`);
    try {
      return { tmp, fd: openSync(tmp, flags, mode) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
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
    let mode: number | undefined;
    try {
      mode = statSync(this.path).mode & 0o777;
    } catch {
      mode = undefined;
    }
    ({ tmp: this.tmp, fd: this.fd } = createTemporary(this.path, mode));
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
