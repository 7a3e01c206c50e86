import { readFileSync, statSync } from "node:fs";
import { fileDiagnostic, type Diagnostic } from "../errors.js";
import { decodeUtf8, MAX_INPUT_BYTES } from "../load/yaml.js";

export interface TextFile {
  /** The path as the user should see it in messages. */
  file: string;
  text: string;
  bytes: Uint8Array;
}

/** Reads an input file as UTF-8 text, or says why it cannot be used (missing, a directory, too big, binary). */
export function readTextFile(path: string, display = path): TextFile | Diagnostic {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return fileDiagnostic(display, "is a directory, not a file", "give the path of a YAML file");
    size = stat.size;
  } catch (error) {
    return unreadable(display, error);
  }
  if (size > MAX_INPUT_BYTES) {
    return fileDiagnostic(display, `the file is ${(size / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit for inputs`, "an answers file or checklist is a few kilobytes; check the path");
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return unreadable(display, error);
  }
  const decoded = decodeUtf8(display, bytes);
  return "error" in decoded ? decoded.error : { file: display, text: decoded.text, bytes };
}

function unreadable(file: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return fileDiagnostic(file, "no such file", "check the path, or run 'rml-assess init' to create an answers file");
  if (code === "EACCES" || code === "EPERM") return fileDiagnostic(file, "cannot be read (permission denied)", "check the file's permissions");
  if (code === "EISDIR") return fileDiagnostic(file, "is a directory, not a file", "give the path of a YAML file");
  return fileDiagnostic(file, `cannot be read (${code ?? String(error)})`);
}

export function isDiagnostic(x: unknown): x is Diagnostic {
  return typeof x === "object" && x !== null && "line" in x && "message" in x;
}
