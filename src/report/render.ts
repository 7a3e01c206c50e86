import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import type { Assessment } from "../core/types.js";
import { TEMPLATES_DIR } from "../paths.js";
import { reportContext, type Escape } from "./context.js";
import { escapeMarkdown, markdownHref } from "./escape.js";

interface ReportFormat {
  template: string;
  escape: Escape;
  /** Markdown strings arrive escaped in the context; HTML relies on Handlebars' own escaping. */
  noEscape: boolean;
}

/** Report formats by name: adding one is a template and an entry here. */
export const reportFormats: Record<string, ReportFormat> = {
  md: { template: "report.md.hbs", escape: { text: escapeMarkdown, href: markdownHref }, noEscape: true },
};

export interface ReportMeta {
  toolName: string;
  toolVersion: string;
  generated: string;
}

/** Renders an assessment with the format's template (or a team's own template text). */
export function renderReport(a: Assessment, format: string, meta: ReportMeta, templateText?: string): string {
  const f = reportFormats[format];
  if (!f) throw new Error(`unknown report format ${format}`);
  const source = templateText ?? readFileSync(join(TEMPLATES_DIR, f.template), "utf8");
  const hbs = Handlebars.create();
  const render = hbs.compile(source, { noEscape: f.noEscape, strict: false });
  return render(reportContext(a, meta, f.escape));
}
