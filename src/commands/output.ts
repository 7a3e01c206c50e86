import { statSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { Io } from "../io/io.js";
import { Spool } from "../io/spool.js";
import { AtomicFile, writeFileAtomic } from "../io/write.js";

/** Why a write failed, in words. */
function reasonFor(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  const reasons: Record<string, string> = {
    ENOENT: "its directory does not exist", EACCES: "permission denied", EPERM: "permission denied", EISDIR: "it is a directory",
    ENOTDIR: "a part of its path is a file, not a directory", EROFS: "the file system is read-only", ENOSPC: "the disk is full",
  };
  return reasons[code] ?? code;
}

/** A write error as the user should read it: which output, and why, in words. */
function outputError(output: string, error: unknown): UsageError {
  return new UsageError(`cannot write ${output}: ${reasonFor(error)}; nothing was written`, "choose another path with -o");
}

/** Writes a command's output to a file atomically or, without one, to standard output. */
export function emit(content: string, output: string | undefined, io: Io): void {
  if (!output) {
    io.stdout(content);
    return;
  }
  try {
    writeFileAtomic(resolve(io.cwd, output), content);
  } catch (error) {
    throw outputError(output, error);
  }
}

/**
 * Where a streamed output goes, part by part, in bounded memory. To a file, parts go straight to its
 * temporary file, renamed into place on commit. To standard output they are spooled (in memory
 * while small, then in a temporary file) and printed on commit, so invalid input found late in a
 * run still leaves nothing printed.
 */
export interface Sink {
  write(text: string): void;
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
  return { write: (text) => guard(() => spool.write(text)), commit: () => spool.drainTo(io.stdout), abort: () => spool.discard() };
}

export function sinkFor(output: string | undefined, io: Io): Sink {
  if (!output) return spooledStdout(io);
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
 * `./answers.yaml`, `dir/../answers.yaml`, a symbolic or hard link all name the same file.
 */
export function refuseOverwritingInput(output: string | undefined, inputs: string[], io: Io): void {
  if (!output) return;
  const target = resolve(io.cwd, output);
  const targetId = fileIdentity(target);
  const clash = inputs.find((i) => {
    const input = resolve(io.cwd, i);
    return input === target || (targetId !== undefined && fileIdentity(input) === targetId);
  });
  if (clash) throw new UsageError(`refusing to write the output over the input ${clash}`, "give -o a different file name");
}
