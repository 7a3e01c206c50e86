import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import Handlebars from "handlebars";
import type { Assessment } from "../core/types.js";
import { TEMPLATES_DIR } from "../paths.js";
import { reportContext, type Escape } from "./context.js";
import { escapeMarkdown, htmlHref, htmlText, markdownHref } from "./escape.js";
import { compileTemplate } from "./template.js";

interface ReportFormat {
  template: string;
  escape: Escape;
  /** Markdown strings arrive escaped in the context; HTML relies on Handlebars' own escaping. */
  noEscape: boolean;
}

/** Report formats by name: adding one is a template and an entry here. */
export const reportFormats: Record<string, ReportFormat> = {
  md: { template: "report.md.hbs", escape: { text: escapeMarkdown, href: markdownHref }, noEscape: true },
  html: { template: "report.html.hbs", escape: { text: htmlText, href: htmlHref }, noEscape: false },
};

export interface ReportMeta {
  toolName: string;
  toolVersion: string;
  generated: string;
}

/** A team's own template: its text and the name to use in messages. */
export interface TemplateSource {
  file: string;
  text: string;
}

const PARTIALS_DIR = join(TEMPLATES_DIR, "partials");

/** A fresh Handlebars instance with the built-in partials (templates/partials/NAME.hbs as NAME). */
function handlebarsWithPartials() {
  const hbs = Handlebars.create();
  for (const name of readdirSync(PARTIALS_DIR).filter((f) => f.endsWith(".hbs")).sort()) {
    hbs.registerPartial(basename(name, ".hbs"), readFileSync(join(PARTIALS_DIR, name), "utf8"));
  }
  return hbs;
}

/** Renders an assessment with the format's template, or a team's own template with the format's escaping. */
export function renderReport(a: Assessment, format: string, meta: ReportMeta, template?: TemplateSource): string {
  const f = reportFormats[format];
  if (!f) throw new Error(`unknown report format ${format}`);
  const source = template ?? { file: join(TEMPLATES_DIR, f.template), text: readFileSync(join(TEMPLATES_DIR, f.template), "utf8") };
  const render = compileTemplate(handlebarsWithPartials(), source.text, source.file, f.noEscape);
  return render(reportContext(a, meta, f.escape));
}
