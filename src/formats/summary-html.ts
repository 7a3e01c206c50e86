import Runtime from "handlebars/runtime";
import type { PackSummary, SummaryRow, SummaryTotals } from "../core/summary.js";
import { bandFor } from "../core/score.js";
import type { Pack } from "../core/types.js";
import { htmlText } from "../text/escape.js";
import { SUMMARY_STYLE } from "./summary-style.js";
import { SORT_SCRIPT, sortScriptHash } from "./summary-sort.js";
import { bandStep } from "../text/band-scale.js";
import { laidOutAtEnd, type RowsByPack, type SummaryContext, type SummaryFormat } from "./summary.js";

/** User text as HTML: code points HTML forbids removed (as the report does), markup escaped as Handlebars escapes it. */
const h = (text: string | number | null) => (text === null ? "" : Runtime.Utils.escapeExpression(htmlText(String(text))));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A cell sorted by a number: the number (or "no score") with its band's word, coloured by band. */
function scoreCell(pack: Pack, score: number | null, band: string | null): string {
  if (score === null) return `<td class="num none" data-v="">no score</td>`;
  return `<td class="num heat s${bandStep(pack, band)}" data-v="${score}">${score}<span class="word"> ${h(band)}</span></td>`;
}
const numCell = (value: number | null) => `<td class="num" data-v="${value ?? ""}">${value ?? "–"}</td>`;

function legend(pack: Pack): string {
  const items = pack.bands.map((b, i) => `<li><span class="swatch heat s${bandStep(pack, b.label)}" aria-hidden="true"></span>${h(b.label)}: ${b.min}${i + 1 < pack.bands.length ? `–${pack.bands[i + 1]!.min - 1}` : "–100"}</li>`);
  return `<ul class="legend" aria-label="Bands of ${h(pack.title)}">${items.join("")}</ul>`;
}

function principlesTable(s: PackSummary, pack: Pack): string {
  const bands = pack.bands.map((b) => `<th scope="col">${h(b.label)}</th>`).join("");
  const rows = s.principles.map((p) => `<tr><th scope="row">${h(p.title)} <code>${h(p.id)}</code></th>${numCell(p.scored)}${scoreCell(pack, p.mean, bandFor(pack.bands, p.mean))}${numCell(p.min)}${numCell(p.max)}${pack.bands.map((b) => numCell(p.bands[b.label] ?? 0)).join("")}</tr>`);
  return `<div class="scroll" tabindex="0" role="region" aria-label="Principles of ${h(s.title)}"><table class="sortable"><caption>Principles across the assessments</caption>
<thead><tr><th scope="col">Principle</th><th scope="col">Assessed</th><th scope="col">Mean</th><th scope="col">Min</th><th scope="col">Max</th>${bands}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>`;
}

function assessmentsTable(rows: SummaryRow[], s: PackSummary, pack: Pack): string {
  const heads = ["Project", "Owner", "File", "Date", "Age (days)", "Status", "Version", "Score", ...pack.principles.map((p) => `${h(p.title)} <code>${h(p.id)}</code>`), "Unanswered"];
  const body = rows.map((r) => `<tr><th scope="row">${h(r.project)}</th><td>${h(r.owner)}</td><td><code>${h(r.file)}</code></td><td>${h(r.date ?? "none")}</td>${numCell(r.ageDays)}<td>${h(r.status)}</td><td>${h(r.pack.version)}</td>${scoreCell(pack, r.score, r.band)}${r.principles.map((p) => scoreCell(pack, p, bandFor(pack.bands, p))).join("")}${numCell(r.unanswered)}</tr>`);
  return `<div class="scroll" tabindex="0" role="region" aria-label="Assessments of ${h(s.title)}"><table class="sortable heatmap"><caption>Assessments × principles (score and band in every cell)</caption>
<thead><tr>${heads.map((x) => `<th scope="col">${x}</th>`).join("")}</tr></thead>
<tbody>
${body.join("\n")}
</tbody></table></div>`;
}

function packSection(s: PackSummary, pack: Pack, rows: SummaryRow[], n: number): string {
  const overall = s.mean === null ? "No assessment has a score." : `Overall scores: mean ${s.mean}, lowest ${s.min}, highest ${s.max}; ${pack.bands.map((b) => `${h(b.label)} ${s.bands[b.label] ?? 0}`).join(" · ")}.`;
  const weakest = s.weakest.length ? `<h3 id="weakest-${n}">Weakest principles</h3><ol>${s.weakest.map((p) => `<li>${h(p.title)} (<code>${h(p.id)}</code>): mean ${p.mean}</li>`).join("")}</ol>` : "";
  return `<section aria-labelledby="pack-${n}"><h2 id="pack-${n}">${h(s.title)} <small><code>${h(s.id)}</code> ${h(s.version)}</small>: ${plural(s.assessments, "assessment")}</h2>
<p>${overall}</p>${legend(pack)}
${principlesTable(s, pack)}
${weakest}
<h3>Assessments</h3>
${rows.length ? assessmentsTable(rows, s, pack) : "<p>None.</p>"}
</section>`;
}

function attention(t: SummaryTotals): string {
  const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>` : "<p>None.</p>");
  return `<section aria-labelledby="attention"><h2 id="attention">Needing attention</h2>
<h3>Stale (older than ${t.maxAgeDays} days)</h3>${list(t.stale.map((s) => `<code>${h(s.file)}</code>: dated ${h(s.date)}, ${s.ageDays} days ago`))}
<h3>Without a date</h3>${list(t.undated.map((f) => `<code>${h(f)}</code>`))}
<h3>On an older pack version</h3>${list(t.olderPack.map((o) => `<code>${h(o.file)}</code>: ${plural(o.retired, "answer")} to retired questions (<code>rml-assess init --upgrade</code>)`))}
<h3>Invalid files</h3>${list(t.invalid.map((f) => h(f.message)))}
</section>`;
}

function document(context: SummaryContext, rows: RowsByPack, t: SummaryTotals): string {
  const used = t.packs.filter((p) => p.assessments > 0);
  const sections = (used.length ? used : t.packs.slice(0, 1)).map((s, n) => packSection(s, context.packs.find((p) => p.id === s.id)!, rows.of(s.id), n + 1));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src ${sortScriptHash()}; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${h(context.tool.name)} ${h(context.tool.version)}">
<title>Responsible ML assessments: summary</title>
<style>
${SUMMARY_STYLE}
</style>
</head>
<body>
<header><p class="eyebrow">Responsible ML assessments</p><h1>Summary of ${plural(t.assessments, "assessment")}</h1>
<p class="note">${plural(t.invalid.length, "invalid file")}; ages counted to ${h(t.today)}. Generated ${h(context.generated)} by ${h(context.tool.name)} ${h(context.tool.version)}. With scripts allowed, a column's heading sorts the table by it.</p></header>
<main>
${sections.join("\n")}
${attention(t)}
</main>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * The summary as one self-contained HTML page: the report's Content-Security-Policy, plus the hash
 * of the one sorting script; a heat map of assessments × principles with the score and the band's
 * word in every cell, so colour is never the only carrier; readable and printable without scripts.
 */
export const summaryHtml: SummaryFormat = laidOutAtEnd(document);
