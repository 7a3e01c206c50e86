import { closeSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { UsageError } from "../errors.js";
import { reasonFor } from "./errno.js";
import { createTemporary } from "./write.js";

/** How much output is held in memory (in UTF-16 code units, at most 3 bytes each, or bytes) before it goes to a file. */
export const SPOOL_IN_MEMORY = 1 << 20;
/** The size of the pieces a spooled file is handed on in as text. */
const CHUNK = 1 << 16;
/** The size of the pieces a spooled file is handed on in as bytes: fewer reads and writes, one buffer. */
const BYTE_CHUNK = 1 << 20;

/**
 * Output held back until a run knows it succeeded, so that invalid input found late still leaves
 * nothing printed: in memory while it is small, then in a temporary file of the user's own (mode
 * 0600, created exclusively in `dir`, the system's temporary directory by default), so memory stays
 * flat whatever the size. The file is removed as soon as it is made where the system allows it,
 * so not even a crash leaves it behind.
 */
export class Spool {
  private held: (string | Uint8Array)[] = [];
  private heldLength = 0;
  private file: { fd: number; path: string; removed: boolean } | null = null;
  private size = 0;

  constructor(private readonly dir = tmpdir(), private readonly limit = SPOOL_IN_MEMORY) {}

  /**
   * Takes text, or text already encoded as UTF-8 (whole characters, as a worker thread sends a
   * file's part); bytes are copied or written at once, so their buffer may be reused or let go.
   */
  write(text: string | Uint8Array): void {
    if (this.file) return this.append(text);
    this.held.push(typeof text === "string" ? text : new Uint8Array(text));
    this.heldLength += text.length;
    if (this.heldLength > this.limit) this.spill();
  }

  /**
   * Hands everything written to `out`, in order (in pieces of at most 64 kB once spooled), then lets
   * it go. With `outBytes`, a spooled file goes to it as it was written, in 1 MiB pieces of UTF-8
   * (a piece may end inside a character), never decoded and encoded again. A spooled file that
   * cannot be read back, or reads back shorter than what was written, is a UsageError: a cut
   * document is never passed on as whole.
   */
  drainTo(out: (text: string) => void, outBytes?: (bytes: Uint8Array) => void): void {
    try {
      if (!this.file) {
        for (const text of this.held) out(typeof text === "string" ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString("utf8"));
        return;
      }
      if (outBytes) return this.readBack(BYTE_CHUNK, outBytes);
      // A character cut at a piece's end waits in the decoder for the rest of its bytes.
      const decoder = new StringDecoder("utf8");
      this.readBack(CHUNK, (piece) => {
        const text = decoder.write(piece);
        if (text) out(text);
      });
      const rest = decoder.end();
      if (rest) out(rest);
    } finally {
      this.discard();
    }
  }

  /** The spooled file's bytes, in pieces of at most `chunk` bytes (one buffer, reused). */
  private readBack(chunk: number, each: (piece: Buffer) => void): void {
    const buffer = Buffer.allocUnsafe(chunk);
    const failed = (why: string) => new UsageError(`cannot read back the output held in ${this.dir}: ${why}; the output is incomplete`, "run it again, or write to a file with -o");
    for (let at = 0; at < this.size;) {
      let n: number;
      try {
        n = readSync(this.file!.fd, buffer, 0, chunk, at);
      } catch (error) {
        throw failed(reasonFor(error));
      }
      if (n === 0) throw failed(`it ends after ${at} of its ${this.size} bytes`);
      at += n;
      each(buffer.subarray(0, n));
    }
  }

  /** Lets everything written go, printing nothing. */
  discard(): void {
    this.held = [];
    this.heldLength = 0;
    if (!this.file) return;
    const { fd, path, removed } = this.file;
    this.file = null;
    closeSync(fd);
    if (!removed) rmSync(path, { force: true });
  }

  private spill(): void {
    const { tmp, fd } = createTemporary(join(this.dir, "rml-assess-output"), 0o600, "wx+");
    let removed = false;
    try {
      rmSync(tmp);
      removed = true;
    } catch {
      // Windows keeps an open file's name: it is removed when the spool is let go.
    }
    this.file = { fd, path: tmp, removed };
    const held = this.held;
    this.held = [];
    this.heldLength = 0;
    for (const text of held) this.append(text);
  }

  private append(text: string | Uint8Array): void {
    const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
    for (let done = 0; done < bytes.length;) done += writeSync(this.file!.fd, bytes, done, bytes.length - done, this.size + done);
    this.size += bytes.length;
  }
}
