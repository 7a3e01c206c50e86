import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { Io } from "../io/io.js";
import { writeFileAtomic } from "../io/write.js";

/** Writes a command's output (whole, or in parts) to a file atomically or, without one, to standard output. */
export function emit(content: string | readonly string[], output: string | undefined, io: Io): void {
  if (!output) {
    for (const part of typeof content === "string" ? [content] : content) io.stdout(part);
    return;
  }
  try {
    writeFileAtomic(resolve(io.cwd, output), content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const why = code === "ENOENT" ? "its directory does not exist" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "it is a directory" : code;
    throw new UsageError(`cannot write ${output}: ${why}`, "choose another path with -o");
  }
}

/** Refuses to let an output path overwrite one of the command's inputs. */
export function refuseOverwritingInput(output: string | undefined, inputs: string[], io: Io): void {
  if (!output) return;
  const target = resolve(io.cwd, output);
  const clash = inputs.find((i) => resolve(io.cwd, i) === target);
  if (clash) throw new UsageError(`refusing to write the output over the input ${clash}`, "give -o a different file name");
}
