import { statSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { Io } from "../io/io.js";
import { reasonFor } from "../io/errno.js";
import { visible } from "../io/terminal.js";
import { Spool } from "../io/spool.js";
import { pathsRead } from "../io/read-set.js";
import { displayPath } from "../io/paths.js";
import { AtomicFile, writeFileAtomic } from "../io/write.js";

/** A write error as the user should read it: which output, why in words, and what to do (`hint`). */
function outputError(output: string, error: unknown, hint = "choose another path with -o"): UsageError {
  return new UsageError(`cannot write ${visible(output, Infinity)}: ${reasonFor(error)}; nothing was written`, hint);
}

/** Writes a command's output to a file atomically or, without one, to standard output; `hint` says what to do when the file cannot be written. */
export function emit(content: string, output: string | undefined, io: Io, hint?: string): void {
  if (!output) {
    io.stdout(content);
    return;
  }
  refuseOverwritingInput(output, pathsRead().map((p) => displayPath(p, io.cwd)), io);
  try {
    writeFileAtomic(resolve(io.cwd, output), content);
  } catch (error) {
    throw outputError(output, error, hint);
  }
}

/**
 * Where a streamed output goes, part by part, in bounded memory. To a file, parts go straight to its
 * temporary file, renamed into place on commit. To standard output they are spooled (in memory
 * while small, then in a temporary file) and printed on commit, so invalid input found late in a
 * run still leaves nothing printed.
 */
export interface Sink {
  /** Text, or text already encoded as UTF-8 (a file's part from a worker thread). */
  write(text: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

/** Standard output, spooled; a spool that cannot be written is a usage problem with a way out. */
function spooledStdout(io: Io): Sink {
  const spool = new Spool();
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      spool.discard();
      throw new UsageError(`cannot hold the output in the temporary directory ${tmpdir()}: ${reasonFor(error)}; nothing was written`, "set TMPDIR to a directory with room, or write to a file with -o");
    }
  };
  return { write: (text) => guard(() => spool.write(text)), commit: () => spool.drainTo(io.stdout, io.stdoutBytes), abort: () => spool.discard() };
}

export function sinkFor(output: string | undefined, io: Io): Sink {
  if (!output) return spooledStdout(io);
  refuseOverwritingInput(output, pathsRead().map((p) => displayPath(p, io.cwd)), io);
  let file: AtomicFile;
  try {
    file = new AtomicFile(resolve(io.cwd, output));
  } catch (error) {
    throw outputError(output, error);
  }
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      file.abort();
      throw outputError(output, error);
    }
  };
  return { write: (text) => guard(() => file.write(text)), commit: () => guard(() => file.commit()), abort: () => file.abort() };
}

/** The identity of an existing file (device and inode), which every path to it shares. */
function fileIdentity(path: string): string | undefined {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Refuses to let an output path overwrite one of the command's inputs, however it is spelled:
 * `./answers.yaml`, `dir/../answers.yaml`, a symbolic or hard link all name the same file (compared
 * by real path, and by device and inode). `what` names the output in the message.
 */
export function refuseOverwritingInput(output: string | undefined, inputs: string[], io: Io, what = "the output", hint = "give -o a different file name"): void {
  if (!output) return;
  const target = resolve(io.cwd, output);
  const targetId = fileIdentity(target);
  // An output that does not exist yet can only be named by the same path; one that exists is the
  // same file as an input exactly when they share device and inode (as every link and spelling does).
  const clash = inputs.find((i) => {
    const input = resolve(io.cwd, i);
    return input === target || (targetId !== undefined && fileIdentity(input) === targetId);
  });
  if (clash) throw new UsageError(`refusing to write ${what} over the input ${visible(clash, Infinity)}`, hint);
}
