import * as fs from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeFileAtomic } from "../../src/io/write.js";
import { withTempDir } from "../helpers/run.js";

// The real fs, with renameSync and writeFileSync replaceable per test to simulate failures.
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return { ...real, renameSync: vi.fn(real.renameSync), writeFileSync: vi.fn(real.writeFileSync) };
});

const OLD = "# the team's report, before\n";
const failure = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

afterEach(() => {
  vi.mocked(fs.renameSync).mockClear();
  vi.mocked(fs.writeFileSync).mockClear();
});

describe("writeFileAtomic", () => {
  it("replaces the file's content and keeps its mode", () => withTempDir((dir) => {
    const file = join(dir, "report.md");
    fs.writeFileSync(file, OLD, { mode: 0o640 });
    writeFileAtomic(file, "new\n");
    expect(fs.readFileSync(file, "utf8")).toBe("new\n");
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(["report.md"]);
  }));

  it("leaves the old file intact and no temporary file when the disk fills mid-write", () => withTempDir((dir) => {
    const file = join(dir, "report.md");
    fs.writeFileSync(file, OLD);
    const real = vi.mocked(fs.writeFileSync).getMockImplementation()!;
    vi.mocked(fs.writeFileSync).mockImplementationOnce((path, data, options) => {
      // Half the content reaches the temporary file, then the write fails.
      real(path, String(data).slice(0, 10), options);
      throw failure("ENOSPC");
    });
    expect(() => writeFileAtomic(file, "x".repeat(1000))).toThrow(/ENOSPC/);
    expect(fs.readFileSync(file, "utf8")).toBe(OLD);
    expect(fs.readdirSync(dir)).toEqual(["report.md"]);
  }));

  it("leaves the old file intact and no temporary file when the rename fails", () => withTempDir((dir) => {
    const file = join(dir, "report.md");
    fs.writeFileSync(file, OLD);
    vi.mocked(fs.renameSync).mockImplementationOnce(() => {
      throw failure("EIO");
    });
    expect(() => writeFileAtomic(file, "new\n")).toThrow(/EIO/);
    expect(vi.mocked(fs.renameSync)).toHaveBeenCalledTimes(1);
    // The temporary file was in the same directory as the target, so the rename could not cross devices.
    const [from, to] = vi.mocked(fs.renameSync).mock.calls[0]!;
    expect(join(String(from), "..")).toBe(dir);
    expect(to).toBe(file);
    expect(fs.readFileSync(file, "utf8")).toBe(OLD);
    expect(fs.readdirSync(dir)).toEqual(["report.md"]);
  }));

  it("writes through a symbolic link, keeping the link", () => withTempDir((dir) => {
    const target = join(dir, "real.md");
    const link = join(dir, "link.md");
    fs.writeFileSync(target, OLD);
    fs.symlinkSync(target, link);
    writeFileAtomic(link, "new\n");
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, "utf8")).toBe("new\n");
  }));

  it("fails without leaving anything when the target is a directory", () => withTempDir((dir) => {
    fs.mkdirSync(join(dir, "report.md"));
    fs.writeFileSync(join(dir, "report.md", "keep"), OLD);
    expect(() => writeFileAtomic(join(dir, "report.md"), "new\n")).toThrow();
    expect(fs.readdirSync(dir)).toEqual(["report.md"]);
    expect(fs.readFileSync(join(dir, "report.md", "keep"), "utf8")).toBe(OLD);
  }));
});
