import type { SummaryRow } from "../core/summary.js";
import { csvText } from "../text/csv.js";
import { principleColumns, type SummaryFormat } from "./summary.js";

/** A number or boolean the tool computed: never user text, written as is ("" for none). */
const csvValue = (value: number | boolean | null) => (value === null ? "" : String(value));

const FIXED = ["file", "project", "owner", "status", "pack", "pack_version", "date", "age_days", "stale", "score", "band", "unanswered", "retired_answers", "valid", "problem", "level", "risk", "verdict", "signed_off"];
/** With --previous: the row in the earlier summary and the changes since. */
const MOVEMENT = ["previous_score", "score_change", "previous_level", "level_change", "previous_verdict"];

/**
 * The summary as CSV: a header row, then one row per assessment as it comes, CRLF line ends.
 * Principle columns are named by principle id (every pack's, each once); a row leaves empty the
 * columns of principles its pack does not have. Invalid files are rows with valid=false and their problem.
 */
export const summaryCsv: SummaryFormat = (context) => {
  const columns = principleColumns(context.packs);
  const line = (cells: string[]) => `${cells.join(",")}\r\n`;
  const scoreCells = (row: SummaryRow) => {
    const byId = new Map(row.pack.principles.map((p, i) => [p.id, row.principles[i] ?? null]));
    return columns.map((id) => csvValue(byId.get(id) ?? null));
  };
  const compared = Boolean(context.previous);
  const movement = (r: SummaryRow) => {
    if (!compared) return [];
    const m = r.previous;
    return m ? [csvValue(m.score), csvValue(m.scoreChange), csvValue(m.level), csvValue(m.levelChange), csvText(m.verdict)] : MOVEMENT.map(() => "");
  };
  return {
    head: () => line([...FIXED, ...(compared ? MOVEMENT : []), ...columns]),
    row: (r) => line([
      csvText(r.file), csvText(r.project), csvText(r.owner), csvText(r.status), csvText(r.pack.id), csvText(r.pack.version), csvText(r.date),
      csvValue(r.ageDays), csvValue(r.stale), csvValue(r.score), csvText(r.band), csvValue(r.unanswered), csvValue(r.retired), "true", "",
      csvValue(r.level), csvText(r.risk), csvText(r.verdict), csvText(r.signedOff), ...movement(r), ...scoreCells(r),
    ]),
    invalid: (f) => line([csvText(f.file), "", "", "", "", "", "", "", "", "", "", "", "", "false", csvText(f.message), "", "", "", "", ...(compared ? MOVEMENT.map(() => "") : []), ...columns.map(() => "")]),
    end: () => "",
  };
};
