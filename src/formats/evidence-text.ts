import type { ChalkInstance } from "chalk";
import type { EvidenceStatus } from "../core/evidence.js";
import { terminalSafe } from "../io/terminal.js";
import type { EvidenceView } from "./signatures.js";

const tint = (status: EvidenceStatus, c: ChalkInstance) => (status === "found" || status === "url" ? c.green : status === "changed" ? c.yellow : c.red)(status.padEnd(7));

/** `evidence` for people: one line per entry at its line and column, then the counts. */
export function evidenceText({ file, rows, counts }: EvidenceView, c: ChalkInstance): string {
  const shown = terminalSafe(file);
  const lines = rows.map((r) => `  ${shown}:${r.line}:${r.column}  ${tint(r.status, c)}  ${terminalSafe(r.ref)}${r.pinned ? c.dim(" (pinned)") : ""}  ${c.dim(`${r.principle}/${r.question}`)}`);
  const tally = (["found", "missing", "changed", "url", "invalid"] as const).filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`).join(", ");
  lines.push(`${counts.total} evidence entr${counts.total === 1 ? "y" : "ies"}${tally ? `: ${tally}` : ""}; ${counts.pinned} pinned.`);
  return `${lines.join("\n")}\n`;
}
