import { escapeMarkdown as e, markdownCode } from "../text/escape.js";
import type { ProbeView } from "./signatures.js";

/** A contradiction as a table cell's text. */
const contradiction = (x: ProbeView["rows"][number]["contradictions"][number]) =>
  x.contradicted ? `**contradicts yes**: no ${e(x.what)}` : x.state === "undecided" ? `undecided: ${e(x.what)} (only refused files match)` : `no ${e(x.what)}`;

/** `probe --format md`: one table row per question with evidence found or a contradiction, then what was refused. */
export function probeMarkdown(view: ProbeView): string {
  const out = [
    `# Repository probes: ${e(view.pack.id)} ${e(view.pack.version)}`,
    "",
    `${view.files} files of ${markdownCode(view.root)}${view.file ? `, against ${markdownCode(view.file)}` : ""}.${view.complete ? "" : " **A reading limit stopped some probes: a contradiction may be wrong.**"}`,
    "",
  ];
  if (view.rows.length) {
    out.push("| Question | Answer | Evidence found | Contradictions |", "| --- | --- | --- | --- |");
    for (const r of view.rows) {
      const found = r.found.map((f) => `${markdownCode(f.evidence)}${view.file && !f.listed ? " (not listed)" : ""}`).join("<br>");
      out.push(`| ${markdownCode(`${r.principle}/${r.question}`)} | ${r.answer ? e(r.answer) : "–"} | ${found || "–"} | ${r.contradictions.map(contradiction).join("<br>") || "–"} |`);
    }
  } else out.push("No file of the repository matches the pack's probes.");
  if (view.refused.length) out.push("", "Refused (never read):", "", ...view.refused.map((x) => `- ${markdownCode(x.path)}: ${e(x.reason)}`));
  if (view.added?.length) out.push("", "Added to the answers file:", "", ...view.added.map((a) => `- ${markdownCode(`${a.principle}/${a.question}`)}: ${a.refs.map(markdownCode).join(", ")}`));
  return `${out.join("\n")}\n`;
}
