import { relative, resolve, sep } from "node:path";
import type { Pack } from "../core/types.js";
import type { CheckResult, Finding, FindingCode, Severity } from "../core/verdict.js";
import type { Diagnostic } from "../errors.js";
import { renderDocument, type CheckContext, type CheckFormat } from "./document.js";

/** GitLab's Code Quality severities, lowest first. */
export type CodeQualitySeverity = "info" | "minor" | "major" | "critical" | "blocker";

/** One entry of a Code Quality report: the subset of the Code Climate issue that GitLab reads. */
interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

/** Questions weighing more than the default weight rank one step higher. */
const DEFAULT_WEIGHT = 1;

/**
 * A finding's Code Quality severity (docs/formats.md documents the table), `weight` being its
 * question's, or null for a finding about a whole file or principle: invalid input is a
 * blocker; a failed policy minimum or age is critical; an error on a question is major, critical
 * when the question weighs more than 1; a warning (an unanswered question allowed by the policy)
 * is info, minor when the question weighs more than 1.
 */
export function codeQualitySeverity(code: FindingCode | "INVALID_INPUT", severity: Severity, weight: number | null): CodeQualitySeverity {
  if (code === "INVALID_INPUT") return "blocker";
  const heavy = weight !== null && weight > DEFAULT_WEIGHT;
  if (severity === "note") return "info";
  if (severity === "warning") return heavy ? "minor" : "info";
  if (weight === null) return "critical";
  return heavy ? "critical" : "major";
}

/**
 * A file's path relative to the repository root, with forward slashes, as GitLab matches it to the
 * merge request's diff. Without a repository in the context, the path as given.
 */
export function repositoryPath(file: string, context: CheckContext): string {
  const where = context.repository;
  const path = where ? relative(where.root, resolve(where.cwd, file)) : file;
  return path.split(sep).join("/");
}

/**
 * A line-free fingerprint: sha256 of the parts, so a finding keeps it when its line moves. The
 * crypto module is fetched on first use: every check loads this format's module, and loading
 * crypto up front cost every run about 17 ms of start-up.
 */
function fingerprint(parts: string[]): string {
  return process.getBuiltinModule("node:crypto").createHash("sha256").update(parts.join("\0")).digest("hex");
}

/** Gives each fingerprint key of one file a count, so that identical keys still make unique fingerprints. */
function uniqueKeys() {
  const seen = new Map<string, number>();
  return (parts: string[]) => {
    const key = parts.join("\0");
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? parts : [...parts, String(n)];
  };
}

function question(pack: Pack, f: Finding) {
  return pack.principles.find((p) => p.id === f.principle)?.questions.find((q) => q.id === f.question);
}

/** The issues as they sit in the report's array, indented by two spaces. */
function indented(issues: CodeQualityIssue[]): string {
  return issues.map((i) => `\n  ${JSON.stringify(i, null, 2).replace(/\n/g, "\n  ")}`).join(",");
}

/**
 * GitLab's Code Quality report (`artifacts: reports: codequality:`): a JSON array with one issue
 * per finding and per problem of an invalid file, located by the file's path from the repository
 * root and its line, so the merge request shows each on its diff. Empty: `[]`.
 */
export const gitlabFormat: CheckFormat = {
  file(r, context) {
    const path = repositoryPath(r.assessment.answers.file, context);
    const unique = uniqueKeys();
    return indented(r.findings.map((f) => {
      const q = question(r.assessment.pack, f);
      const target = f.question ? `${f.principle}/${f.question}` : f.principle;
      return {
        description: q ? `${f.message} — ${q.text}` : f.message,
        check_name: target ? `${f.code}:${target}` : f.code,
        fingerprint: fingerprint(unique([path, f.code, target ?? ""])),
        severity: codeQualitySeverity(f.code, f.severity, q ? q.weight : null),
        location: { path, lines: { begin: f.line } },
      };
    }));
  },
  invalid(_file, problems: Diagnostic[], context) {
    const unique = uniqueKeys();
    return indented(problems.map((d) => {
      const path = repositoryPath(d.file, context);
      return {
        description: d.hint ? `${d.message} (${d.hint})` : d.message,
        check_name: "INVALID_INPUT",
        fingerprint: fingerprint(unique([path, "INVALID_INPUT", d.message])),
        severity: codeQualitySeverity("INVALID_INPUT", "error", null),
        location: { path, lines: { begin: d.line } },
      };
    }));
  },
  head: () => "[",
  separator: ",",
  tail: (_run, written) => (written ? "\n]\n" : "]\n"),
};

/** The whole Code Quality report for some results. */
export function gitlab(results: CheckResult[], context: CheckContext): string {
  return renderDocument(gitlabFormat, results, context);
}
