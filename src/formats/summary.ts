import type { InvalidFile, SummaryRow, SummaryTotals } from "../core/summary.js";
import type { Pack } from "../core/types.js";

/** What every summary format may need besides the rows; formats read no clock and no environment. */
export interface SummaryContext {
  tool: { name: string; version: string };
  /** When the summary was made, ISO 8601 in UTC (SOURCE_DATE_EPOCH when set). */
  generated: string;
  /** The packs assessments may use, in the order they are listed. */
  packs: Pack[];
  /** The config verdicts are judged under (null: none, the default policy), and its problem when it could not be read. */
  config?: { file: string; problem: string | null } | null;
  /** With --previous: the earlier summary compared with. */
  previous?: { file: string; generated: string | null } | null;
  /** Where verdicts come from besides the config: result files (check's own verdicts), answers files, or both. */
  inputs?: { answers: boolean; results: boolean };
}

/**
 * One run of a summary format, in parts so that rows can be written as they come: `row` and
 * `invalid` return text to write at once (or "" for formats that lay rows out at the end, which
 * then keep them), and `end` the rest, from the totals.
 */
export interface SummaryWriter {
  head(): string;
  row(row: SummaryRow): string;
  invalid(file: InvalidFile): string;
  end(totals: SummaryTotals): string;
}

export type SummaryFormat = (context: SummaryContext) => SummaryWriter;

/** The principle columns of a summary: every pack's principle ids, each once, in pack order. */
export function principleColumns(packs: Pack[]): string[] {
  return [...new Set(packs.flatMap((p) => p.principles.map((x) => x.id)))];
}

/** A row's principle scores by id, as the JSON and CSV formats name them. */
export function scoresById(row: SummaryRow): Record<string, number | null> {
  return Object.fromEntries(row.pack.principles.map((p, i) => [p.id, row.principles[i] ?? null]));
}

/** Rows grouped by pack id in arrival order, for formats that lay out a table per pack. */
export class RowsByPack {
  private readonly groups = new Map<string, SummaryRow[]>();
  add(row: SummaryRow): void {
    const list = this.groups.get(row.pack.id);
    if (list) list.push(row);
    else this.groups.set(row.pack.id, [row]);
  }

  of(pack: string): SummaryRow[] {
    return this.groups.get(pack) ?? [];
  }
}

/**
 * A format that lays out its document at the end (md, html): it keeps every row by pack and writes
 * nothing until the totals are known.
 */
export function laidOutAtEnd(document: (context: SummaryContext, rows: RowsByPack, totals: SummaryTotals) => string): SummaryFormat {
  return (context) => {
    const rows = new RowsByPack();
    return {
      head: () => "",
      row: (row) => (rows.add(row), ""),
      invalid: () => "",
      end: (totals) => document(context, rows, totals),
    };
  };
}

/** A change as people read it: "+5", "−3" (a minus sign), "0"; "–" when there is none to show. */
export function changeText(change: number | null | undefined): string {
  if (change === null || change === undefined) return "–";
  return change > 0 ? `+${change}` : change < 0 ? `−${-change}` : "0";
}

/** A row's movement in words: "new" when the earlier summary did not have it, else the score's (or level's) change. */
export function movementText(row: SummaryRow): string {
  if (row.previous === undefined) return "";
  if (row.previous === null) return "new";
  return row.level !== null ? changeText(row.previous.levelChange) : changeText(row.previous.scoreChange);
}

/** The verdict as a word: pass, fail, or "not judged" (the config could not be read). */
export const verdictWord = (row: SummaryRow) => row.verdict ?? "not judged";

/** The sign-off as a word: yes, no, stale, or "–" when the result does not say. */
export const signedWord = (row: SummaryRow) => row.signedOff ?? "–";

/** One sentence on the policy the verdicts follow and how many pass (plain text: the caller escapes the config's name and problem). */
export function policySentence(context: SummaryContext, t: SummaryTotals): { config: string | null; problem: string | null; counts: string; answers: boolean; results: boolean } {
  const counts = `${t.verdicts.pass} pass, ${t.verdicts.fail} fail${t.verdicts.unknown ? `, ${t.verdicts.unknown} not judged` : ""}`;
  const { answers, results } = context.inputs ?? { answers: true, results: false };
  return { config: context.config?.file ?? null, problem: context.config?.problem ?? null, counts, answers, results };
}
