import type { CheckResult, Finding } from "../core/verdict.js";
import { terminalSafe, visible } from "../io/terminal.js";
import { renderDocument, type CheckContext, type CheckFormat } from "./document.js";

/** Escapes workflow-command data (the message), as GitHub's toolkit does: %, CR and LF. */
export function commandData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a workflow-command property value: as data, plus the ':' and ',' that delimit properties. */
export function commandProperty(text: string): string {
  return commandData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Lines of user or pack text, each made safe (no escape sequences), joined with newlines. */
function lines(...parts: string[]): string {
  return parts.filter((p) => p !== "").map(terminalSafe).join("\n");
}

/** A path as GitHub expects it in `file=`: relative to the workspace, with forward slashes. */
export function posixPath(file: string): string {
  return file.replace(/\\/g, "/");
}

/**
 * A file's name for the log: control and invisible characters written as \u escapes (an escape
 * sequence in a name must not reach the terminal, nor a line break start a workflow command).
 */
const shownName = (file: string) => visible(file, Infinity);

function annotation(kind: "error" | "warning" | "notice", file: string, line: number, column: number, title: string, message: string): string {
  return `::${kind} file=${commandProperty(shownName(posixPath(file)))},line=${line},col=${column},title=${commandProperty(title)}::${commandData(message)}`;
}

function questionText(r: CheckResult, f: Finding): string {
  const principle = r.assessment.pack.principles.find((p) => p.id === f.principle);
  return principle?.questions.find((q) => q.id === f.question)?.text ?? "";
}

const joined = (lines: string[]) => (lines.length ? `${lines.join("\n")}\n` : "");

/**
 * GitHub Actions workflow commands: per file, one `::error` or `::warning` annotation per finding
 * (or per problem of an invalid file), located at its line and column, then one plain line. Every
 * plain line starts with "rml-assess:", so no user text can start a workflow command.
 */
export const githubFormat: CheckFormat = {
  file(r) {
    const a = r.assessment;
    const out = r.findings.map((f) => annotation(f.severity === "note" ? "notice" : f.severity, a.answers.file, f.line, f.column, `rml-assess ${f.code}`, lines(f.message, questionText(r, f))));
    const errors = r.findings.filter((f) => f.severity === "error").length;
    const reached = a.levels ? `reaches readiness level ${a.levels.level}` : `scores ${a.score ?? "–"}/100 (${terminalSafe(a.band ?? "all n/a")})`;
    out.push(`rml-assess: ${shownName(a.answers.file)} ${reached}: ${r.passed ? "passed" : "failed"}, ${errors} error(s), ${r.findings.filter((f) => f.severity === "warning").length} warning(s)`);
    return joined(out);
  },
  invalid(file, problems) {
    const out = problems.map((d) => annotation("error", d.file, d.line, d.column, "rml-assess invalid input", lines(d.message, d.hint ?? "")));
    out.push(`rml-assess: ${shownName(file)} is not a valid answers file`);
    return joined(out);
  },
  head: () => "",
  separator: "",
  tail: () => "",
};

/** The whole workflow-command output for some results. */
export function github(results: CheckResult[], context: CheckContext): string {
  return renderDocument(githubFormat, results, context);
}
