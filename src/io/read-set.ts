import { resolve } from "node:path";

/**
 * Every file this run has read (answers, packs, config, templates, baselines, crosswalks), by
 * absolute path, so that no output (-o) can be written over one of them, whichever command reads
 * it. One set per run: main() empties it at the start.
 */
const read = new Set<string>();

/** Notes that the run read `path`. */
export function noteRead(path: string): void {
  read.add(resolve(path));
}

/** Every path this run has read so far. */
export function pathsRead(): string[] {
  return [...read];
}

/** Starts a new run's set (tests run many commands in one process). */
export function forgetReads(): void {
  read.clear();
}
