import type { ChalkInstance } from "chalk";
import type { Finding, FindingCode } from "../core/verdict.js";
import { shellWord } from "../io/shell.js";
import { terminalSafe } from "../io/terminal.js";

/** Up to this many findings are listed one per line; more are summarised per principle (all with --verbose). */
export const LISTED_FINDINGS = 8;
/** Line numbers shown in a summary line before "…". */
const SHOWN_LINES = 6;

/** What a summary line calls the findings of a code: "2 unanswered"; other codes are counted by code. */
const GROUP_NOUN: Partial<Record<FindingCode, string>> = {
  UNANSWERED: "unanswered",
  NA_WITHOUT_REASON: "n/a without notes",
  NA_NOT_ALLOWED: "n/a where the pack does not allow it",
  PARTIAL_WITHOUT_NOTE: "partial without notes",
  MISSING_EVIDENCE: "without evidence",
  EVIDENCE_NOT_FOUND: "evidence paths not found",
  EVIDENCE_INVALID: "evidence entries not valid",
  EVIDENCE_CHANGED: "pinned evidence changed",
  DOES_NOT_APPLY: "answers to questions that do not apply",
  ANSWER_REGRESSION: "answers worse than the baseline",
  LEVEL_NOT_MET: "open below the claimed level",
  ACTION_OVERDUE: "actions overdue",
  RETIRED_QUESTION: "answers to retired questions",
  PROBE_CONTRADICTS: "yes answers the repository contradicts",
};

function findingLine(file: string, f: Finding, c: ChalkInstance): string {
  const tag = f.severity === "error" ? c.red("error  ") : f.severity === "note" ? c.cyan("note   ") : c.yellow("warning");
  return `  ${terminalSafe(file)}:${f.line}:${f.column}  ${tag} ${c.dim(f.code)}  ${terminalSafe(f.message)}`;
}

/**
 * A file's findings for people: one line each when they are few (or `verbose`), otherwise one line
 * per principle and code, "bias-evaluation: 2 unanswered (lines 70, 78)", at its first finding
 * (a code repeated outside any principle is counted for the file).
 */
export function findingLines(file: string, findings: Finding[], c: ChalkInstance, verbose: boolean): string[] {
  if (verbose || findings.length <= LISTED_FINDINGS) return findings.map((f) => findingLine(file, f, c));
  // Findings of one code are grouped per principle (or for the whole file), at the first of them.
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.principle ?? ""}\0${f.code}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    if (group.length === 1) {
      lines.push(findingLine(file, first, c));
      continue;
    }
    const at = [...new Set(group.map((f) => f.line))];
    const shown = at.length > SHOWN_LINES ? `${at.slice(0, SHOWN_LINES).join(", ")}, …` : at.join(", ");
    const what = `${group.length} ${GROUP_NOUN[first.code] ?? `× ${first.code}`} (line${at.length === 1 ? "" : "s"} ${shown})`;
    lines.push(findingLine(file, { ...first, message: first.principle ? `${first.principle}: ${what}` : what }, c));
  }
  lines.push(c.dim(`  (${findings.length} findings summarised per principle; add --verbose to list each one)`));
  return lines;
}

/** What to do next about a file's open findings, or nothing when none is open; `tool` is the command as the user types it. */
export function nextStep(file: string, findings: Finding[], c: ChalkInstance, tool = "rml-assess"): string[] {
  const open = findings.filter((f) => f.code === "UNANSWERED" || f.code === "NA_WITHOUT_REASON").length;
  const evidence = findings.filter((f) => f.code === "MISSING_EVIDENCE").length;
  const partial = findings.filter((f) => f.code === "PARTIAL_WITHOUT_NOTE").length;
  const dated = findings.some((f) => f.code === "STALE" || f.code === "MISSING_DATE");
  const changed = findings.some((f) => f.code === "EVIDENCE_CHANGED");
  const f = shellWord(terminalSafe(file));
  const steps: string[] = [];
  if (open) steps.push(`${open} unanswered: run '${c.cyan(`${tool} interview ${f}`)}' to continue (or fill in the file)`);
  if (partial) steps.push(`${partial} partial without notes: say under 'notes:' what is in place and what is missing`);
  if (evidence) steps.push(`${evidence} yes or partial without evidence: list the paths or URLs that show each under 'evidence:'`);
  if (dated) steps.push(`review the answers, then set 'date:' to the day of the review`);
  if (changed) steps.push(`review the answers whose evidence changed, then run '${c.cyan(`${tool} evidence ${f} --pin`)}'`);
  return steps.map((s) => `${c.bold("Next:")} ${s}`);
}
