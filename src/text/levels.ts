import type { ChalkInstance } from "chalk";
import type { Assessment, LevelResult } from "../core/types.js";
import type { SystemLevel } from "../core/systems.js";
import { terminalSafe } from "../io/terminal.js";

/** "Readiness level 4 of 9: Proof of concept (prototyping)": the sentence every level output uses. */
export function levelSentence(levels: LevelResult): string {
  const phase = levels.current.phase ? ` (${levels.current.phase})` : "";
  return `Readiness level ${levels.level} of ${levels.top}: ${levels.current.title}${phase}`;
}

/** A bar of the levels 0..top as text, the level reached marked: "0 ■■■■■□□□□□ 9" reads without colour. */
export function levelBar(levels: LevelResult): string {
  return `0 ${"■".repeat(levels.level + 1)}${"□".repeat(levels.top - levels.level)} ${levels.top}`;
}

/** A level pack's block in `check`'s text: the level, the gates, and the open questions of the next gate. */
export function levelLines(a: Assessment, levels: LevelResult, c: ChalkInstance): string[] {
  const t = terminalSafe;
  const lines = [`  ${c.bold(t(levelSentence(levels)))}  ${levelBar(levels)}`];
  const claimed = a.answers.claimedLevel;
  if (claimed !== null) lines.push(`  Claimed level ${claimed}${claimed > levels.level ? c.red(" (not supported by the gates)") : c.green(" (supported)")}`);
  const next = levels.next;
  const heading = levels.level === levels.top ? `Ongoing checks of level ${levels.top}` : `Next gate (${levels.level} to ${levels.level + 1}, ${t(next.section.principle.title)})`;
  if (!next.open.length) lines.push(`  ${heading}: ${c.green("all passed")}`);
  else {
    lines.push(`  ${heading}: ${next.open.length} open`);
    for (const q of next.open) {
      const status = q.status === "unanswered" ? (q.naWithoutReason ? "n/a without notes" : "unanswered") : q.status;
      lines.push(`    ${c.dim(`${t(next.section.principle.id)}/${t(q.question.id)}`)} ${c.yellow(status)}: ${t(q.question.text)}`);
    }
  }
  return lines;
}

/** Each system's level, the lowest of its components': a block after the files of a `check` run. */
export function systemLines(systems: SystemLevel[], c: ChalkInstance): string[] {
  const t = terminalSafe;
  const lines: string[] = [];
  for (const s of systems) {
    lines.push(c.bold(`System ${t(s.system)}: readiness level ${s.level} (its lowest component's)`));
    for (const k of s.components) lines.push(`  ${t(k.component)}: level ${k.level} (${t(k.file)})`);
  }
  return lines;
}
