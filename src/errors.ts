/** Exit codes, the same for every command (documented in the README). */
export const EXIT = { ok: 0, policy: 1, input: 2, interrupted: 130 } as const;

/** A problem in an input file, located so an editor or CI can jump to it. Lines and columns are 1-based. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
  /** About the whole file (it is missing or unreadable): people's output names the file alone, no 1:1. */
  wholeFile?: boolean;
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

/** Where a diagnostic is, as people read it: `file:line:column`, or the file alone for a whole-file problem. */
export function diagnosticPlace(d: Diagnostic): string {
  return d.wholeFile ? d.file : `${d.file}:${d.line}:${d.column}`;
}

/** `file:line:column: message (hint)` on one line, the shape editors and CI logs link. */
export function formatDiagnostic(d: Diagnostic): string {
  const hint = d.hint ? ` (${d.hint})` : "";
  return `${diagnosticPlace(d)}: ${d.message}${hint}`;
}

/**
 * A diagnostic for a whole file (it cannot be read): printed as `file: message`, with no position
 * that does not exist. It keeps 1:1 for formats that must place every problem on a line (SARIF, annotations).
 */
export function fileDiagnostic(file: string, message: string, hint?: string): Diagnostic {
  return { file, line: 1, column: 1, message, hint, wholeFile: true };
}

/** At most this many problems are listed per file; later ones mostly follow from the first. */
export const MAX_LISTED = 50;

/**
 * Sorts diagnostics by file and position, drops repeats, and keeps the first MAX_LISTED of each
 * file; when there are more, one last line at the next problem says the rest is not listed.
 */
export function listed(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const seen = new Set<string>();
  const perFile = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const d of sorted) {
    const id = `${d.file}:${d.line}:${d.column}: ${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const n = perFile.get(d.file) ?? 0;
    perFile.set(d.file, n + 1);
    if (n < MAX_LISTED) out.push(d);
    else if (n === MAX_LISTED) out.push({ file: d.file, line: d.line, column: d.column, message: `too many problems: the rest from here on are not listed`, hint: `fix the first ${MAX_LISTED} and run again` });
  }
  return out;
}
