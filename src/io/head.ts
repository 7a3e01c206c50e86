import { closeSync, openSync, readSync } from "node:fs";

/** The one buffer every head is read into: reads are synchronous, so one at a time. */
let shared: Buffer | null = null;
/** How many bytes the last read put into it. */
let lastRead = 0;

/**
 * The first `bytes` bytes of a file as UTF-8 text (a character cut at the end is replaced), where
 * its top-level keys can be looked for without parsing it; throws when the file cannot be read.
 * Bulk runs read the head of every file: one reused buffer, not zeroed, keeps that from allocating
 * (and clearing) tens of kilobytes a file outside the heap, which only a collection gives back.
 */
export function fileHead(path: string, bytes: number): string {
  const fd = openSync(path, "r");
  try {
    if (!shared || shared.length < bytes) shared = Buffer.allocUnsafe(bytes);
    // Only the bytes just read are decoded: what an earlier, longer head left in the buffer is not.
    lastRead = readSync(fd, shared, 0, bytes, 0);
    return shared.toString("utf8", 0, lastRead);
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `bytes` bytes of a file as text (fileHead), and its first `prefixBytes` (fewer) as
 * text of their own, exactly as fileHead(path, prefixBytes) would give them, from one read: a
 * directory search tells answers files by the one and finds their `pack:` line in the other.
 */
export function fileHeads(path: string, bytes: number, prefixBytes: number): { head: string; prefix: string } {
  const head = fileHead(path, bytes);
  return { head, prefix: lastRead <= prefixBytes ? head : shared!.toString("utf8", 0, prefixBytes) };
}
