import { resolve } from "node:path";
import { InputError } from "../errors.js";
import type { PreviousData } from "../core/summary-previous.js";
import type { Verdict } from "../core/summary.js";
import { jsonPosition, readJsonFile } from "./json-file.js";

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const numberOrNull = (x: unknown) => (typeof x === "number" ? x : null);

/**
 * An earlier `summary --format json`, for `summary --previous`: each valid assessment's file,
 * score, level and verdict, and each principle's mean (a summary written before levels and
 * verdicts existed has neither: null). Anything else is invalid input, located (exit 2).
 */
export function loadPreviousSummary(path: string, cwd: string): PreviousData {
  const json = readJsonFile(resolve(cwd, path), path);
  if ("problem" in json) throw new InputError([json.problem]);
  const fail = (at: (string | number)[], message: string): never => {
    throw new InputError([{ file: path, ...jsonPosition(json, at), message, hint: "give --previous a file written by 'rml-assess summary --format json'" }]);
  };
  const data = json.data;
  if (!isObject(data) || !isObject(data.tool) || data.tool.name !== "rml-assess" || !Array.isArray(data.assessments) || !Array.isArray(data.principles)) {
    return fail([], "is not a summary written by 'rml-assess summary --format json' (it needs tool, assessments and principles)");
  }
  const assessments: PreviousData["assessments"] = [];
  for (const [i, a] of data.assessments.entries()) {
    if (!isObject(a) || typeof a.file !== "string") return fail(["assessments", i], "an assessment without its file");
    if (a.valid === false) continue;
    const verdict: Verdict = a.verdict === "pass" || a.verdict === "fail" ? a.verdict : null;
    assessments.push({ file: a.file, score: numberOrNull(a.score), level: numberOrNull(a.level), verdict });
  }
  const principles: PreviousData["principles"] = [];
  for (const [i, p] of data.principles.entries()) {
    if (!isObject(p) || typeof p.id !== "string") return fail(["principles", i], "a principle without its id");
    principles.push({ pack: typeof p.pack === "string" ? p.pack : "", id: p.id, mean: numberOrNull(p.mean) });
  }
  return { file: path, generated: typeof data.generated === "string" ? data.generated : null, assessments, principles };
}
