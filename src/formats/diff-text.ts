import type { ChalkInstance } from "chalk";
import type { AssessmentDiff } from "../core/diff.js";
import { PLAIN } from "../io/color.js";
import { terminalSafe as t } from "../io/terminal.js";
import { answerText, CHANGE_GROUPS, changesOf, scoreText, signed, verdict } from "../text/change.js";

const tint = (c: ChalkInstance, delta: number | null) => (delta === null || delta === 0 ? c.dim : delta > 0 ? c.green : c.red);

/** `diff --format text`: the verdict, a line per principle, then each group of changed answers; user text made terminal-safe. */
export function diffText(d: AssessmentDiff, color: ChalkInstance = PLAIN): string {
  const c = color;
  const lines = [c.bold(t(verdict(d))), c.dim(`  before: ${t(d.before.answers.file)}`), c.dim(`  after:  ${t(d.after.answers.file)}`), ""];
  // What loosens the check comes first: a lower risk tier, a reopened status, a sign-off, traits or the pack.
  if (d.metadata.length) lines.push(c.bold(`Metadata regressions (${d.metadata.length})`), ...d.metadata.map((m) => c.red(`  METADATA_REGRESSION ${t(m.message)}`)), "");
  lines.push(`  ${"Principle".padEnd(40)} before  after  change`);
  for (const p of d.principles) {
    lines.push(`  ${t(p.title).padEnd(40)} ${scoreText(p.before).padStart(6)} ${scoreText(p.after).padStart(6)} ${tint(c, p.delta)(signed(p.delta).padStart(7))}`);
  }
  for (const g of CHANGE_GROUPS) {
    const list = changesOf(d, g.kind);
    if (!list.length) continue;
    lines.push("", c.bold(`${g.title} (${list.length})`));
    for (const x of list) {
      lines.push(`  ${t(`${x.principle}/${x.question}`)}: ${answerText(x.before)} → ${answerText(x.after)}`);
      if (x.notes) lines.push(c.dim(`      ${t(x.notes)}`));
    }
  }
  if (d.evidence.length) {
    lines.push("", c.bold(`Evidence (${d.evidence.length} question${d.evidence.length === 1 ? "" : "s"})`));
    for (const e of d.evidence) {
      lines.push(`  ${t(`${e.principle}/${e.question}`)}`);
      for (const x of e.added) lines.push(c.green(`    + ${t(x)}`));
      for (const x of e.removed) lines.push(c.red(`    - ${t(x)}`));
    }
  }
  if (d.questionsAdded.length) lines.push("", c.bold("Questions new in this pack version"), ...d.questionsAdded.map((q) => `  ${t(q)}`));
  if (d.questionsRetired.length) lines.push("", c.bold("Questions retired since the earlier pack version"), ...d.questionsRetired.map((q) => `  ${t(q)}`));
  return `${lines.join("\n")}\n`;
}
