import type { ChalkInstance } from "chalk";
import type { Assessment } from "../core/types.js";
import { PLAIN } from "../io/color.js";
import { terminalSafe as t } from "../io/terminal.js";
import { escapeMarkdown as e } from "../text/escape.js";

/**
 * `diff` when the earlier version does not exist (a first assessment, a repository without
 * commits): what it says in each diff format, with why there is nothing to compare. json keeps the
 * pinned shape, with `before: null` and no changes.
 */
export function diffFirst(format: string, after: Assessment, before: string, why: string, color: ChalkInstance = PLAIN): string {
  const score = `${after.score ?? "–"}/100${after.band ? ` (${after.band})` : ""}`;
  if (format === "json") {
    return `${JSON.stringify({ before: null, after: { file: after.answers.file, score: after.score, band: after.band }, delta: null, principles: [], changes: [], note: `no earlier version: ${why}` }, null, 2)}\n`;
  }
  if (format === "md") return `**No earlier version**: this is the first assessment of ${e(after.answers.file)} (${e(why)}). It scores ${e(score)}.\n`;
  return `${color.bold(`No earlier version of ${t(after.answers.file)}: this is its first assessment; it scores ${t(score)}.`)}\n${color.dim(`  ${t(before)}: ${t(why)}`)}\n`;
}
