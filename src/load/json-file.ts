import { readFileSync } from "node:fs";
import { fileDiagnostic, type Diagnostic } from "../errors.js";
import type { Position } from "../core/types.js";
import { parseYaml, pathPosition } from "./yaml.js";

/** A JSON file read and parsed: its data and text (kept to locate a problem found later), or where it is not JSON. */
export type JsonFile = { file: string; text: string; data: unknown } | { problem: Diagnostic };

/** The 1-based line and column of a character offset in text. */
function positionOfOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/**
 * Reads a JSON file whole (a result document of a bulk run may be far larger than an answers
 * file) and parses it with JSON.parse; a syntax error is placed at the line and column the parser
 * names (Node says the offset; newer versions also the line and column).
 */
export function readJsonFile(path: string, display: string): JsonFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: fileDiagnostic(display, code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(error)})`, "check the path") };
  }
  try {
    return { file: display, text, data: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
    const offset = /position (\d+)/.exec(message);
    const at = lineColumn ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) } : offset ? positionOfOffset(text, Number(offset[1])) : text.trim() === "" ? { line: 1, column: 1 } : positionOfOffset(text, text.length);
    const why = message.replace(/\s*\(line \d+ column \d+\)/, "").replace(/ in JSON at position \d+/, "").replace(/^Unexpected end of JSON input$/, "the JSON ends too early");
    return { problem: { file: display, ...at, message: `not valid JSON: ${why}`, hint: "give the file as rml-assess wrote it" } };
  }
}

/** Where a value of a parsed JSON file stands, by its path of keys and indexes (parsed again, with positions, only when a problem needs one). */
export function jsonPosition(json: { file: string; text: string }, path: (string | number)[]): Position {
  const { source } = parseYaml(json.file, json.text);
  return source ? pathPosition(source, path) : { line: 1, column: 1 };
}
