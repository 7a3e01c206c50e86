import { fstatSync, statSync, writeSync } from "node:fs";
import { UsageError } from "../errors.js";
import { ENVIRONMENT_ERRORS, reasonFor } from "./errno.js";

/** Everything the CLI touches outside itself, passed in so tests can run it in-process. */
export interface Io {
  stdout: (text: string) => void;
  /** Bytes already encoded as UTF-8 straight to standard output, where the real process offers it (a spooled document is handed on so, never decoded and encoded again). */
  stdoutBytes?: (bytes: Uint8Array) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  now: () => Date;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** The terminal's width in columns, when standard output is one. */
  columns?: number;
  /** The path the command was started by (process.argv[1]): hints say `npx rml-assess` when it is a project's own install. */
  launcher?: string;
}

type Fd = 0 | 1 | 2;

/**
 * Whether a standard stream is a terminal. A file, pipe or socket is known not to be one from
 * fstat alone, and so is the null device (a character device with /dev/null's device number, as
 * scripts and cron jobs send output to); only another character device needs Node's tty check,
 * which loads the tty and net modules.
 */
export function isTerminal(fd: Fd): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    if (process.platform !== "win32" && stat.rdev === statSync("/dev/null", { throwIfNoEntry: false })?.rdev) return false;
  } catch {
    return false; // A closed descriptor is no terminal.
  }
  return process.getBuiltinModule("node:tty").isatty(fd);
}

/** Blocks this thread for `ms` milliseconds; used only while the reader of a full pipe catches up. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Text up to this many bytes is written from a reused buffer: a spooled piece (64 kB) at 3 bytes a character. */
const SCRATCH_BYTES = 3 * 65_536;

/**
 * A writer for standard output or error that writes straight to the descriptor, as Node's own
 * stdout does for files, pipes and terminals on POSIX, without building a stream object (which
 * loads Node's stream modules: a large part of a short run's start-up). It goes quiet once the
 * reader has gone away (`rml-assess principles | head`): a closed pipe is the reader's choice, not
 * an error worth a stack trace. Should the descriptor be non-blocking (a parent shared one) and
 * its pipe full, it waits for the reader to make room (EAGAIN) and goes on: nothing is buffered,
 * so memory stays flat however much is written to however slow a reader.
 */
export function descriptorWriter(fd: 1 | 2): (text: string | Uint8Array) => void {
  let open = true;
  if (process.platform === "win32") {
    const stream = fd === 1 ? process.stdout : process.stderr;
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      open = false;
    });
    return (text) => void (open && stream.write(text));
  }
  // Text is encoded into one buffer kept for the purpose (writes are synchronous), not a new one per
  // write: a Buffer for each of many pieces, freed only by a collection, raised a large run's peak
  // memory at its very end. Bytes (a spooled document, handed on in 1 MiB pieces) go as they are.
  let scratch: Buffer | null = null;
  const encoded = (text: string): Uint8Array => {
    if (Buffer.byteLength(text, "utf8") > SCRATCH_BYTES) return Buffer.from(text, "utf8");
    scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
    return scratch.subarray(0, scratch.write(text, 0, "utf8"));
  };
  return (text) => {
    if (!open) return;
    const bytes = typeof text === "string" ? encoded(text) : text;
    let wait = 1;
    for (let done = 0; done < bytes.length;) {
      try {
        done += writeSync(fd, bytes, done, bytes.length - done);
        wait = 1;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EPIPE") {
          open = false;
          return;
        }
        if (ENVIRONMENT_ERRORS.has(code ?? "")) {
          open = false;
          // Standard error that cannot be written has no one left to tell; standard output says why it failed.
          if (fd === 2) return;
          throw new UsageError(`cannot write to standard output: ${reasonFor(error)}; the output is incomplete`, "free some space, or write to a file with -o");
        }
        if (code !== "EAGAIN") throw error;
        pause(wait);
        wait = Math.min(wait * 2, 50);
      }
    }
  };
}

/** The real process's IO, used by bin/. Terminal checks are made when first asked. */
export function processIo(): Io {
  const stdout = descriptorWriter(1);
  return {
    stdout,
    stdoutBytes: stdout,
    stderr: descriptorWriter(2),
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
    launcher: process.argv[1],
    get stdoutIsTTY() {
      return isTerminal(1);
    },
    get stderrIsTTY() {
      return isTerminal(2);
    },
    get stdinIsTTY() {
      return isTerminal(0);
    },
    get columns() {
      return isTerminal(1) ? process.stdout.columns || undefined : undefined;
    },
  };
}
