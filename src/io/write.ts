import {
  accessSync, closeSync, constants as fsConstants, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync,
  renameSync, rmSync, statSync, writeSync, type Stats,
} from "node:fs";
import { constants as osConstants } from "node:os";
import { basename, dirname, join, resolve } from "node:path";

let made = 0;

/** The longest file name most file systems take, in bytes (NAME_MAX). */
const NAME_MAX = 255;

/** `name` cut to at most `bytes` UTF-8 bytes, never inside a character. */
function cutToBytes(name: string, bytes: number): string {
  if (Buffer.byteLength(name) <= bytes) return name;
  let out = "";
  for (const ch of name) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * Creates a new temporary file beside `path`, named for this process, the time and a count. It is
 * created exclusively, so it is never an existing file (a crashed run's, or another process's, or
 * a link planted in a shared directory): on a clash the next name is tried. No randomness is
 * needed, so no crypto module is loaded. `flags` "wx+" opens it for reading too. A long target
 * name is shortened in the temporary name, so the temporary name fits NAME_MAX when the target does.
 */
export function createTemporary(path: string, mode: number | undefined, flags: "wx" | "wx+" = "wx"): { tmp: string; fd: number } {
  for (;;) {
    const suffix = `.tmp-${process.pid}-${Date.now().toString(36)}-${made++}`;
    const tmp = join(dirname(path), `.${cutToBytes(basename(path), NAME_MAX - 1 - suffix.length)}${suffix}`);
    try {
      return { tmp, fd: openSync(tmp, flags, mode) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/** An error with an errno-like code of our own, which `reasonFor` (commands/output.ts) puts in words. */
function refusal(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/**
 * Whether the kernel's `protected_symlinks` rule would refuse to follow `link`: a symbolic link in
 * a world-writable sticky directory (/tmp) is followed only when its owner is the user or the
 * directory's owner, so a link planted there by someone else cannot aim a write at the user's files.
 */
function plantedLink(link: string, linkStat: Stats): boolean {
  const dir = statSync(dirname(link));
  const sharedSticky = (dir.mode & fsConstants.S_IWOTH) !== 0 && (dir.mode & 0o1000) !== 0;
  const uid = process.geteuid?.() ?? -1;
  return sharedSticky && linkStat.uid !== uid && linkStat.uid !== dir.uid;
}

/**
 * The file a path names: symbolic links are followed (so the link stays a link), each checked
 * against the `protected_symlinks` rule. A new file (or a dangling link) is written where asked.
 */
function targetOf(path: string): string {
  let at = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let link: Stats;
    try {
      link = lstatSync(at);
    } catch {
      return at;
    }
    if (!link.isSymbolicLink()) break;
    if (plantedLink(at, link)) throw refusal("ESTICKYLINK", `${at} is a symbolic link in a shared sticky directory, owned by someone else`);
    at = resolve(dirname(at), readlinkSync(at));
  }
  try {
    return realpathSync(at);
  } catch {
    return at;
  }
}

/** Whether a shell's `>` could write the file: a write bit is set (root ignores modes) and the system allows this user. */
function writable(path: string, stat: Stats): boolean {
  if ((stat.mode & 0o222) === 0) return false;
  try {
    accessSync(path, fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Paths that name a descriptor of this process (/dev/stdout, /proc/self/fd/3): written through that descriptor. */
function descriptorOf(path: string): number | null {
  const named: Record<string, number> = { "/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2 };
  if (path in named) return named[path]!;
  const fd = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(path);
  return fd ? Number(fd[1]) : null;
}

/** Writes all of `bytes` to `fd`: write(2) may take fewer bytes than given (a nearly full disk, a pipe). */
function writeAll(fd: number, content: string | Uint8Array): void {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Temporary files being written now, removed should the process be stopped by SIGTERM, SIGHUP or SIGINT. */
const live = new Set<string>();
let handlersInstalled = false;

/**
 * On SIGTERM or SIGHUP: removes the temporary files, then ends the process with the conventional
 * code of a process killed by that signal (128+n: 143, 129). Re-raising the signal is not reliable
 * here: Node still holds it until its handler is closed, a turn of the event loop later. SIGINT
 * (Ctrl-C) does the same (130) while a file is being written, or when nothing else listens for it
 * (the interview does, between its prompts).
 */
function installSignalCleanup(): void {
  if (handlersInstalled || process.platform === "win32") return;
  handlersInstalled = true;
  for (const signal of ["SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      for (const tmp of live) rmSync(tmp, { force: true });
      live.clear();
      process.exit(128 + osConstants.signals[signal]);
    });
  }
  process.on("SIGINT", () => {
    const writing = live.size > 0;
    for (const tmp of live) rmSync(tmp, { force: true });
    live.clear();
    if (writing || process.listenerCount("SIGINT") === 1) process.exit(128 + osConstants.signals.SIGINT);
  });
}

/**
 * A file written atomically: content goes to a temporary file in the same directory, synced and
 * renamed over the target on `commit`. A crash, a full disk, an `abort` or SIGTERM/SIGHUP/SIGINT leaves the
 * old file untouched and no temporary file behind. Content can be written in parts, so large outputs
 * are never held whole. The old file's mode (group write included) and, where the system allows,
 * its owner and group are kept; a read-only file is refused, as a shell's `>` would.
 *
 * Only regular files are replaced. A FIFO, a character device (/dev/null, a terminal) or a path to
 * one of this process's descriptors (/dev/stdout) is written in place, as it is; a block device or
 * socket is refused. Such writes cannot be undone by `abort`.
 */
export class AtomicFile {
  private readonly path: string;
  private readonly tmp: string | null = null;
  private fd: number | null;
  /** The descriptor is this process's own (stdout): written, never closed. */
  private readonly borrowed: boolean = false;

  constructor(path: string) {
    const fd = descriptorOf(resolve(path));
    if (fd !== null) {
      this.path = path;
      this.fd = fd;
      this.borrowed = true;
      return;
    }
    this.path = targetOf(path);
    let old: Stats | undefined;
    try {
      old = statSync(this.path);
    } catch {
      old = undefined;
    }
    if (old && old.isDirectory()) throw refusal("EISDIR", `${this.path} is a directory`);
    if (old && (old.isFIFO() || old.isCharacterDevice())) {
      // Written in place: a rename would replace the device or pipe with a regular file.
      this.fd = openSync(this.path, fsConstants.O_WRONLY | fsConstants.O_NOCTTY);
      return;
    }
    if (old && !old.isFile()) throw refusal("ENOTREGULAR", `${this.path} is not a regular file`);
    if (old && !writable(this.path, old)) throw refusal("EREADONLY", `${this.path} is read-only`);
    const mode = old ? old.mode & 0o7777 : undefined;
    // The handlers are in place before the temporary file exists, so no signal can find it unguarded.
    installSignalCleanup();
    ({ tmp: this.tmp, fd: this.fd } = createTemporary(this.path, mode));
    live.add(this.tmp);
    if (old) this.keepModeAndOwner(old);
  }

  /** The new file gets the old one's mode (which the umask trimmed at creation) and owner and group, where allowed. */
  private keepModeAndOwner(old: Stats): void {
    const fd = this.fd!;
    fchmodSync(fd, old.mode & 0o7777);
    const made = fstatSync(fd);
    if (made.uid === old.uid && made.gid === old.gid) return;
    try {
      fchownSync(fd, old.uid, old.gid);
    } catch {
      try {
        fchownSync(fd, made.uid, old.gid); // A member of the file's group may keep the group.
      } catch {
        // Only root may give a file away: the new file is the writer's own.
      }
    }
    fchmodSync(fd, old.mode & 0o7777); // chown clears set-id bits.
  }

  write(content: string | Uint8Array): void {
    if (this.fd === null) throw new Error("write after commit or abort");
    writeAll(this.fd, content);
  }

  commit(): void {
    if (this.tmp === null) return this.close();
    fsyncSync(this.fd!);
    this.close();
    renameSync(this.tmp, this.path);
    live.delete(this.tmp);
  }

  abort(): void {
    this.close();
    if (this.tmp === null) return;
    rmSync(this.tmp, { force: true });
    live.delete(this.tmp);
  }

  private close(): void {
    if (this.fd !== null && !this.borrowed) closeSync(this.fd);
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
 * Appends to a file in one write with O_APPEND, so appends by parallel processes never overwrite
 * each other (each lands whole, after the others), as GitHub's step summary needs. Creates the file
 * when it does not exist. `fit`, given the file's size before the append, may shorten the content.
 */
export function appendFileAtomic(path: string, content: string, fit: (size: number) => string = () => content): void {
  const fd = openSync(targetOf(path), fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_NOCTTY, 0o666);
  try {
    const text = fit(fstatSync(fd).size);
    writeAll(fd, Buffer.from(text, "utf8"));
  } finally {
    closeSync(fd);
  }
}
