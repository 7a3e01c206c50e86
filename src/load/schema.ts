import type { ErrorObject, ValidateFunction } from "ajv";
import { MAX_LISTED, type Diagnostic } from "../errors.js";
import { visible } from "../io/terminal.js";
import { didYouMean, suggest } from "./suggest.js";
import { pathPosition, nodesAt, nodePosition, type YamlSource } from "./yaml.js";

// Validators come from src/generated/<schema>.js, compiled from schema/ at build time
// (scripts/build.mjs, ajv standalone code), so no schema is compiled when the CLI runs.

function pointerToPath(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** A short, quoted rendering of a value for messages ("found 'Yes!'", "found true"). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return `'${visible(value, 40)}'`;
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

function typeName(type: unknown): string {
  const names: Record<string, string> = { object: "a mapping", array: "a list", string: "text", number: "a number", integer: "a whole number", null: "empty", boolean: "true or false" };
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => names[String(t)] ?? String(t)).join(" or ");
}

function label(path: string[]): string {
  return path.length ? `'${path.map((segment) => visible(segment)).join(".")}'` : "the file";
}

/**
 * The answer meant by a YAML 1.1 boolean (true, on, y… for yes; false, off, n… for no), when the
 * allowed values hold it. YAML 1.2, which both our parsers follow, reads yes and no as text but
 * true and false as booleans; people used to YAML 1.1 write either.
 */
function yesNoFor(value: unknown, allowed: string[]): string | undefined {
  const word = typeof value === "boolean" ? String(value) : typeof value === "string" ? value.trim().toLowerCase() : "";
  const meant = ["true", "on", "y"].includes(word) ? "yes" : ["false", "off", "n"].includes(word) ? "no" : undefined;
  return meant && allowed.includes(meant) ? meant : undefined;
}

/** One ajv error as a located sentence, or null for wrapper errors that the branch errors explain. */
function translate(src: YamlSource, e: ErrorObject): Diagnostic | null {
  const path = pointerToPath(e.instancePath);
  const at = { file: src.file, ...pathPosition(src, path) };
  const found = `found ${describeValue(e.data)}`;
  const hint = (e.parentSchema as { description?: string } | undefined)?.description;
  switch (e.keyword) {
    case "required":
      return { ...at, ...keyOrValue(src, path), message: `${label(path)} is missing the required key '${e.params.missingProperty}'` };
    case "additionalProperties": {
      const key = String(e.params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      const { key: node } = nodesAt(src, [...path, key]);
      return { ...at, ...nodePosition(src, node), message: `unknown key '${visible(key)}' in ${label(path)}`, hint: known.length ? didYouMean(key, known, "key") : "remove it" };
    }
    case "enum": {
      const allowed = (e.params.allowedValues as unknown[]).filter((v): v is string => typeof v === "string" && v !== "");
      const guess = typeof e.data === "string" ? suggest(e.data.trim().toLowerCase(), allowed) : undefined;
      const yesNo = yesNoFor(e.data, allowed);
      const hint = yesNo ? `${JSON.stringify(e.data)} is a yes/no word of YAML 1.1, not an answer: write ${yesNo}` : guess ? `did you mean '${guess}'?` : undefined;
      return { ...at, message: `${label(path)} must be one of ${allowed.join(", ")} (${found})`, hint };
    }
    case "const":
      return { ...at, message: `${label(path)} must be ${JSON.stringify(e.params.allowedValue)} (${found})` };
    case "type":
      return { ...at, message: `${label(path)} must be ${typeName(e.params.type)} (${found})` };
    case "minLength":
      return { ...at, message: `${label(path)} must not be empty` };
    case "pattern":
      return { ...at, message: `${label(path)} has the wrong form (${found})`, hint };
    case "minItems":
      return { ...at, message: `${label(path)} needs at least ${e.params.limit} item(s)` };
    case "uniqueItems":
      return { ...at, message: `${label(path)} lists the same item twice (items ${e.params.j + 1} and ${e.params.i + 1})` };
    case "minimum": case "maximum": case "exclusiveMinimum": case "exclusiveMaximum":
      return { ...at, message: `${label(path)} must be ${e.params.comparison} ${e.params.limit} (${found})` };
    case "if": case "anyOf": case "oneOf":
      return null;
    default:
      return { ...at, message: `${label(path)} ${e.message ?? "is not valid"}` };
  }
}

function keyOrValue(src: YamlSource, path: string[]) {
  const { key, value } = nodesAt(src, path);
  return nodePosition(src, key ?? value);
}

/** Validates data against a schema and returns every problem as a located, deduplicated diagnostic. */
export function schemaDiagnostics(validate: ValidateFunction, src: YamlSource, data: unknown): Diagnostic[] {
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // An anyOf whose branches all failed: report the branch types once instead of each branch's error.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errors) {
    // Past the listing limit the rest would not be shown anyway: one more says there are more.
    if (out.length > MAX_LISTED) break;
    let d: Diagnostic | null;
    if (anyOfPaths.has(e.instancePath) && e.keyword !== "anyOf") {
      if (e.keyword !== "type") continue;
      // A branch matched the type but failed inside (a list holding a mapping): its own errors say so.
      if (errors.some((x) => x.instancePath.startsWith(`${e.instancePath}/`))) continue;
      const path = pointerToPath(e.instancePath);
      const branches = errors.filter((x) => x.instancePath === e.instancePath && x.keyword === "type").map((x) => x.params.type);
      d = { file: src.file, ...pathPosition(src, path), message: `${label(path)} must be ${typeName(branches.flat())} (found ${describeValue(e.data)})` };
    } else d = translate(src, e);
    if (!d) continue;
    const id = `${d.line}:${d.column}:${d.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
