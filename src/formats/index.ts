import type { ChalkInstance } from "chalk";
import type { Coverage } from "../core/crosswalk.js";
import type { AssessmentDiff } from "../core/diff.js";
import type { Assessment } from "../core/types.js";
import { crosswalkJson } from "./crosswalk-json.js";
import { crosswalkText } from "./crosswalk-text.js";
import { diffJson } from "./diff-json.js";
import { diffMarkdown } from "./diff-md.js";
import { diffText } from "./diff-text.js";
import type { CheckFormat } from "./document.js";
import { githubFormat } from "./github.js";
import { gitlabFormat } from "./gitlab.js";
import { jsonFormat } from "./json.js";
import { junitFormat } from "./junit.js";
import { sarifFormat } from "./sarif.js";
import type { SummaryFormat } from "./summary.js";
import { textFormat } from "./text.js";

export { DocumentWriter, REPORTS_INVALID_INPUT, renderDocument, summarize, type CheckContext, type CheckFormat, type FileSummary } from "./document.js";

/** Output formats of `check`, by name. */
export const checkFormats: Record<string, CheckFormat> = {
  text: textFormat,
  json: jsonFormat,
  github: githubFormat,
  gitlab: gitlabFormat,
  junit: junitFormat,
  sarif: sarifFormat,
};

/** A `diff` output format: the comparison of two assessments as one string. */
export type DiffFormat = (diff: AssessmentDiff, context: { color?: ChalkInstance }) => string;

/** Output formats of `diff`, by name. */
export const diffFormats: Record<string, DiffFormat> = {
  text: (d, context) => diffText(d, context.color),
  md: (d) => diffMarkdown(d),
  json: (d) => diffJson(d),
};

/** Output formats of `summary`, by name, each imported on use (the HTML one brings Handlebars' escaping). */
export const summaryFormats: Record<string, () => Promise<SummaryFormat>> = {
  md: async () => (await import("./summary-md.js")).summaryMarkdown,
  html: async () => (await import("./summary-html.js")).summaryHtml,
  json: async () => (await import("./summary-json.js")).summaryJson,
  csv: async () => (await import("./summary-csv.js")).summaryCsv,
};

/** What a `crosswalk` format receives besides the coverage: the assessment read, colour, and the page's making. */
export interface CrosswalkContext {
  assessment: Assessment;
  color?: ChalkInstance;
  meta: { toolName: string; toolVersion: string; generated: string };
}

/** A `crosswalk` output format: one or more frameworks' coverage as one string (md and html load the templates on use). */
export type CrosswalkFormat = (list: Coverage[], context: CrosswalkContext) => Promise<string>;

async function page(list: Coverage[], context: CrosswalkContext, format: "md" | "html"): Promise<string> {
  const { renderCrosswalkPage } = await import("./report/crosswalk-page.js");
  return renderCrosswalkPage(list, context.assessment, format, context.meta);
}

/** Output formats of `crosswalk`, by name. */
export const crosswalkFormats: Record<string, CrosswalkFormat> = {
  text: async (list, context) => crosswalkText(list, context.color),
  md: (list, context) => page(list, context, "md"),
  html: (list, context) => page(list, context, "html"),
  json: async (list) => crosswalkJson(list),
};
