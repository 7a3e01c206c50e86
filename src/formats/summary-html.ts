import Runtime from "handlebars/runtime";
import type { PackSummary, SummaryRow, SummaryTotals } from "../core/summary.js";
import { bandFor } from "../core/score.js";
import type { Pack } from "../core/types.js";
import { htmlText } from "../text/escape.js";
import { SUMMARY_STYLE } from "./summary-style.js";
import { SORT_SCRIPT, sortScriptHash } from "./summary-sort.js";
import { bandStep } from "../text/band-scale.js";
import { changeText, laidOutAtEnd, movementText, policySentence, signedWord, verdictWord, type RowsByPack, type SummaryContext, type SummaryFormat } from "./summary.js";

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

/** A change cell, sorted by its number ("new" and none last). */
function changeCell(row: SummaryRow): string {
  const m = row.previous;
  const value = m ? (row.level !== null ? m.levelChange : m.scoreChange) : null;
  return `<td class="num" data-v="${value ?? ""}">${h(movementText(row))}</td>`;
}

function assessmentsTable(rows: SummaryRow[], s: PackSummary, pack: Pack, compared: boolean): string {
  const levels = pack.scoring === "levels";
  const heads = ["Project", "Owner", "File", "Date", "Age (days)", "Status", "Risk", "Verdict", "Signed off", "Version",
    ...(levels ? ["Level"] : ["Score", ...pack.principles.map((p) => `${h(p.title)} <code>${h(p.id)}</code>`)]), ...(compared ? ["Change"] : []), "Unanswered"];
  const body = rows.map((r) => `<tr><th scope="row">${h(r.project)}</th><td>${h(r.owner)}</td><td><code>${h(r.file)}</code></td><td>${h(r.date ?? "none")}</td>${numCell(r.ageDays)}<td>${h(r.status)}</td><td>${h(r.risk)}</td><td class="verdict ${r.verdict ?? "unknown"}">${h(verdictWord(r))}</td><td>${h(signedWord(r))}</td><td>${h(r.pack.version)}</td>${levels ? numCell(r.level) : `${scoreCell(pack, r.score, r.band)}${r.principles.map((p) => scoreCell(pack, p, bandFor(pack.bands, p))).join("")}`}${compared ? changeCell(r) : ""}${numCell(r.unanswered)}</tr>`);
  const caption = levels ? "Assessments and the level each reached" : "Assessments × principles (score and band in every cell)";
  return `<div class="scroll" tabindex="0" role="region" aria-label="Assessments of ${h(s.title)}"><table class="sortable heatmap"><caption>${caption}</caption>
<thead><tr>${heads.map((x) => `<th scope="col">${x}</th>`).join("")}</tr></thead>
<tbody>
${body.join("\n")}
</tbody></table></div>`;
}

/** A level pack's assessments per level, the lowest of them, and each system at its lowest component: its sections are gates, not principles with means. */
function readiness(s: PackSummary, n: number): string {
  const levels = s.levels!;
  const counts = Object.entries(levels.counts).map(([level, count]) => `<tr><th scope="row">${level}</th>${numCell(count)}</tr>`).join("\n");
  const lowest = levels.lowest.length ? `<ol>${levels.lowest.map((e) => `<li>${h(e.project)} (<code>${h(e.file)}</code>): level ${e.level}</li>`).join("")}</ol>` : "<p>None.</p>";
  const systems = levels.systems.length ? `<h3 id="systems-${n}">Systems (each at its lowest component's level)</h3><ul>${levels.systems.map((x) => `<li>${h(x.system)}: level ${x.level}, held by ${h(x.component)} (<code>${h(x.file)}</code>; ${plural(x.components, "component")})</li>`).join("")}</ul>` : "";
  return `<h3 id="readiness-${n}">Readiness levels</h3>
<div class="scroll" tabindex="0" role="region" aria-label="Assessments per level of ${h(s.title)}"><table><caption>Assessments per level reached</caption>
<thead><tr><th scope="col">Level</th><th scope="col">Assessments</th></tr></thead>
<tbody>
${counts}
</tbody></table></div>
<h3 id="lowest-${n}">Lowest</h3>${lowest}${systems}`;
}

function packSection(s: PackSummary, pack: Pack, rows: SummaryRow[], n: number, compared: boolean): string {
  const title = `<h2 id="pack-${n}">${h(s.title)} <small><code>${h(s.id)}</code> ${h(s.version)}</small>: ${plural(s.assessments, "assessment")}</h2>`;
  const table = `<h3>Assessments</h3>
${rows.length ? assessmentsTable(rows, s, pack, compared) : "<p>None.</p>"}`;
  if (s.levels) return `<section aria-labelledby="pack-${n}">${title}
${readiness(s, n)}
${table}
</section>`;
  const overall = s.mean === null ? "No assessment has a score." : `Overall scores: mean ${s.mean}, lowest ${s.min}, highest ${s.max}; ${pack.bands.map((b) => `${h(b.label)} ${s.bands[b.label] ?? 0}`).join(" · ")}.`;
  const weakest = s.weakest.length ? `<h3 id="weakest-${n}">Weakest principles</h3><ol>${s.weakest.map((p) => `<li>${h(p.title)} (<code>${h(p.id)}</code>): mean ${p.mean}</li>`).join("")}</ol>` : "";
  return `<section aria-labelledby="pack-${n}">${title}
<p>${overall}</p>${legend(pack)}
${principlesTable(s, pack)}
${weakest}
${table}
</section>`;
}

/** The policy verdicts follow, and the high-risk assessments that do not pass: the first thing a head of ML asks. */
function verdicts(context: SummaryContext, t: SummaryTotals): string {
  const p = policySentence(context, t);
  const config = p.config === null ? "the default policy (no config file)" : `the config <code>${h(p.config)}</code>`;
  const under = !p.answers ? "as <code>check</code> gave them in its result files" : p.results ? `under ${config} (answers files) and as <code>check</code> gave them (result files)` : `under ${config}`;
  const policy = p.problem && p.answers ? `<p class="problem"><strong>The config cannot be read, so no answers file is judged:</strong> ${h(p.problem)}</p>` : `<p>Policy verdicts ${under}: ${h(p.counts)}.</p>`;
  const list = t.highRiskFailing.length ? `<ul>${t.highRiskFailing.map((f) => `<li>${h(f.project)} (<code>${h(f.file)}</code>): ${h(f.verdict ?? "not judged")}</li>`).join("")}</ul>` : "<p>None.</p>";
  return `<section aria-labelledby="high-risk"><h2 id="high-risk">High-risk and failing</h2>
${policy}
${list}
</section>`;
}

/** Each principle's mean then and now, and the files no longer summarised. */
function movement(t: SummaryTotals): string {
  const prev = t.previous!;
  const rows = t.packs.flatMap((s) => s.principles.map((p) => `<tr><th scope="row">${h(p.title)} <code>${h(p.id)}</code></th>${numCell(p.previousMean ?? null)}${numCell(p.mean)}<td class="num" data-v="${p.change ?? ""}">${h(changeText(p.change))}</td></tr>`));
  const table = rows.length ? `<div class="scroll" tabindex="0" role="region" aria-label="Principles then and now"><table class="sortable"><caption>Each principle's mean then and now</caption>
<thead><tr><th scope="col">Principle</th><th scope="col">Then</th><th scope="col">Now</th><th scope="col">Change</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>` : "<p>No principle has a mean.</p>";
  const gone = prev.gone.length ? `<ul>${prev.gone.map((f) => `<li><code>${h(f)}</code></li>`).join("")}</ul>` : "<p>None.</p>";
  return `<section aria-labelledby="movement"><h2 id="movement">Movement since <code>${h(prev.file)}</code>${prev.generated ? ` <small>(generated ${h(prev.generated)})</small>` : ""}</h2>
<p>Each assessment's change is in its table's Change column ("new" when the earlier summary did not have it).</p>
${table}
<h3>No longer in the summary</h3>${gone}
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
  const sections = (used.length ? used : t.packs.slice(0, 1)).map((s, n) => packSection(s, context.packs.find((p) => p.id === s.id)!, rows.of(s.id), n + 1, Boolean(t.previous)));
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
${verdicts(context, t)}
${sections.join("\n")}
${t.previous ? movement(t) : ""}
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
