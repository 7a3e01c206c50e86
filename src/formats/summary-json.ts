import type { InvalidFile, SummaryRow, SummaryTotals } from "../core/summary.js";
import { jsonAt } from "../text/json.js";
import { scoresById, type SummaryContext, type SummaryFormat } from "./summary.js";

/** One assessment as its line of the `assessments` array (one line each, so 100,000 stay compact). */
function assessment(row: SummaryRow): string {
  return JSON.stringify({
    file: row.file,
    project: row.project,
    owner: row.owner,
    pack: row.pack.id,
    packVersion: row.pack.version,
    date: row.date,
    ageDays: row.ageDays,
    stale: row.stale,
    status: row.status,
    score: row.score,
    band: row.band,
    principles: scoresById(row),
    unanswered: row.unanswered,
    retiredAnswers: row.retired,
    level: row.level,
    risk: row.risk,
    verdict: row.verdict,
    signedOff: row.signedOff,
    ...(row.system === null ? {} : { system: row.system, component: row.component }),
    ...(row.previous === undefined ? {} : { previous: row.previous }),
    valid: true,
  });
}

/** A file that could not be read or parsed, in the same array, with nulls where it has no values. */
function invalidAssessment(file: InvalidFile, compared: boolean): string {
  return JSON.stringify({ file: file.file, project: null, owner: null, pack: null, packVersion: null, date: null, ageDays: null, stale: false, status: null, score: null, band: null, principles: {}, unanswered: null, retiredAnswers: null, level: null, risk: null, verdict: null, signedOff: null, ...(compared ? { previous: null } : {}), valid: false });
}

/** The fields after the assessments, from the totals. */
function totalsPart(t: SummaryTotals, context: SummaryContext): string {
  const principles = t.packs.flatMap((p) => p.principles.map(({ id, title, mean, min, max, bands, pack, scored, previousMean, change }) => ({ id, title, mean, min, max, bands, pack, scored, ...(previousMean === undefined ? {} : { previousMean, change }) })));
  const packs = t.packs.map(({ principles: _, weakest, ...rest }) => ({ ...rest, weakest: weakest.map((w) => w.id) }));
  return [
    `"principles": ${jsonAt(principles, 1)}`,
    `"invalid": ${jsonAt(t.invalid, 1)}`,
    `"packs": ${jsonAt(packs, 1)}`,
    `"weakest": ${jsonAt(t.packs.flatMap((p) => p.weakest.map((w) => ({ pack: w.pack, id: w.id, title: w.title, mean: w.mean }))), 1)}`,
    `"stale": ${jsonAt(t.stale, 1)}`,
    `"undated": ${jsonAt(t.undated, 1)}`,
    `"olderPack": ${jsonAt(t.olderPack, 1)}`,
    `"highRiskFailing": ${jsonAt(t.highRiskFailing, 1)}`,
    `"verdicts": ${jsonAt(t.verdicts, 1)}`,
    `"policy": ${jsonAt({ config: context.inputs?.answers === false ? null : (context.config?.file ?? null), problem: context.inputs?.answers === false ? null : (context.config?.problem ?? null), fromResults: context.inputs?.results ?? false }, 1)}`,
    ...(t.previous ? [`"previous": ${jsonAt(t.previous, 1)}`] : []),
    `"today": ${JSON.stringify(t.today)}`,
    `"maxAgeDays": ${t.maxAgeDays}`,
  ].join(",\n  ");
}

/**
 * The summary as JSON, in the pinned shape `{ tool, assessments, principles, invalid }` (more fields
 * follow them). Each assessment is written as it comes; the rest needs only the running totals.
 */
export const summaryJson: SummaryFormat = (context) => {
  let written = 0;
  const line = (text: string) => `${written++ ? "," : ""}\n    ${text}`;
  return {
    head: () => `{\n  "tool": ${jsonAt(context.tool, 1)},\n  "generated": ${JSON.stringify(context.generated)},\n  "assessments": [`,
    row: (row) => line(assessment(row)),
    invalid: (file) => line(invalidAssessment(file, Boolean(context.previous))),
    end: (totals) => `${written ? "\n  " : ""}],\n  ${totalsPart(totals, context)}\n}\n`,
  };
};
