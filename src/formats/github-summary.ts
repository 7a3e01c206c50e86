import { diagnosticPlace } from "../errors.js";
import { escapeMarkdown as e } from "../text/escape.js";
import type { CheckContext, FileSummary } from "./document.js";
import { invalidFiles } from "./invalid.js";
import { policyEntries } from "./policy.js";

/** More rows than this would approach GitHub's 1 MiB cap on a step summary; the rest are counted. */
export const MAX_SUMMARY_ROWS = 500;

/**
 * The markdown GitHub shows on a workflow run's summary page: one row per file, then every
 * finding with where to fix it. User text is escaped so it cannot break the tables.
 */
export function githubSummary(results: FileSummary[], context: CheckContext): string {
  const bad = invalidFiles(context.invalid);
  const passed = results.filter((r) => r.passed).length;
  const total = results.length + bad.length;
  const failed = total - passed;
  const verdict = total === 1
    ? (failed ? "❌ The assessment fails" : "✅ The assessment passes")
    : (failed ? `❌ ${failed} of ${total} assessments fail${failed === 1 ? "s" : ""}` : `✅ All ${total} assessments pass`);
  const policy = policyEntries(context.policy).map(([k, v]) => (v === "true" ? k : `${k} ${v}`));
  const out = [
    "## rml-assess check", "",
    `${verdict} (policy: ${policy.length ? e(policy.join(", ")) : "every question answered"}).`, "",
    "| File | Project | Score | Band | Errors | Warnings | Result |",
    "| --- | --- | ---: | --- | ---: | ---: | --- |",
  ];
  for (const r of results) {
    out.push(`| ${e(r.file)} | ${e(r.project)} | ${r.score ?? "–"} | ${e(r.band ?? "all n/a")} | ${r.errors} | ${r.warnings} | ${r.passed ? "✅ passed" : "❌ failed"} |`);
  }
  for (const file of bad) {
    out.push(`| ${e(file)} | – | – | – | ${context.invalid.filter((d) => d.file === file).length} | 0 | ⚠️ invalid input |`);
  }
  const rows = [
    ...results.flatMap((r) => r.findings.map((f) => `| ${e(r.file)}:${f.line}:${f.column} | ${f.severity} | ${f.code} | ${e(f.message)} |`)),
    ...context.invalid.map((d) => `| ${e(diagnosticPlace(d))} | error | INVALID_INPUT | ${e(d.hint ? `${d.message} (${d.hint})` : d.message)} |`),
  ].slice(0, MAX_SUMMARY_ROWS);
  // Large runs keep only the first rows' findings (FileSummary.findings), so count from the tallies.
  const found = results.reduce((n, r) => n + r.errors + r.warnings, 0) + context.invalid.length;
  if (rows.length) {
    out.push("", "| Where | Severity | Code | Finding |", "| --- | --- | --- | --- |", ...rows);
    if (found > rows.length) out.push("", `…and ${found - rows.length} more; run \`rml-assess check\` to see them all.`);
  }
  return `${out.join("\n")}\n\n`;
}

/** GitHub drops a step's summary whole when its file passes 1 MiB; a summary is kept under it. */
export const SUMMARY_LIMIT = 1024 * 1024 - 1024;

/**
 * A summary cut (at a line's end) to what `room` bytes hold, ending with a line saying how many
 * lines were left out and where to find them; the whole summary when it fits. Empty when not even
 * that line fits.
 */
export function capSummary(summary: string, room: number): string {
  if (Buffer.byteLength(summary) <= room) return summary;
  const lines = summary.split("\n");
  const note = (n: number) => `\n_${n} more lines of this summary are left out: GitHub shows no summary over 1 MiB. The check's own output lists every finding._\n`;
  let used = Buffer.byteLength(note(lines.length));
  let kept = 0;
  while (kept < lines.length && used + Buffer.byteLength(lines[kept]!) + 1 <= room) used += Buffer.byteLength(lines[kept++]!) + 1;
  if (used > room) return "";
  return `${lines.slice(0, kept).join("\n")}\n${note(lines.length - kept)}`;
}
