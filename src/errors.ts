/** Exit codes, the same for every command (documented in the README). */
export const EXIT = { ok: 0, policy: 1, input: 2, interrupted: 130 } as const;

/** A problem in an input file, located so an editor or CI can jump to it. Lines and columns are 1-based. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

/**
 * Bad input: one or more located problems. Printed one per line, exit 2. `reported` says the
 * command's output already carries them (check's CI formats), so the output was written.
 */
export class InputError extends Error {
  constructor(readonly diagnostics: Diagnostic[], readonly reported = false) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "InputError";
  }
}

/** Bad usage of the command line itself (unknown option, bad flag value). Exit 2. */
export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** `file:line:column: message (hint)` on one line, the shape editors and CI logs link. */
export function formatDiagnostic(d: Diagnostic): string {
  const hint = d.hint ? ` (${d.hint})` : "";
  return `${d.file}:${d.line}:${d.column}: ${d.message}${hint}`;
}

/** A diagnostic for a whole file (it cannot be read, or has no usable content): points at 1:1. */
export function fileDiagnostic(file: string, message: string, hint?: string): Diagnostic {
  return { file, line: 1, column: 1, message, hint };
}
