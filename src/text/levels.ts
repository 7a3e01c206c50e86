import type { ChalkInstance } from "chalk";
import type { Assessment, HistoryEntry, LevelResult } from "../core/types.js";
import { claimSupported } from "../core/levels.js";
import type { SystemLevel } from "../core/systems.js";
import { terminalSafe } from "../io/terminal.js";

/** How far the next gate is: "2 of 6 checks passed". */
export function gateProgress(levels: LevelResult): string {
  const next = levels.next;
  return `${next.checks - next.open.length} of ${next.checks} checks passed`;
}

/**
 * Where the level stands, never calling a level passed that is not: "gate to level 5 open: 2 of 6
 * checks passed"; at the top level, whether its ongoing checks sustain it; after a final switchback, that it caps the level.
 */
export function gateClause(levels: LevelResult): string {
  if (levels.level === levels.top) {
    return `level ${levels.top} ${levels.sustained ? "sustained" : "not sustained"}: ${gateProgress(levels).replace("checks", "ongoing checks")}`;
  }
  const cap = levels.cappedBy;
  const capped = cap ? `capped by a ${cap.switchback ? `${cap.switchback} ` : ""}switchback to level ${cap.level} on ${cap.date} (the gates alone reach level ${levels.gatesReach}); ` : "";
  return `${capped}gate to level ${levels.level + 1} ${levels.next.passed ? "passed, not yet recorded as an advance" : "open"}: ${gateProgress(levels)}`;
}

/** "At readiness level 4 of 9: Proof of concept (prototyping); gate to level 5 open: 2 of 6 checks passed": the sentence every level output uses. */
export function levelSentence(levels: LevelResult): string {
  const phase = levels.current.phase ? ` (${levels.current.phase})` : "";
  return `At readiness level ${levels.level} of ${levels.top}: ${levels.current.title}${phase}; ${gateClause(levels)}`;
}

/** A bar of the levels 0..top as text, the level reached marked: "0 ■■■■■□□□□□ 9" reads without colour. */
export function levelBar(levels: LevelResult): string {
  return `0 ${"■".repeat(levels.level + 1)}${"□".repeat(levels.top - levels.level)} ${levels.top}`;
}

/** What a history entry's step is called: "advance", "review switchback", "switchback (kind not recorded)". */
export function historyStep(h: HistoryEntry): string {
  if (h.kind === "advance") return "advance";
  return h.switchback ? `${h.switchback} switchback` : "switchback (kind not recorded)";
}

/** Why a claimed level is not supported, or null when it is. */
export function claimProblem(levels: LevelResult, claimed: number): string | null {
  if (claimSupported(levels, claimed)) return null;
  if (levels.cappedBy && claimed > levels.cappedBy.level && claimed <= levels.gatesReach) return "not supported: the last history entry is a switchback below it";
  if (claimed === levels.top && levels.level === levels.top) return `not supported: level ${levels.top}'s ongoing checks are not all passed`;
  return "not supported by the gates";
}

/** A level pack's block in `check`'s text: the level, the gates, and the open questions of the next gate. */
export function levelLines(a: Assessment, levels: LevelResult, c: ChalkInstance): string[] {
  const t = terminalSafe;
  const lines = [`  ${c.bold(t(levelSentence(levels)))}  ${levelBar(levels)}`];
  const claimed = a.answers.claimedLevel;
  if (claimed !== null) {
    const problem = claimProblem(levels, claimed);
    lines.push(`  Claimed level ${claimed}${problem ? c.red(` (${problem})`) : c.green(" (supported)")}`);
  }
  const last = a.answers.history.at(-1);
  if (last) lines.push(`  Last history entry: ${historyStep(last)} to level ${last.level} on ${t(last.date)}`);
  const next = levels.next;
  const heading = levels.level === levels.top ? `Ongoing checks of level ${levels.top}` : `Gate to level ${levels.level + 1} (leaving ${t(next.section.principle.title)})`;
  if (!next.open.length) lines.push(`  ${heading}: ${c.green("all passed")}`);
  else {
    lines.push(`  ${heading}: ${next.open.length} of ${next.checks} open`);
    for (const q of next.open) {
      const status = q.status === "unanswered" ? (q.naWithoutReason ? "n/a without notes" : "unanswered") : q.naNotAllowed ? "n/a not allowed here" : q.status;
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
