import type { Answers, EvidenceEntry } from "./types.js";

/**
 * What an evidence entry is, from its text alone: a well-formed http(s) URL, a relative path to
 * look for in the repository (whether it stays inside it is for the IO layer to find out), or
 * invalid (another scheme, a malformed URL, an absolute path).
 */
export type EvidenceKind = { kind: "url" } | { kind: "path" } | { kind: "invalid"; reason: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const KNOWN_SCHEME = /^(https?|ftp|file|mailto|javascript|data):/i;
const ABSOLUTE = /^([a-z]:)?[\\/]/i;
const hasScheme = (ref: string) => SCHEME.test(ref) || KNOWN_SCHEME.test(ref);
const isAbsolute = (ref: string) => ABSOLUTE.test(ref) || ref.startsWith("~");

/** The kind of an evidence text. */
export function evidenceKind(ref: string): EvidenceKind {
  if (hasScheme(ref)) {
    if (!/^https?:\/\//i.test(ref)) return { kind: "invalid", reason: "only http and https URLs can be evidence" };
    if (/\s/.test(ref)) return { kind: "invalid", reason: "a URL may not contain spaces (write them as %20)" };
    // An http(s) URL that parses has a host: the URL standard refuses an empty one for them.
    return URL.canParse(ref) ? { kind: "url" } : { kind: "invalid", reason: "it is not a well-formed URL" };
  }
  if (isAbsolute(ref)) return { kind: "invalid", reason: "absolute paths are not portable; write the path relative to the answers file's directory" };
  if (/[\u0000-\u001f\u007f]/.test(ref)) return { kind: "invalid", reason: "a path may not contain a NUL byte or another control character" };
  const segments = ref.split(/[\\/]/).filter((x) => x !== "" && x !== ".");
  if (!segments.length || /[\\/]$/.test(ref) || segments[segments.length - 1] === "..") return { kind: "invalid", reason: "it names a directory; evidence is a file (or an http(s) URL)" };
  if (segments.some((x) => x.toLowerCase() === ".git")) return { kind: "invalid", reason: "it is inside git's own .git directory, which is not part of the repository's content" };
  return { kind: "path" };
}

/** Whether `evidenceKind(ref)` is a path, without parsing what looks like a URL. */
export const isPathRef = (ref: string): boolean => !hasScheme(ref) && !isAbsolute(ref);

/** What the file system says about a local evidence path (gathered by the IO layer). */
export type FileFact =
  | { state: "found"; sha256: string | null; real?: string } // sha256 null when not hashed; real: its real path
  | { state: "missing" }
  | { state: "outside"; root: string } // resolves (through `..` or a symlink) outside the repository
  | { state: "invalid"; reason: string }; // a directory, the answers file itself: never evidence

/** Facts the IO layer gathered for the core: file facts keyed by the evidence path as written. */
export interface EvidenceFacts {
  files: Map<string, FileFact>;
}

export type EvidenceStatus = "found" | "missing" | "changed" | "url" | "invalid" | "unchecked";

/** An entry's status given the facts; "unchecked" when the facts do not cover it. */
export function evidenceStatus(entry: EvidenceEntry, facts: EvidenceFacts | null): EvidenceStatus {
  // The facts hold local paths only, so an entry they cover is a path (and needs no URL parse).
  const fact = facts?.files.get(entry.ref);
  if (!fact) {
    const { kind } = evidenceKind(entry.ref);
    return kind === "url" ? "url" : kind === "invalid" ? "invalid" : "unchecked";
  }
  if (fact.state === "outside" || fact.state === "invalid") return "invalid";
  if (fact.state === "missing") return "missing";
  if (entry.sha256 && fact.sha256 !== entry.sha256) return "changed";
  return "found";
}

/** Evidence counts of a file, as the JSON result and the report give them. */
export interface EvidenceCounts {
  total: number;
  found: number;
  missing: number;
  changed: number;
  url: number;
  invalid: number;
  pinned: number;
}

/** Every evidence entry of a file's answers, in file order. */
export function evidenceEntries(answers: Answers): { principle: string; question: string; entry: EvidenceEntry }[] {
  const out: { principle: string; question: string; entry: EvidenceEntry }[] = [];
  for (const [principle, questions] of answers.answers) {
    for (const [question, answer] of questions) for (const entry of answer.evidenceEntries) out.push({ principle, question, entry });
  }
  return out.sort((a, b) => a.entry.position.line - b.entry.position.line || a.entry.position.column - b.entry.position.column);
}

/** Every evidence entry of a file's answers, in no particular order (for counting and looking up). */
export function unordered(answers: Answers): EvidenceEntry[] {
  // One array rather than a generator: a bulk run goes through every file's entries twice.
  const out: EvidenceEntry[] = [];
  for (const questions of answers.answers.values()) for (const answer of questions.values()) for (const entry of answer.evidenceEntries) out.push(entry);
  return out;
}

/** Counts entries by status; entries the facts do not cover count in `total` only. */
export function evidenceCounts(answers: Answers, facts: EvidenceFacts | null): EvidenceCounts {
  const counts: EvidenceCounts = { total: 0, found: 0, missing: 0, changed: 0, url: 0, invalid: 0, pinned: 0 };
  for (const entry of unordered(answers)) {
    counts.total++;
    if (entry.sha256) counts.pinned++;
    const status = evidenceStatus(entry, facts);
    if (status !== "unchecked") counts[status]++;
  }
  return counts;
}
/** One evidence entry as `evidence` lists it. */
export interface EvidenceRow {
  principle: string;
  question: string;
  ref: string;
  status: EvidenceStatus;
  pinned: boolean;
  line: number;
  column: number;
}

/** Every evidence entry of a file with its status, in file order. */
export function evidenceRows(answers: Answers, facts: EvidenceFacts): EvidenceRow[] {
  return evidenceEntries(answers).map(({ principle, question, entry }) => ({
    principle, question, ref: entry.ref, status: evidenceStatus(entry, facts), pinned: Boolean(entry.sha256), line: entry.position.line, column: entry.position.column,
  }));
}

