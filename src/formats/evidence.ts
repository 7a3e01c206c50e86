import type { ChalkInstance } from "chalk";
import { evidenceEntries, evidenceStatus, type EvidenceCounts, type EvidenceFacts, type EvidenceStatus } from "../core/evidence.js";
import type { Answers } from "../core/types.js";
import { terminalSafe } from "../io/terminal.js";
import { jsonAt } from "../text/json.js";

/** One evidence entry as `evidence` lists it. */
export interface EvidenceRow {
  principle: string;
  question: string;
  ref: string;
  status: EvidenceStatus;
  pinned: boolean;
  line: number;
  column: number;
}

/** Every evidence entry of a file with its status, in file order. */
export function evidenceRows(answers: Answers, facts: EvidenceFacts): EvidenceRow[] {
  return evidenceEntries(answers).map(({ principle, question, entry }) => ({
    principle, question, ref: entry.ref, status: evidenceStatus(entry, facts), pinned: Boolean(entry.sha256), line: entry.position.line, column: entry.position.column,
  }));
}

/** `evidence --format json`: `{ file, counts, entries }`. */
export function evidenceJson(file: string, rows: EvidenceRow[], counts: EvidenceCounts): string {
  return `${jsonAt({ file, counts, entries: rows }, 0)}\n`;
}

const tint = (status: EvidenceStatus, c: ChalkInstance) => (status === "found" || status === "url" ? c.green : status === "changed" ? c.yellow : c.red)(status.padEnd(7));

/** `evidence` for people: one line per entry at its line and column, then the counts. */
export function evidenceText(file: string, rows: EvidenceRow[], counts: EvidenceCounts, c: ChalkInstance): string {
  const shown = terminalSafe(file);
  const lines = rows.map((r) => `  ${shown}:${r.line}:${r.column}  ${tint(r.status, c)}  ${terminalSafe(r.ref)}${r.pinned ? c.dim(" (pinned)") : ""}  ${c.dim(`${r.principle}/${r.question}`)}`);
  const tally = (["found", "missing", "changed", "url", "invalid"] as const).filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`).join(", ");
  lines.push(`${counts.total} evidence entr${counts.total === 1 ? "y" : "ies"}${tally ? `: ${tally}` : ""}; ${counts.pinned} pinned.`);
  return `${lines.join("\n")}\n`;
}
