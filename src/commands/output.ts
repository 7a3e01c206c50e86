import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { Io } from "../io/io.js";
import { AtomicFile, writeFileAtomic } from "../io/write.js";

/** A write error as the user should read it: which output, and why, in words. */
function outputError(output: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  const why = code === "ENOENT" ? "its directory does not exist" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "it is a directory" : code === "ENOSPC" ? "the disk is full" : code;
  return new UsageError(`cannot write ${output}: ${why}`, "choose another path with -o");
}

/** Writes a command's output (whole, or in parts) to a file atomically or, without one, to standard output. */
export function emit(content: string | readonly string[], output: string | undefined, io: Io): void {
  if (!output) {
    for (const part of typeof content === "string" ? [content] : content) io.stdout(part);
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

/** Refuses to let an output path overwrite one of the command's inputs. */
export function refuseOverwritingInput(output: string | undefined, inputs: string[], io: Io): void {
  if (!output) return;
  const target = resolve(io.cwd, output);
  const clash = inputs.find((i) => resolve(io.cwd, i) === target);
  if (clash) throw new UsageError(`refusing to write the output over the input ${clash}`, "give -o a different file name");
}
