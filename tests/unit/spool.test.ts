import { ftruncateSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { Spool } from "../../src/io/spool.js";
import { withTempDir } from "../helpers/run.js";

/** Parts of text whose characters take one to four bytes, so that spooled pieces cut through them. */
const PARTS = Array.from({ length: 400 }, (_, i) => `${i}: plain, é, €, 😀 ${"x".repeat(i % 7)}\n`.repeat(40));

describe("the spool standard output is held in", () => {
  it("hands back what was written, in order, from memory while it is small", () => withTempDir((dir) => {
    const spool = new Spool(dir, 1 << 20);
    for (const part of PARTS.slice(0, 3)) spool.write(part);
    expect(readdirSync(dir)).toEqual([]);
    let out = "";
    spool.drainTo((text) => void (out += text));
    expect(out).toBe(PARTS.slice(0, 3).join(""));
  }));

  it("goes to a file of the user's own past its limit, and hands back every character whole", () => withTempDir((dir) => {
    const spool = new Spool(dir, 1000);
    const seen: string[] = [];
    for (const part of PARTS) spool.write(part);
    // The file is unnamed as soon as it is made (POSIX): nothing to leave behind, nothing for others to read.
    if (process.platform !== "win32") expect(readdirSync(dir)).toEqual([]);
    spool.drainTo((text) => void seen.push(text));
    expect(seen.length).toBeGreaterThan(1); // Handed on in pieces, not as one string.
    expect(seen.join("")).toBe(PARTS.join(""));
    expect(readdirSync(dir)).toEqual([]);
  }));

  it("takes text already encoded as UTF-8, held or spooled, and keeps it when the writer reuses its buffer", () => withTempDir((dir) => {
    for (const limit of [1 << 20, 1000]) {
      const spool = new Spool(dir, limit);
      for (const [i, part] of PARTS.entries()) {
        if (i % 2) {
          spool.write(part);
          continue;
        }
        const bytes = new TextEncoder().encode(part);
        spool.write(bytes);
        bytes.fill(0x21); // As a worker's buffer is let go once its parts are written.
      }
      let out = "";
      spool.drainTo((text) => void (out += text));
      expect(out).toBe(PARTS.join(""));
    }
  }));

  it("hands a spooled file on as the bytes written, in large pieces, when the writer takes bytes", () => withTempDir((dir) => {
    const written = [...PARTS, ...PARTS, ...PARTS, ...PARTS, ...PARTS]; // About 2 MB: more than one 1 MiB piece.
    const spool = new Spool(dir, 1000);
    for (const part of written) spool.write(part);
    const pieces: Buffer[] = [];
    let text = "";
    // The piece's buffer is reused for the next one: the writer copies (as writeSync does, by writing it).
    spool.drainTo((t) => void (text += t), (bytes) => void pieces.push(Buffer.from(bytes)));
    expect(text).toBe(""); // Nothing decoded to text.
    expect(pieces.length).toBeGreaterThan(1);
    expect(Math.max(...pieces.map((p) => p.length))).toBe(1 << 20);
    expect(Buffer.concat(pieces).equals(Buffer.from(written.join(""), "utf8"))).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    // Held in memory, it is still handed on as text.
    const small = new Spool(dir, 1 << 20);
    small.write(PARTS[0]!);
    let held = "";
    small.drainTo((t) => void (held += t), () => expect.unreachable("a held spool goes on as text"));
    expect(held).toBe(PARTS[0]);
  }));

  it("never passes a spooled file cut short as whole: reading it back fails, as text or as bytes, and the file is let go", () => withTempDir((dir) => {
    for (const asBytes of [false, true]) {
      const spool = new Spool(dir, 1000);
      for (const part of PARTS) spool.write(part);
      // As if the held file lost its end (another process, a failing disk) before the run finished.
      ftruncateSync((spool as unknown as { file: { fd: number } }).file.fd, 5000);
      let out = 0;
      const drain = () => spool.drainTo((t) => void (out += Buffer.byteLength(t)), asBytes ? (b) => void (out += b.length) : undefined);
      expect(drain).toThrow(UsageError);
      expect(drain).not.toThrow(); // Discarded: nothing left to hand on.
      expect(out).toBeLessThanOrEqual(5000);
      expect(readdirSync(dir)).toEqual([]);
    }
    const message = (() => {
      const spool = new Spool(dir, 10);
      spool.write("x".repeat(100));
      ftruncateSync((spool as unknown as { file: { fd: number } }).file.fd, 40);
      try {
        spool.drainTo(() => {});
      } catch (error) {
        return `${(error as UsageError).message} (${(error as UsageError).hint})`;
      }
      return "";
    })();
    expect(message).toBe(`cannot read back the output held in ${dir}: it ends after 40 of its 100 bytes; the output is incomplete (run it again, or write to a file with -o)`);
  }));

  it("prints nothing and keeps nothing once discarded", () => withTempDir((dir) => {
    const spool = new Spool(dir, 10);
    for (const part of PARTS.slice(0, 5)) spool.write(part);
    spool.discard();
    let out = "";
    spool.drainTo((text) => void (out += text));
    expect(out).toBe("");
    expect(readdirSync(dir)).toEqual([]);
  }));

  it("says so when its file cannot be made, past its limit and not before", () => withTempDir((dir) => {
    const spool = new Spool(join(dir, "no-such-directory"), 10);
    spool.write("ten chars!");
    expect(() => spool.write("one more")).toThrow(/ENOENT/);
  }));
});
