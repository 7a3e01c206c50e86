import type { ChalkInstance } from "chalk";
import type { Pack } from "../core/types.js";
import { terminalSafe, wrapWords } from "../io/terminal.js";
import type { PackFormatOptions } from "./signatures.js";

/** Prose under a question, labelled and indented, wrapped to the width. */
function detail(label: string, text: string, width: number): string[] {
  return wrapWords(`${label}: ${terminalSafe(text)}`, width - 7).map((l) => `       ${l}`);
}

/** The checklist for reading at a terminal; with `verbose`, what a team needs to answer each question. */
export function principlesText(pack: Pack, c: ChalkInstance, opts: PackFormatOptions = {}): string {
  const t = terminalSafe;
  const lines = [c.bold(`${t(pack.title)} (${t(pack.id)} ${t(pack.version)})`)];
  if (pack.source) lines.push(c.dim(t(pack.source)));
  for (const p of pack.principles) {
    // A level pack's sections are levels, each listing the checks of the gate that leaves it.
    lines.push("", c.bold(`${pack.scoring === "levels" ? `Level ${p.number}:` : `${p.number}.`} ${t(p.title)}${p.phase ? ` (${t(p.phase)})` : ""}`), `   ${c.italic(t(p.commitment?.text ?? p.summary))}`);
    p.questions.forEach((q, i) => {
      const weight = q.weight !== 1 ? c.dim(` (weight ${q.weight})`) : "";
      const applies = q.appliesTo.length ? c.dim(` (applies to: ${q.appliesTo.map(t).join(", ")})`) : "";
      lines.push(`   ${p.number}.${i + 1} ${t(q.text)}${weight}${applies} ${c.dim(`[${t(q.id)}]`)}`);
      if (opts.verbose) {
        const width = opts.width ?? 100;
        lines.push(...detail("Guidance", q.guidance, width), ...detail("Red flag", q.redFlag, width).map((l) => c.yellow(l)), ...detail("Recommendation", q.recommendation, width));
        if (i < p.questions.length - 1) lines.push("");
      }
    });
  }
  if (pack.traits.length) {
    lines.push("", c.bold("Traits"), c.dim("   List the ones your system has under project.traits; a question that applies to other traits only is not asked."));
    for (const trait of pack.traits) lines.push(`   ${t(trait.id)}: ${t(trait.description)}`);
  }
  const questions = pack.principles.flatMap((p) => p.questions);
  const always = questions.filter((q) => !q.appliesTo.length).length;
  const some = always < questions.length ? ` (${always} apply to every system, ${questions.length - always} only to some traits)` : "";
  lines.push("", c.dim(`${pack.principles.length} ${pack.scoring === "levels" ? "levels" : "principles"}, ${questions.length} questions${some}.`));
  return `${lines.join("\n")}\n`;
}
