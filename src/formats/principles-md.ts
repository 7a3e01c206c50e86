import type { Pack } from "../core/types.js";
import { escapeMarkdown } from "../text/escape.js";

/** The checklist as a markdown document, for a wiki or a pull request. */
export function principlesMarkdown(pack: Pack): string {
  const e = escapeMarkdown;
  const lines = [`# ${e(pack.title)}`, "", `Pack \`${e(pack.id)}\` version ${e(pack.version)}.${pack.source ? ` Source: ${e(pack.source)}` : ""}`];
  if (pack.traits.length) {
    lines.push("", "Traits (list the ones the system has under `project.traits`; a question marked *applies to* is asked only for them):", "");
    for (const trait of pack.traits) lines.push(`- \`${e(trait.id)}\`: ${e(trait.description)}`);
  }
  for (const p of pack.principles) {
    lines.push("", `## ${pack.scoring === "levels" ? `Level ${p.number}:` : `${p.number}.`} ${e(p.title)}${p.phase ? ` (${e(p.phase)})` : ""}`, "", ...(p.commitment ? [`> ${e(p.commitment.text)}`, ""] : []), e(p.summary), "");
    p.questions.forEach((q, i) => {
      const weight = q.weight !== 1 ? ` *(weight ${q.weight})*` : "";
      const applies = q.appliesTo.length ? ` *(applies to: ${q.appliesTo.map(e).join(", ")})*` : "";
      lines.push(`${i + 1}. **${e(q.text)}**${weight}${applies} \`${e(q.id)}\`<br>${e(q.guidance)}<br>*Sources: ${q.refs.map(e).join(", ")}*`);
    });
  }
  return `${lines.join("\n")}\n`;
}
