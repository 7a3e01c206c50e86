import type { ChalkInstance } from "chalk";
import type { Finding, FindingCode } from "../core/types.js";
import { shellWord } from "../io/shell.js";
import { terminalSafe } from "../io/terminal.js";

/** Up to this many findings are listed one per line; more are summarised per principle (all with --verbose). */
export const LISTED_FINDINGS = 8;
/** Line numbers shown in a summary line before "…". */
const SHOWN_LINES = 6;

/** What a summary line calls the questions of a code: "2 unanswered". */
const GROUP_NOUN: Partial<Record<FindingCode, string>> = {
  UNANSWERED: "unanswered",
  NA_WITHOUT_REASON: "n/a without notes",
  PARTIAL_WITHOUT_NOTE: "partial without notes",
  MISSING_EVIDENCE: "without evidence",
};

function findingLine(file: string, f: Finding, c: ChalkInstance): string {
  const tag = f.severity === "error" ? c.red("error  ") : c.yellow("warning");
  return `  ${terminalSafe(file)}:${f.line}:${f.column}  ${tag} ${c.dim(f.code)}  ${terminalSafe(f.message)}`;
}

/**
 * A file's findings for people: one line each when they are few (or `verbose`), otherwise one line
 * per principle and code, "bias-evaluation: 2 unanswered (lines 70, 78)", at its first finding.
 */
export function findingLines(file: string, findings: Finding[], c: ChalkInstance, verbose: boolean): string[] {
  if (verbose || findings.length <= LISTED_FINDINGS) return findings.map((f) => findingLine(file, f, c));
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = GROUP_NOUN[f.code] && f.principle ? `${f.principle}\0${f.code}` : `\0${groups.size}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
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
    lines.push(findingLine(file, { ...first, message: `${first.principle}: ${group.length} ${GROUP_NOUN[first.code]} (line${at.length === 1 ? "" : "s"} ${shown})` }, c));
  }
  lines.push(c.dim(`  (${findings.length} findings summarised per principle; add --verbose to list each one)`));
  return lines;
}

/** What to do next about a file's open findings, or nothing when none is open. */
export function nextStep(file: string, findings: Finding[], c: ChalkInstance): string[] {
  const open = findings.filter((f) => f.code === "UNANSWERED" || f.code === "NA_WITHOUT_REASON").length;
  const evidence = findings.filter((f) => f.code === "MISSING_EVIDENCE").length;
  const partial = findings.filter((f) => f.code === "PARTIAL_WITHOUT_NOTE").length;
  const dated = findings.some((f) => f.code === "STALE" || f.code === "MISSING_DATE");
  const changed = findings.some((f) => f.code === "EVIDENCE_CHANGED");
  const f = shellWord(terminalSafe(file));
  const steps: string[] = [];
  if (open) steps.push(`${open} unanswered: run '${c.cyan(`rml-assess interview ${f}`)}' to continue (or fill in the file)`);
  if (partial) steps.push(`${partial} partial without notes: say under 'notes:' what is in place and what is missing`);
  if (evidence) steps.push(`${evidence} yes or partial without evidence: list the paths or URLs that show each under 'evidence:'`);
  if (dated) steps.push(`review the answers, then set 'date:' to the day of the review`);
  if (changed) steps.push(`review the answers whose evidence changed, then run '${c.cyan(`rml-assess evidence ${f} --pin`)}'`);
  return steps.map((s) => `${c.bold("Next:")} ${s}`);
}
