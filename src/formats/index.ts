import type { ChalkInstance } from "chalk";
import type { AssessmentDiff } from "../core/diff.js";
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
