import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { fileDiagnostic, type Diagnostic } from "../errors.js";
import { noteRead } from "./read-set.js";

/** Larger inputs are refused before reading: no answers file or checklist comes near this. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export interface TextFile {
  /** The path as the user should see it in messages. */
  file: string;
  text: string;
  bytes: Uint8Array;
}

/** The size limit as a message: the file is over it (its size known or not). */
function tooBig(display: string, size: number | null): Diagnostic {
  const what = size === null ? "the file is over the 5 MB limit for inputs" : `the file is ${(size / 1024 / 1024).toFixed(1)} MB, over the 5 MB limit for inputs`;
  return fileDiagnostic(display, what, "an answers file or checklist is a few kilobytes; check the path");
}

/**
 * Reads at most `limit` + 1 bytes of a descriptor: enough to know the content is over the limit.
 * One buffer, sized for the `expected` bytes (the file's size when opened) and one more, so that
 * the read that finds the end (or that the file grew) needs no buffer of its own: a bulk run reads
 * thousands of files, and a 64 KiB buffer per read, concatenated, was a cost of its own.
 */
function readUpTo(fd: number, limit: number, expected: number): Uint8Array {
  let buffer = Buffer.allocUnsafe(Math.min(expected, limit) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      // The file grew past what it was: room for more, up to one byte over the limit.
      const larger = Buffer.allocUnsafe(Math.min(Math.max(2 * total, 1 << 16), limit + 1));
      buffer.copy(larger, 0, 0, total);
      buffer = larger;
    }
    const n = readSync(fd, buffer, total, buffer.length - total, null);
    if (n === 0) break;
    total += n;
    if (total > limit) break;
  }
  return buffer.subarray(0, total);
}

/**
 * Reads an input file as UTF-8 text, or says why it cannot be used: missing, a directory, not a
 * regular file (a pipe or device could block or never end), unreadable, too big, binary, not UTF-8.
 * The file is opened first (without blocking, should it be a FIFO) and what was opened is checked,
 * and the size limit holds while reading: a file swapped or grown after a check cannot hang or flood.
 */
export function readTextFile(path: string, display = path): TextFile | Diagnostic {
  noteRead(path);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return unreadable(display, error);
  }
  let bytes: Uint8Array;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fileDiagnostic(display, "is a directory, not a file", "give the path of a YAML file");
    if (!stat.isFile()) return fileDiagnostic(display, "is not a regular file (a pipe, socket or device)", "save the content to a file and give its path");
    if (stat.size > MAX_INPUT_BYTES) return tooBig(display, stat.size);
    bytes = readUpTo(fd, MAX_INPUT_BYTES, stat.size);
  } catch (error) {
    return unreadable(display, error);
  } finally {
    closeSync(fd);
  }
  if (bytes.length > MAX_INPUT_BYTES) return tooBig(display, null);
  const decoded = decodeUtf8(display, bytes);
  return "error" in decoded ? decoded.error : { file: display, text: decoded.text, bytes };
}

function unreadable(file: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return fileDiagnostic(file, "no such file", "check the path, or run 'rml-assess init' to create an answers file");
  if (code === "EACCES" || code === "EPERM") return fileDiagnostic(file, "cannot be read (permission denied)", "check the file's permissions");
  if (code === "EISDIR") return fileDiagnostic(file, "is a directory, not a file", "give the path of a YAML file");
  if (code === "ENOTDIR") return fileDiagnostic(file, "does not exist: a part of the path is a file, not a directory", "check the path");
  return fileDiagnostic(file, `cannot be read (${code ?? String(error)})`);
}

/** The 1-based line and column of a byte offset, counting columns in characters as editors do. */
function positionOfByte(file: string, bytes: Uint8Array, offset: number): Diagnostic {
  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
  const lineStart = before.lastIndexOf("\n") + 1;
  return { file, line: before.split("\n").length, column: before.length - lineStart + 1, message: "" };
}

/** Whether the first n bytes decode as UTF-8; with `partial`, a sequence cut off at the end is allowed. */
function decodes(bytes: Uint8Array, n: number, partial: boolean): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, n), { stream: partial });
    return true;
  } catch {
    return false;
  }
}

/** The offset of the first byte that makes the input invalid UTF-8 (a binary search over prefixes). */
function firstInvalidByte(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (decodes(bytes, mid, true)) low = mid;
    else high = mid - 1;
  }
  if (decodes(bytes, low, false)) return low;
  // The valid prefix ends inside a sequence that the next byte breaks: blame the sequence's lead byte.
  let start = low - 1;
  while (start > 0 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--;
  return start;
}

/** Decodes bytes as UTF-8, dropping a byte-order mark; anything else is a diagnostic at the first bad byte. */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string } | { error: Diagnostic } {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { error: { ...positionOfByte(file, bytes, nul), message: "this is a binary file, not text (it holds a NUL byte)", hint: "check the path" } };
  }
  try {
    // TextDecoder drops a leading byte-order mark by itself (ignoreBOM is false).
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return { error: { ...positionOfByte(file, bytes, at), message: `the file is not valid UTF-8 text (byte 0x${byte})`, hint: "save it with UTF-8 encoding" } };
  }
}

export function isDiagnostic(x: unknown): x is Diagnostic {
  return typeof x === "object" && x !== null && "line" in x && "message" in x;
}
