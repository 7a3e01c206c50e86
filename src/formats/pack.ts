import type { ChalkInstance } from "chalk";
import type { Pack } from "../core/types.js";
import { terminalSafe, wrapWords } from "../io/terminal.js";
import { escapeMarkdown } from "../text/escape.js";

/** The checklist as JSON: the shape documented in the README. */
function json(pack: Pack): string {
  return `${JSON.stringify({
    id: pack.id, title: pack.title, version: pack.version,
    principles: pack.principles.map((p) => ({
      id: p.id, number: p.number, title: p.title, ...(p.commitment ? { commitment: p.commitment.text } : { phase: p.phase, summary: p.summary }), weight: p.weight,
      questions: p.questions.map((q) => ({ id: q.id, text: q.text, weight: q.weight, ...(q.appliesTo.length ? { appliesTo: q.appliesTo } : {}) })),
    })),
    ...(pack.traits.length ? { traits: pack.traits } : {}),
  }, null, 2)}\n`;
}

/** How `principles` prints: with each question's guidance, red flag and recommendation (text), wrapped to `width`. */
export interface PackFormatOptions {
  verbose?: boolean;
  width?: number;
}

/** Prose under a question, labelled and indented, wrapped to the width. */
function detail(label: string, text: string, width: number): string[] {
  return wrapWords(`${label}: ${terminalSafe(text)}`, width - 7).map((l) => `       ${l}`);
}

/** The checklist for reading at a terminal; with `verbose`, what a team needs to answer each question. */
function text(pack: Pack, c: ChalkInstance, opts: PackFormatOptions = {}): string {
  const t = terminalSafe;
  const lines = [c.bold(`${t(pack.title)} (${t(pack.id)} ${t(pack.version)})`)];
  if (pack.source) lines.push(c.dim(t(pack.source)));
  for (const p of pack.principles) {
    lines.push("", c.bold(`${p.number}. ${t(p.title)}${p.phase ? ` (${t(p.phase)})` : ""}`), `   ${c.italic(t(p.commitment?.text ?? p.summary))}`);
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

/** The checklist as a markdown document, for a wiki or a pull request. */
function md(pack: Pack): string {
  const e = escapeMarkdown;
  const lines = [`# ${e(pack.title)}`, "", `Pack \`${e(pack.id)}\` version ${e(pack.version)}.${pack.source ? ` Source: ${e(pack.source)}` : ""}`];
  if (pack.traits.length) {
    lines.push("", "Traits (list the ones the system has under `project.traits`; a question marked *applies to* is asked only for them):", "");
    for (const trait of pack.traits) lines.push(`- \`${e(trait.id)}\`: ${e(trait.description)}`);
  }
  for (const p of pack.principles) {
    lines.push("", `## ${p.number}. ${e(p.title)}${p.phase ? ` (${e(p.phase)})` : ""}`, "", ...(p.commitment ? [`> ${e(p.commitment.text)}`, ""] : []), e(p.summary), "");
    p.questions.forEach((q, i) => {
      const weight = q.weight !== 1 ? ` *(weight ${q.weight})*` : "";
      const applies = q.appliesTo.length ? ` *(applies to: ${q.appliesTo.map(e).join(", ")})*` : "";
      lines.push(`${i + 1}. **${e(q.text)}**${weight}${applies} \`${e(q.id)}\`<br>${e(q.guidance)}<br>*Sources: ${q.refs.map(e).join(", ")}*`);
    });
  }
  return `${lines.join("\n")}\n`;
}

/** Formats of `principles`, by name. */
export const packFormats: Record<string, (pack: Pack, color: ChalkInstance, opts?: PackFormatOptions) => string> = {
  text, json: (pack) => json(pack), md: (pack) => md(pack),
};
