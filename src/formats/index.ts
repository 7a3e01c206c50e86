import type { CheckFormat } from "./document.js";
import { githubFormat } from "./github.js";
import { gitlabFormat } from "./gitlab.js";
import { jsonFormat } from "./json.js";
import { junitFormat } from "./junit.js";
import { sarifFormat } from "./sarif.js";
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
