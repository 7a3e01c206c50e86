import type { PackSummary, SummaryRow, SummaryTotals } from "../core/summary.js";
import type { Pack } from "../core/types.js";
import { escapeMarkdown } from "../text/escape.js";
import { changeText, laidOutAtEnd, movementText, policySentence, signedWord, verdictWord, type RowsByPack, type SummaryContext, type SummaryFormat } from "./summary.js";

const esc = escapeMarkdown;
const cell = (value: string | number | null) => (value === null ? "–" : typeof value === "number" ? String(value) : esc(value));
const tableRow = (cells: (string | number | null)[]) => `| ${cells.map(cell).join(" | ")} |`;
const header = (names: string[]) => `${tableRow(names)}\n|${names.map(() => " --- |").join("")}`;

function principlesTable(s: PackSummary, pack: Pack): string {
  const bands = pack.bands.map((b) => b.label);
  const rows = s.principles.map((p) => tableRow([p.title, p.scored, p.mean, p.min, p.max, ...bands.map((b) => p.bands[b] ?? 0)]));
  return [header(["Principle", "Assessed", "Mean", "Min", "Max", ...bands]), ...rows].join("\n");
}

function assessmentsTable(rows: SummaryRow[], pack: Pack, compared: boolean): string {
  const levels = pack.scoring === "levels";
  const move = compared ? ["Change"] : [];
  const names = ["Project", "Owner", "File", "Date", "Age (days)", "Status", "Risk", "Verdict", "Signed off", "Version", ...(levels ? ["Level"] : ["Score", "Band", ...pack.principles.map((p) => p.id)]), ...move, "Unanswered"];
  const lines = rows.map((r) => tableRow([
    r.project, r.owner, r.file, r.date, r.ageDays, r.status, r.risk, verdictWord(r), signedWord(r), r.pack.version,
    ...(levels ? [r.level] : [r.score, r.band, ...r.principles]), ...(compared ? [movementText(r)] : []), r.unanswered,
  ]));
  return [header(names), ...lines].join("\n");
}

/** A level pack's assessments by level: its sections are gates, so no means and no weakest; the lowest assessments and systems instead. */
function readinessSection(s: PackSummary): string {
  const levels = s.levels!;
  const counts = [header(["Level", "Assessments"]), ...Object.entries(levels.counts).map(([level, n]) => tableRow([Number(level), n]))].join("\n");
  const lowest = levels.lowest.map((e) => `- ${esc(e.project)} (${esc(e.file)}): level ${e.level}`).join("\n") || "None.";
  const systems = levels.systems.map((x) => `- ${esc(x.system)}: level ${x.level}, held by ${esc(x.component)} (${esc(x.file)}; ${x.components} component${x.components === 1 ? "" : "s"})`).join("\n");
  return ["### Readiness levels", counts, "### Lowest", lowest, ...(systems ? ["### Systems (each at its lowest component's level)", systems] : [])].join("\n\n");
}

function packSection(s: PackSummary, pack: Pack, rows: SummaryRow[], compared: boolean): string {
  if (s.levels) {
    return [
      `## ${esc(s.title)} (\`${esc(s.id)}\` ${esc(s.version)}): ${s.assessments} assessment${s.assessments === 1 ? "" : "s"}`,
      readinessSection(s),
      "### Assessments", rows.length ? assessmentsTable(rows, pack, compared) : "None.",
    ].join("\n\n");
  }
  const bands = pack.bands.map((b) => `${esc(b.label)} ${s.bands[b.label] ?? 0}`).join(" · ");
  const overall = s.mean === null ? "no assessment has a score" : `mean ${s.mean}, lowest ${s.min}, highest ${s.max}; ${bands}`;
  const weakest = s.weakest.map((p, i) => `${i + 1}. ${esc(p.title)} (\`${p.id}\`): mean ${p.mean}`).join("\n");
  return [
    `## ${esc(s.title)} (\`${esc(s.id)}\` ${esc(s.version)}): ${s.assessments} assessment${s.assessments === 1 ? "" : "s"}`,
    `Overall scores: ${overall}.`,
    "### Principles", principlesTable(s, pack),
    ...(weakest ? ["### Weakest principles", weakest] : []),
    "### Assessments", rows.length ? assessmentsTable(rows, pack, compared) : "None.",
  ].join("\n\n");
}

/** The high-risk assessments that do not pass their policy, and the policy verdicts follow: first, as a head of ML asks it first. */
function verdictSection(context: SummaryContext, t: SummaryTotals): string {
  const p = policySentence(context, t);
  const config = p.config === null ? "the default policy (no config file)" : `the config \`${esc(p.config)}\``;
  const under = !p.answers ? "as `check` gave them in its result files" : p.results ? `under ${config} (answers files) and as \`check\` gave them (result files)` : `under ${config}`;
  const policy = p.problem && p.answers ? `**The config cannot be read, so no answers file is judged:** ${esc(p.problem)}` : `Policy verdicts ${under}: ${p.counts}.`;
  const list = t.highRiskFailing.map((f) => `- ${esc(f.project)} (${esc(f.file)}): ${f.verdict ?? "not judged"}`).join("\n") || "None.";
  return [policy, "## High-risk and failing", list].join("\n\n");
}

/** Each principle's mean then and now, and the files the earlier summary had that this one has not. */
function movementSection(t: SummaryTotals): string {
  const prev = t.previous!;
  const rows = t.packs.flatMap((s) => s.principles.map((p) => tableRow([`${p.title} (${s.id})`, p.previousMean ?? null, p.mean, changeText(p.change)])));
  const table = rows.length ? [header(["Principle", "Then", "Now", "Change"]), ...rows].join("\n") : "No principle has a mean.";
  const gone = prev.gone.map((f) => `- ${esc(f)}`).join("\n") || "None.";
  return [`## Movement since ${esc(prev.file)}${prev.generated ? ` (generated ${esc(prev.generated)})` : ""}`, "Each assessment's change is in its table's Change column (\"new\" when the earlier summary did not have it).", table, "### No longer in the summary", gone].join("\n\n");
}

/** The lists of assessments that need attention: stale, undated, older pack, invalid. */
export function attentionSections(t: SummaryTotals): string {
  const list = (items: string[]) => (items.length ? items.map((i) => `- ${i}`).join("\n") : "None.");
  return [
    `## Stale assessments (older than ${t.maxAgeDays} days)`, list(t.stale.map((s) => `${esc(s.file)}: dated ${s.date}, ${s.ageDays} days ago`)),
    "## Assessments without a date", list(t.undated.map((f) => esc(f))),
    "## Assessments on an older pack version", list(t.olderPack.map((o) => `${esc(o.file)}: ${o.retired} answer${o.retired === 1 ? "" : "s"} to retired questions (run \`rml-assess init --upgrade\`)`)),
    "## Invalid files", list(t.invalid.map((f) => esc(f.message))),
  ].join("\n\n");
}

function document(context: SummaryContext, rows: RowsByPack, t: SummaryTotals): string {
  const used = t.packs.filter((p) => p.assessments > 0);
  const sections = (used.length ? used : t.packs.slice(0, 1)).map((s) => packSection(s, context.packs.find((p) => p.id === s.id)!, rows.of(s.id), Boolean(t.previous)));
  return [
    "# Responsible ML assessments: summary",
    `${t.assessments} assessment${t.assessments === 1 ? "" : "s"}, ${t.invalid.length} invalid file${t.invalid.length === 1 ? "" : "s"}; ages counted to ${t.today}. Generated ${context.generated} by ${context.tool.name} ${context.tool.version}.`,
    verdictSection(context, t),
    ...sections,
    ...(t.previous ? [movementSection(t)] : []),
    attentionSections(t),
  ].join("\n\n") + "\n";
}

/** The summary as markdown: per pack, its principles across the organisation, the weakest, and every assessment; then what needs attention. */
export const summaryMarkdown: SummaryFormat = laidOutAtEnd(document);
