import { statSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { Io } from "../io/io.js";
import { writeFileAtomic } from "../io/write.js";

/** Writes a command's output to a file (atomically) or, without one, to standard output. */
export function emit(content: string, output: string | undefined, io: Io): void {
  if (!output) {
    io.stdout(content);
    return;
  }
  try {
    writeFileAtomic(resolve(io.cwd, output), content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const reasons: Record<string, string> = {
      ENOENT: "its directory does not exist", EACCES: "permission denied", EPERM: "permission denied", EISDIR: "it is a directory",
      ENOTDIR: "a part of its path is a file, not a directory", EROFS: "the file system is read-only", ENOSPC: "the disk is full",
    };
    const why = reasons[code] ?? code;
    throw new UsageError(`cannot write ${output}: ${why}; nothing was written`, "choose another path with -o");
  }
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
