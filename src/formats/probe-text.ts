import type { ChalkInstance } from "chalk";
import { terminalSafe } from "../io/terminal.js";
import type { ProbeView } from "./signatures.js";

/** What a file's tally says: "3 questions with evidence found (2 not yet listed), 1 yes contradicted". */
function tally(view: ProbeView): string {
  const found = view.rows.filter((r) => r.found.length).length;
  const unlisted = view.rows.filter((r) => r.found.some((f) => !f.listed)).length;
  const contradicted = view.rows.filter((r) => r.contradictions.some((c) => c.contradicted)).length;
  const parts = [`${found} question${found === 1 ? "" : "s"} with evidence found${view.file ? ` (${unlisted} not yet listed)` : ""}`];
  if (view.file) parts.push(`${contradicted} yes answer${contradicted === 1 ? "" : "s"} the repository contradicts`);
  return parts.join(", ");
}

/**
 * `probe` for people: per question (at its answer's line when there is a file) the evidence found,
 * marked when the file does not list it yet, and the contradictions; then what was refused, the
 * evidence --apply added, and a tally.
 */
export function probeText(view: ProbeView, c: ChalkInstance): string {
  const file = view.file === null ? null : terminalSafe(view.file);
  const lines = [`Probes of pack ${terminalSafe(view.pack.id)} ${terminalSafe(view.pack.version)} over ${terminalSafe(view.root)} (${view.files} file${view.files === 1 ? "" : "s"})${file ? ` for ${file}` : ""}:`];
  for (const r of view.rows) {
    const where = file && r.line !== null ? `${file}:${r.line}:${r.column}  ` : "";
    lines.push(`  ${where}${c.bold(`${r.principle}/${r.question}`)}${r.answer ? c.dim(` (${r.answer})`) : file ? c.dim(" (unanswered)") : ""}`);
    for (const f of r.found) lines.push(`    ${c.green("found")}        ${terminalSafe(f.evidence)}${file ? (f.listed ? c.dim(" (listed)") : c.cyan(" (not listed)")) : ""}`);
    for (const x of r.contradictions) {
      if (x.contradicted) lines.push(`    ${c.yellow("contradicts")}  the answer yes: no ${terminalSafe(x.what)} in the repository`);
      else if (x.state === "undecided") lines.push(`    ${c.dim("undecided")}    ${terminalSafe(x.what)}: only refused files match`);
      else lines.push(`    ${c.dim("absent")}       no ${terminalSafe(x.what)} (a yes would be contradicted)`);
    }
  }
  if (!view.rows.length) lines.push("  nothing found: no file of the repository matches the pack's probes");
  for (const x of view.refused) lines.push(`  ${c.dim("refused")}  ${terminalSafe(x.path)}: ${terminalSafe(x.reason)}`);
  for (const a of view.added ?? []) lines.push(`  ${c.green("added")}    ${a.refs.map(terminalSafe).join(", ")} to ${a.principle}/${a.question}`);
  if (!view.complete) lines.push(c.yellow("warning: a reading limit stopped some probes (see refused): a contradiction may be wrong; set RML_PROBE_MAX_BYTES higher to read more"));
  lines.push(`${tally(view)}.`);
  return `${lines.join("\n")}\n`;
}
