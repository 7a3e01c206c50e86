import { readdirSync, readFileSync } from "node:fs";
import { noteRead } from "../../io/read-set.js";
import { basename, join } from "node:path";
import type { Coverage } from "../../core/crosswalk.js";
import type { AssessmentDiff } from "../../core/diff.js";
import type { Assessment } from "../../core/types.js";
import { TEMPLATES_DIR } from "../../paths.js";
import { builtinTemplate } from "./builtin.js";
import { cardContext } from "./card.js";
import { reportContext, type ReportMeta } from "./context.js";

export type { ReportMeta };
import type { ReportFormat } from "../signatures.js";

/** A team's own template: its text and the name to use in messages. */
export interface TemplateSource {
  file: string;
  text: string;
}

/** A team's template, compiled now by the full Handlebars (loaded only for this), with the built-in partials. */
async function customTemplate(format: ReportFormat, template: TemplateSource): Promise<(context: object) => string> {
  const [{ default: Handlebars }, { compileTemplate }] = await Promise.all([import("handlebars"), import("./template.js")]);
  const hbs = Handlebars.create();
  const partials = join(TEMPLATES_DIR, "partials");
  for (const name of readdirSync(partials).filter((f) => f.endsWith(".hbs")).sort()) {
    noteRead(join(partials, name));
    hbs.registerPartial(basename(name, ".hbs"), readFileSync(join(partials, name), "utf8"));
  }
  return compileTemplate(hbs, template.text, template.file, format.noEscape);
}

/**
 * Renders an assessment with the format's template, or a team's own template with the format's
 * escaping; `previous` adds what changed since an earlier assessment, `coverage` a section per framework.
 */
export async function renderReport(a: Assessment, f: ReportFormat, meta: ReportMeta, template?: TemplateSource, previous: AssessmentDiff | null = null, coverage: Coverage[] = []): Promise<string> {
  // A level pack's report is its TRL card (a team's own template receives the card's context).
  const render = template ? await customTemplate(f, template) : builtinTemplate(await (a.levels ? f.card : f.template)());
  return render(a.levels ? cardContext(a, a.levels, meta, f.escape) : reportContext(a, meta, f.escape, previous, coverage));
}
