import { statSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { Io } from "../io/io.js";
import { AtomicFile, writeFileAtomic } from "../io/write.js";

/** A write error as the user should read it: which output, and why, in words. */
function outputError(output: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  const reasons: Record<string, string> = {
    ENOENT: "its directory does not exist", EACCES: "permission denied", EPERM: "permission denied", EISDIR: "it is a directory",
    ENOTDIR: "a part of its path is a file, not a directory", EROFS: "the file system is read-only", ENOSPC: "the disk is full",
  };
  return new UsageError(`cannot write ${output}: ${reasons[code] ?? code}; nothing was written`, "choose another path with -o");
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
 * Where a streamed output goes. To a file, parts go straight to its temporary file (bounded memory;
 * renamed into place on commit). To standard output they are held until commit, so invalid input
 * found late in a run still leaves nothing written.
 */
export interface Sink {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

export function sinkFor(output: string | undefined, io: Io): Sink {
  if (!output) {
    const held: string[] = [];
    return { write: (text) => void held.push(text), commit: () => held.forEach((t) => io.stdout(t)), abort: () => void (held.length = 0) };
  }
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
