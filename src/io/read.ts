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
 * Reads at most `limit` + 1 bytes of a descriptor into `buffer`, which has room for the bytes the
 * file held when opened and one more (enough to know the content is over the limit): the read that
 * finds the end (or that the file grew) needs no buffer of its own, and a bulk run reads thousands
 * of files. A file that grew past that room is read on into a larger buffer of its own.
 */
function readUpTo(fd: number, limit: number, buffer: Buffer): Uint8Array {
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

/** An input file opened: its descriptor and its size then. */
interface Opened {
  fd: number;
  size: number;
}

/**
 * Opens an input file and checks what was opened, or says why it cannot be used: missing, a
 * directory, not a regular file (a pipe or device could block or never end), unreadable, too big.
 * It is opened without blocking, should it be a FIFO; the descriptor is closed unless returned.
 */
function openInput(path: string, display: string): Opened | Diagnostic {
  noteRead(path);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return unreadable(display, error);
  }
  let problem: Diagnostic;
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size <= MAX_INPUT_BYTES) return { fd, size: stat.size };
    if (stat.isDirectory()) problem = fileDiagnostic(display, "is a directory, not a file", "give the path of a YAML file");
    else if (!stat.isFile()) problem = fileDiagnostic(display, "is not a regular file (a pipe, socket or device)", "save the content to a file and give its path");
    else problem = tooBig(display, stat.size);
  } catch (error) {
    problem = unreadable(display, error);
  }
  closeSync(fd);
  return problem;
}

/** The room a file opened at `size` bytes is read into: its size and one byte more, within the limit. */
const roomFor = (size: number) => Math.min(size, MAX_INPUT_BYTES) + 1;

/** Reads an opened file into `into` (roomFor its size) and closes it; the size limit holds while reading. */
function readOpened({ fd }: Opened, display: string, into: Buffer): Uint8Array | Diagnostic {
  let bytes: Uint8Array;
  try {
    bytes = readUpTo(fd, MAX_INPUT_BYTES, into);
  } catch (error) {
    return unreadable(display, error);
  } finally {
    closeSync(fd);
  }
  return bytes.length > MAX_INPUT_BYTES ? tooBig(display, null) : bytes;
}

/**
 * Reads an input file's bytes, or says why it cannot be used (openInput's reasons). What was opened
 * is checked, and the size limit holds while reading: a file swapped or grown after a check cannot
 * hang or flood.
 */
export function readInputBytes(path: string, display = path): Uint8Array | Diagnostic {
  const opened = openInput(path, display);
  return isDiagnostic(opened) ? opened : readOpened(opened, display, Buffer.allocUnsafe(roomFor(opened.size)));
}

/**
 * Reads several input files as readInputBytes does each, into one buffer: each file's bytes are a
 * view of it (of a buffer of its own only if the file grew while it was read), so a batch of files
 * is one allocation, and can be moved to another thread whole.
 */
export function readInputsInto(files: { path: string; display: string }[]): { bytes: (Uint8Array | Diagnostic)[]; buffer: ArrayBuffer } {
  const opened = files.map(({ path, display }) => openInput(path, display));
  let size = 0;
  for (const one of opened) if (!isDiagnostic(one)) size += roomFor(one.size);
  const buffer = new ArrayBuffer(size);
  let at = 0;
  const bytes = opened.map((one, i) => {
    if (isDiagnostic(one)) return one;
    const room = roomFor(one.size);
    at += room;
    return readOpened(one, files[i]!.display, Buffer.from(buffer, at - room, room));
  });
  return { bytes, buffer };
}

/** An input file's bytes (readInputBytes) as UTF-8 text, or why they are not text (decodeUtf8). */
export function textOf(display: string, bytes: Uint8Array): TextFile | Diagnostic {
  const decoded = decodeUtf8(display, bytes);
  return "error" in decoded ? decoded.error : { file: display, text: decoded.text, bytes };
}

/** Reads an input file as UTF-8 text, or says why it cannot be used (readInputBytes, then not UTF-8 or binary). */
export function readTextFile(path: string, display = path): TextFile | Diagnostic {
  const bytes = readInputBytes(path, display);
  return isDiagnostic(bytes) ? bytes : textOf(display, bytes);
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
