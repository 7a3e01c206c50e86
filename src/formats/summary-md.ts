import type { PackSummary, SummaryRow, SummaryTotals } from "../core/summary.js";
import type { Pack } from "../core/types.js";
import { escapeMarkdown } from "../text/escape.js";
import { laidOutAtEnd, type RowsByPack, type SummaryContext, type SummaryFormat } from "./summary.js";

const esc = escapeMarkdown;
const cell = (value: string | number | null) => (value === null ? "–" : typeof value === "number" ? String(value) : esc(value));
const tableRow = (cells: (string | number | null)[]) => `| ${cells.map(cell).join(" | ")} |`;
const header = (names: string[]) => `${tableRow(names)}\n|${names.map(() => " --- |").join("")}`;

function principlesTable(s: PackSummary, pack: Pack): string {
  const bands = pack.bands.map((b) => b.label);
  const rows = s.principles.map((p) => tableRow([p.title, p.scored, p.mean, p.min, p.max, ...bands.map((b) => p.bands[b] ?? 0)]));
  return [header(["Principle", "Assessed", "Mean", "Min", "Max", ...bands]), ...rows].join("\n");
}

function assessmentsTable(rows: SummaryRow[], pack: Pack): string {
  const names = ["Project", "Owner", "File", "Date", "Age (days)", "Status", "Version", "Score", "Band", ...pack.principles.map((p) => p.id), "Unanswered"];
  const lines = rows.map((r) => tableRow([r.project, r.owner, r.file, r.date, r.ageDays, r.status, r.pack.version, r.score, r.band, ...r.principles, r.unanswered]));
  return [header(names), ...lines].join("\n");
}

function packSection(s: PackSummary, pack: Pack, rows: SummaryRow[]): string {
  const bands = pack.bands.map((b) => `${esc(b.label)} ${s.bands[b.label] ?? 0}`).join(" · ");
  const overall = s.mean === null ? "no assessment has a score" : `mean ${s.mean}, lowest ${s.min}, highest ${s.max}; ${bands}`;
  const weakest = s.weakest.map((p, i) => `${i + 1}. ${esc(p.title)} (\`${p.id}\`): mean ${p.mean}`).join("\n");
  return [
    `## ${esc(s.title)} (\`${esc(s.id)}\` ${esc(s.version)}): ${s.assessments} assessment${s.assessments === 1 ? "" : "s"}`,
    `Overall scores: ${overall}.`,
    "### Principles", principlesTable(s, pack),
    ...(weakest ? ["### Weakest principles", weakest] : []),
    "### Assessments", rows.length ? assessmentsTable(rows, pack) : "None.",
  ].join("\n\n");
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
  const sections = (used.length ? used : t.packs.slice(0, 1)).map((s) => packSection(s, context.packs.find((p) => p.id === s.id)!, rows.of(s.id)));
  return [
    "# Responsible ML assessments: summary",
    `${t.assessments} assessment${t.assessments === 1 ? "" : "s"}, ${t.invalid.length} invalid file${t.invalid.length === 1 ? "" : "s"}; ages counted to ${t.today}. Generated ${context.generated} by ${context.tool.name} ${context.tool.version}.`,
    ...sections,
    attentionSections(t),
  ].join("\n\n") + "\n";
}

/** The summary as markdown: per pack, its principles across the organisation, the weakest, and every assessment; then what needs attention. */
export const summaryMarkdown: SummaryFormat = laidOutAtEnd(document);
