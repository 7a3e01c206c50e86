import type { ChalkInstance } from "chalk";
import type { CheckResult } from "../core/types.js";
import { json } from "./json.js";
import { text } from "./text.js";

/** Output formats of `check`, by name: each turns results into one document. */
export const checkFormats: Record<string, (results: CheckResult[], color: ChalkInstance) => string> = {
  text,
  json: (results) => json(results),
};
