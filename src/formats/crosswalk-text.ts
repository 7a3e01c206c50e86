import type { ChalkInstance } from "chalk";
import { shownPercent, type Coverage, type CoverageStatus } from "../core/crosswalk.js";
import { PLAIN } from "../io/color.js";
import { terminalSafe as t } from "../io/terminal.js";

const WORD: Record<CoverageStatus, string> = { met: "met", partial: "partial", gap: "gap", unmapped: "unmapped" };

/** `crosswalk --format text`: per framework its counts, then each item grouped, status in words (colour only adds to them). */
export function crosswalkText(list: Coverage[], color: ChalkInstance = PLAIN): string {
  const c = color;
  const tint: Record<CoverageStatus, (s: string) => string> = { met: c.green, partial: c.yellow, gap: c.red, unmapped: c.dim };
  const lines: string[] = [];
  for (const cov of list) {
    const f = cov.crosswalk.framework;
    if (lines.length) lines.push("");
    lines.push(c.bold(`${t(f.title)} ${t(f.version)}`));
    lines.push(`  ${cov.counts.met} of ${cov.mapped} mapped items met (${shownPercent(cov)}); ${cov.counts.partial} partial, ${cov.counts.gap} gap, ${cov.counts.unmapped} unmapped of ${cov.items.length}`);
    let group: string | null = null;
    for (const i of cov.items) {
      if (i.item.group !== group) {
        group = i.item.group;
        const title = cov.crosswalk.groups.find((g) => g.id === group)?.title;
        if (group) lines.push("", c.bold(`  ${t(title ?? group)}`));
      }
      const answers = i.questions.map((q) => `${q.principle}/${q.question} ${q.answer}`).join(", ");
      lines.push(`    ${tint[i.status](WORD[i.status].padEnd(8))} ${t(i.item.id)}  ${t(i.item.title)}`);
      lines.push(c.dim(`             ${t([answers, i.reason].filter(Boolean).join(": "))}`));
    }
  }
  lines.push("", c.dim("Coverage read from a self-assessment is not conformity with a framework: it shows where the answers claim evidence."));
  return `${lines.join("\n")}\n`;
}
