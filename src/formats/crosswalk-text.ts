import type { ChalkInstance } from "chalk";
import { headline, type Coverage, type CoverageStatus } from "../core/crosswalk.js";
import { PLAIN } from "../io/color.js";
import { terminalSafe as t } from "../io/terminal.js";
import { itemNote, itemStatusWords, NOT_CONFORMITY } from "../text/coverage.js";

/** `crosswalk --format text`: per framework its headline and counts, then each item grouped, status in words (colour only adds to them). */
export function crosswalkText(list: Coverage[], color: ChalkInstance = PLAIN): string {
  const c = color;
  const tint: Record<CoverageStatus, (s: string) => string> = { met: c.green, partial: c.yellow, gap: c.red, unmapped: c.dim, "not-applicable": c.dim };
  const lines: string[] = [c.bold(NOT_CONFORMITY)];
  for (const cov of list) {
    const f = cov.crosswalk.framework;
    lines.push("", c.bold(`${t(f.title)} ${t(f.version)}`));
    lines.push(`  ${headline(cov)}`);
    const n = cov.counts;
    lines.push(`  ${n.partial} partial, ${n.gap} gap, ${n.unmapped} unmapped (no question of the pack evidences them), ${n["not-applicable"]} not applicable, of ${cov.total}; evidence ${cov.verified ? "verified (--verify-evidence)" : "not verified (add --verify-evidence)"}`);
    let group: string | null = null;
    for (const i of cov.items) {
      if (i.item.group !== group) {
        group = i.item.group;
        const title = cov.crosswalk.groups.find((g) => g.id === group)?.title;
        if (group) lines.push("", c.bold(`  ${t(title ?? group)}`));
      }
      const answers = i.questions.map((q) => `${q.principle}/${q.question} ${q.answer}`).join(", ");
      lines.push(`    ${tint[i.status](itemStatusWords(i).padEnd(27))} ${t(i.item.id)}  ${t(i.item.title)}`);
      lines.push(c.dim(`${" ".repeat(32)}${t([answers, itemNote(i)].filter(Boolean).join(": "))}`));
    }
  }
  return `${lines.join("\n")}\n`;
}
