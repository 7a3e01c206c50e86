import * as fs from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_INPUT_BYTES, readTextFile } from "../../src/io/read.js";
import { withTempDir } from "../helpers/run.js";

// The real fs, with its stat calls replaceable per test: a file checked as small and regular can be
// swapped (for a FIFO, or a larger file) before it is read.
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return { ...real, statSync: vi.fn(real.statSync), fstatSync: vi.fn(real.fstatSync) };
});

/** What a stat of a small regular file says, whatever the path now holds. */
const smallFile = { isFile: () => true, isDirectory: () => false, isFIFO: () => false, size: 10 } as unknown as fs.Stats;

afterEach(() => {
  vi.mocked(fs.statSync).mockRestore();
  vi.mocked(fs.fstatSync).mockRestore();
});

describe("readTextFile and a file swapped after its check", () => {
  it("holds the size limit while reading, whatever the size was when checked", () => withTempDir((dir) => {
    const file = join(dir, "big.yaml");
    fs.writeFileSync(file, "a: b\n".repeat(MAX_INPUT_BYTES / 4));
    vi.mocked(fs.statSync).mockReturnValue(smallFile);
    vi.mocked(fs.fstatSync).mockReturnValue(smallFile);
    const read = readTextFile(file, "big.yaml");
    expect(read).toMatchObject({ file: "big.yaml", message: "the file is over the 5 MB limit for inputs", wholeFile: true });
  }));

  it("refuses a FIFO put in the file's place without waiting for a writer", () => withTempDir((dir) => {
    const file = join(dir, "answers.yaml");
    expect(spawnSync("mkfifo", [file]).status).toBe(0);
    // The check saw a regular file; a FIFO is what is opened.
    vi.mocked(fs.statSync).mockReturnValue(smallFile);
    expect(readTextFile(file, "answers.yaml")).toMatchObject({ message: "is not a regular file (a pipe, socket or device)" });
  }), 10_000);
});
