import type { Coverage } from "../../core/crosswalk.js";
import type { Assessment } from "../../core/types.js";
import type { Escape } from "./context.js";
import { coverageContext } from "./coverage.js";
import { builtinTemplate } from "./builtin.js";
import { escapeMarkdown, htmlHref, htmlText, markdownCode, markdownHref } from "../../text/escape.js";

const ESCAPES: Record<"md" | "html", Escape> = { md: { text: escapeMarkdown, href: markdownHref, code: markdownCode }, html: { text: htmlText, href: htmlHref, code: htmlText } };

/** `crosswalk --format md|html`: a page around the report's coverage partial (templates/crosswalk.*.hbs). */
export async function renderCrosswalkPage(list: Coverage[], a: Assessment, format: "md" | "html", meta: { toolName: string; toolVersion: string; generated: string }): Promise<string> {
  const escape = ESCAPES[format];
  const esc = escape.text;
  const render = builtinTemplate(await (format === "md" ? import("../../generated/template-crosswalk-md.js") : import("../../generated/template-crosswalk-html.js")));
  return render({
    tool: { name: meta.toolName, version: meta.toolVersion }, generated: meta.generated,
    file: esc(a.answers.file), fileCode: escape.code(a.answers.file), project: { name: esc(a.answers.project.name) },
    pack: { id: esc(a.pack.id), title: esc(a.pack.title), version: esc(a.pack.version) },
    coverage: coverageContext(list, a, escape),
  });
}
