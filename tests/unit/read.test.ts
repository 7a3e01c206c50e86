import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeUtf8, isDiagnostic, MAX_INPUT_BYTES, readInputBytes, readInputsInto, readTextFile } from "../../src/io/read.js";
import { withTempDir } from "../helpers/run.js";

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

describe("decodeUtf8", () => {
  it("drops a byte-order mark and keeps CRLF line endings for the YAML parser", () => {
    expect(decodeUtf8("a.yaml", bytes([0xef, 0xbb, 0xbf], "a: 1\r\nb: 2\r\n"))).toEqual({ text: "a: 1\r\nb: 2\r\n" });
  });

  it("locates the first invalid byte, counting columns in characters after multi-byte ones", () => {
    // "é" is two bytes and one character; the Latin-1 "é" (0xE9) after it is the error.
    const r = decodeUtf8("a.yaml", bytes("a: 1\nname: é ", [0xe9], "t\n"));
    expect(r).toEqual({ error: expect.objectContaining({ line: 2, column: 9, message: "the file is not valid UTF-8 text (byte 0xE9)" }) });
  });

  it("blames the lead byte of a sequence cut short, and finds overlong and surrogate encodings", () => {
    expect(decodeUtf8("a.yaml", bytes("ab", [0xe2, 0x9c], "x"))).toEqual({ error: expect.objectContaining({ line: 1, column: 3, message: expect.stringContaining("0xE2") }) });
    expect(decodeUtf8("a.yaml", bytes("x: ", [0xe2, 0x9c]))).toEqual({ error: expect.objectContaining({ column: 4, message: expect.stringContaining("0xE2") }) });
    expect(decodeUtf8("a.yaml", bytes("x: ", [0xc0, 0x80]))).toEqual({ error: expect.objectContaining({ column: 4, message: expect.stringContaining("0xC0") }) });
    expect(decodeUtf8("a.yaml", bytes("\n\nx: ", [0xed, 0xa0, 0x80]))).toEqual({ error: expect.objectContaining({ line: 3, column: 4 }) });
  });

  it("calls a file with a NUL byte binary and says where the NUL is", () => {
    expect(decodeUtf8("a.yaml", bytes("a: 1\nb", [0], "\n"))).toEqual({ error: expect.objectContaining({ line: 2, column: 2, message: expect.stringContaining("binary file") }) });
  });
});

describe("readTextFile", () => {
  it("refuses a named pipe instead of waiting for a writer forever", () => withTempDir((dir) => {
    const fifo = join(dir, "answers.yaml");
    execFileSync("mkfifo", [fifo]);
    expect(readTextFile(fifo, "answers.yaml")).toMatchObject({ file: "answers.yaml", line: 1, column: 1, message: expect.stringContaining("not a regular file") });
  }));

  it("says a path through a file is not a directory", () => withTempDir((dir) => {
    writeFileSync(join(dir, "pack"), "");
    expect(readTextFile(join(dir, "pack", "pack.yaml"), "pack/pack.yaml")).toMatchObject({ message: expect.stringContaining("a part of the path is a file") });
  }));
});

describe("readInputsInto (a batch of a large run, read on the main thread)", () => {
  it("says of each file what readInputBytes says, the good ones views of one buffer", () => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), "a: é\n");
    writeFileSync(join(dir, "empty.yaml"), "");
    mkdirSync(join(dir, "dir.yaml"));
    writeFileSync(join(dir, "big.yaml"), Buffer.alloc(MAX_INPUT_BYTES + 1, 0x61));
    writeFileSync(join(dir, "b.yaml"), "b: 2\n");
    execFileSync("mkfifo", [join(dir, "fifo.yaml")]);
    const names = ["a.yaml", "missing.yaml", "empty.yaml", "dir.yaml", "big.yaml", "fifo.yaml", "b.yaml"];
    const files = names.map((name) => ({ path: join(dir, name), display: name }));
    const { bytes, buffer } = readInputsInto(files);
    expect(bytes).toEqual(files.map(({ path, display }) => readInputBytes(path, display)));
    expect(bytes.map((b) => (isDiagnostic(b) ? b.message.split(" (")[0]!.split(",")[0] : Buffer.from(b).toString("utf8")))).toEqual([
      "a: é\n", "no such file", "", "is a directory", "the file is 5.0 MB", "is not a regular file", "b: 2\n",
    ]);
    // The files read share one buffer (moved to the worker whole); each has one byte of room more.
    for (const b of bytes) if (!isDiagnostic(b)) expect(b.buffer).toBe(buffer);
    expect(buffer.byteLength).toBe(Buffer.byteLength("a: é\n") + 1 + 1 + "b: 2\n".length + 1);
  }));
});
