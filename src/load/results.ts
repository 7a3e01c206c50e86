import type { Diagnostic } from "../errors.js";
import type { ResultData } from "../core/summary-result.js";
import { jsonPosition, readJsonFile, type JsonFile } from "./json-file.js";

/** One result of a result file: its data and where it stands (for a problem found later, such as an unknown pack), or its problem. */
export type ReadResult = { result: ResultData; at: (string | number)[]; json: { file: string; text: string } } | { problem: Diagnostic };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isStringOrNull = (x: unknown) => x === null || typeof x === "string";
const isNumberOrNull = (x: unknown) => x === null || typeof x === "number";

/** The first key of a result that is not as `check --format json` of this version writes it, or null. */
function wrongKey(r: Record<string, unknown>): { key: (string | number)[]; want: string } | null {
  const project = r.project;
  const pack = r.pack;
  const checks: [(string | number)[], boolean, string][] = [
    [["file"], typeof r.file === "string", "a path"],
    [["project"], isObject(project) && typeof project.name === "string", "the project, with its name"],
    [["date"], isStringOrNull(r.date), "a date or null"],
    [["pack"], isObject(pack) && typeof pack.id === "string" && typeof pack.version === "string", "the pack's id and version"],
    [["score"], isNumberOrNull(r.score), "a number or null"],
    [["band"], isStringOrNull(r.band), "a band or null"],
    [["level"], r.level === undefined || typeof r.level === "number", "a level number"],
    [["principles"], Array.isArray(r.principles) && r.principles.every((p) => isObject(p) && typeof p.id === "string" && isNumberOrNull(p.score) && isObject(p.counts) && typeof p.counts.unanswered === "number"), "each principle's id, score and counts"],
    [["signedOff"], r.signedOff === null || r.signedOff === "yes" || r.signedOff === "no" || r.signedOff === "stale", "yes, no, stale or null"],
    [["retiredAnswers"], typeof r.retiredAnswers === "number", "a count"],
    [["passed"], typeof r.passed === "boolean", "true or false"],
  ];
  const wrong = checks.find(([, ok]) => !ok);
  return wrong ? { key: wrong[0], want: wrong[2] } : null;
}

/** The results a parsed file holds, each with its path in the file: a check document, one result, or an array of either. */
function resultsIn(data: unknown): { value: unknown; at: (string | number)[] }[] | string {
  const one = (value: unknown, at: (string | number)[]): { value: unknown; at: (string | number)[] }[] | string => {
    if (isObject(value) && "results" in value) {
      const tool = value.tool;
      if (!isObject(tool) || tool.name !== "rml-assess") return `is not a result of 'rml-assess check' (its tool is ${isObject(tool) ? JSON.stringify(tool.name) : "not named"})`;
      if (!Array.isArray(value.results)) return "its 'results' is not an array";
      return value.results.map((r, i) => ({ value: r, at: [...at, "results", i] }));
    }
    if (isObject(value) && "file" in value && "pack" in value) return [{ value, at }];
    return "is neither a 'check --format json' document nor one of its results";
  };
  if (!Array.isArray(data)) return one(data, []);
  const all: { value: unknown; at: (string | number)[] }[] = [];
  for (const [i, item] of data.entries()) {
    const got = one(item, [i]);
    if (typeof got === "string") return got;
    all.push(...got);
  }
  return all;
}

/**
 * The results of a file `check --format json` wrote (one document, a single result, or an array of
 * either): each valid one, and a located problem for each that is not as this version writes it
 * (another tool's file, an older version without the summary's fields, malformed JSON).
 */
export function readResults(path: string, display: string, toolVersion: string): ReadResult[] {
  const json: JsonFile = readJsonFile(path, display);
  if ("problem" in json) return [json];
  const found = resultsIn(json.data);
  const at = (p: (string | number)[]) => ({ file: display, ...jsonPosition(json, p) });
  if (typeof found === "string") return [{ problem: { ...at([]), message: found, hint: "give the file 'rml-assess check --format json' wrote" } }];
  const version = Array.isArray(json.data) ? null : (json.data as { tool?: { version?: unknown } }).tool?.version;
  return found.map(({ value, at: path }): ReadResult => {
    if (!isObject(value)) return { problem: { ...at(path), message: "a result is not an object", hint: "give the file as rml-assess wrote it" } };
    const wrong = wrongKey(value);
    if (wrong) {
      const older = version !== undefined && version !== null && version !== toolVersion ? ` (written by rml-assess ${String(version)}; this is ${toolVersion})` : "";
      return { problem: { ...at([...path, ...wrong.key]), message: `'${wrong.key.join(".")}' of a result is not ${wrong.want}${older}`, hint: `run 'rml-assess check --format json' of rml-assess ${toolVersion} again to write the result` } };
    }
    return { result: value as unknown as ResultData, at: path, json };
  });
}

/** Where a result's value stands, for a problem found once its pack is known. */
export function resultProblem(read: Extract<ReadResult, { result: ResultData }>, key: string[], message: string, hint: string): Diagnostic {
  return { file: read.json.file, ...jsonPosition(read.json, [...read.at, ...key]), message, hint };
}
