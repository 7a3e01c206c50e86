import type { Diagnostic } from "../errors.js";

/** The distinct files of some diagnostics, in order of first appearance: the files that could not be checked. */
export function invalidFiles(invalid: Diagnostic[]): string[] {
  return [...new Set(invalid.map((d) => d.file))];
}
