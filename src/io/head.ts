import { closeSync, openSync, readSync } from "node:fs";

/** The one buffer every head is read into: reads are synchronous, so one at a time. */
let shared: Buffer | null = null;

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
    return shared.toString("utf8", 0, readSync(fd, shared, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}
