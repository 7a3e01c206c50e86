import type { ChalkInstance } from "chalk";
import type { CheckResult, Pack, Policy } from "../core/types.js";
import type { Diagnostic } from "../errors.js";
import { github } from "./github.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import { sarif } from "./sarif.js";
import { text } from "./text.js";

/** What a `check` format may need besides the results; formats read no clock and no environment. */
export interface CheckContext {
  pack: Pack;
  policy: Policy;
  /** Problems of the files that could not be checked (invalid input), for the formats that report them. */
  invalid: Diagnostic[];
  /** When the run happened, ISO 8601 in UTC (SOURCE_DATE_EPOCH when set), for formats that record a time. */
  generated: string;
}

export type CheckFormat = (results: CheckResult[], color: ChalkInstance, context: CheckContext) => string;

/** Output formats of `check`, by name: each turns results into one document. */
export const checkFormats: Record<string, CheckFormat> = {
  text,
  json: (results) => json(results),
  github: (results, _color, context) => github(results, context),
  junit: (results, _color, context) => junit(results, context),
  sarif: (results, _color, context) => sarif(results, context),
};

/**
 * Formats read by CI systems also carry invalid files, so a pull request shows them where it
 * shows findings; text and json leave them to standard error. Either way `check` exits 2.
 */
export const REPORTS_INVALID_INPUT: ReadonlySet<string> = new Set(["github", "junit", "sarif"]);
