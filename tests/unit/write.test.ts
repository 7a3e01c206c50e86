import * as fs from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi, type Mock } from "vitest";
import { AtomicFile, writeFileAtomic } from "../../src/io/write.js";
import { withTempDir } from "../helpers/run.js";

// The real fs, with renameSync and writeSync replaceable per test to simulate failures.
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return { ...real, renameSync: vi.fn(real.renameSync), writeSync: vi.fn(real.writeSync), openSync: vi.fn(real.openSync), fsyncSync: vi.fn(real.fsyncSync) };
});

const OLD = "# the team's report, before\n";
/** writeSync as AtomicFile calls it: bytes, an offset and a length; returns how many were written. */
type WriteBytes = (fd: number, bytes: Uint8Array, offset: number, length: number) => number;
const writeSync = () => vi.mocked(fs.writeSync) as unknown as Mock<WriteBytes>;
const failure = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

afterEach(() => {
  vi.mocked(fs.renameSync).mockClear();
  vi.mocked(fs.openSync).mockClear();
  writeSync().mockClear();
});

describe("AtomicFile's temporary file", () => {
  it("is a new file of its own: two writers at once get two, and a name already taken is passed over", () => withTempDir((dir) => {
    const file = join(dir, "report.md");
    fs.writeFileSync(file, OLD);
    const first = new AtomicFile(file);
    const second = new AtomicFile(file);
    const temporaries = fs.readdirSync(dir).filter((f) => f !== "report.md");
    expect(temporaries).toHaveLength(2);
    for (const t of temporaries) expect(t).toMatch(/^\.report\.md\.tmp-/);
    second.write("second\n");
    second.commit();
    first.abort();
    expect(fs.readFileSync(file, "utf8")).toBe("second\n");
    expect(fs.readdirSync(dir)).toEqual(["report.md"]);

    // A leftover file holds the name tried first (created exclusively, it is not overwritten).
    const open = vi.mocked(fs.openSync);
    open.mockClear();
    const real = open.getMockImplementation()!;
    let leftover = "";
    open.mockImplementationOnce((path, flags, mode) => {
      leftover = String(path);
      fs.writeFileSync(leftover, "a crashed run's\n");
      return real(path, flags, mode);
    });
    writeFileAtomic(file, "third\n");
    expect(open).toHaveBeenCalledTimes(2);
    expect(String(open.mock.calls[1]![0])).not.toBe(leftover);
    expect(fs.readFileSync(file, "utf8")).toBe("third\n");
    expect(fs.readFileSync(leftover, "utf8")).toBe("a crashed run's\n");
  }));
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
    const real = writeSync().getMockImplementation()!;
    writeSync().mockImplementationOnce((fd, bytes) => {
      // Ten bytes reach the temporary file, then the disk is full.
      real(fd, bytes, 0, 10);
      throw failure("ENOSPC");
    });
    expect(() => writeFileAtomic(file, "x".repeat(1000))).toThrow(/ENOSPC/);
    expect(fs.readFileSync(file, "utf8")).toBe(OLD);
    expect(fs.readdirSync(dir)).toEqual(["report.md"]);
  }));

  it("finishes a write that the system takes a few bytes at a time", () => withTempDir((dir) => {
    const file = join(dir, "report.md");
    const real = writeSync().getMockImplementation()!;
    writeSync().mockImplementation((fd, bytes, offset, length) => real(fd, bytes, offset, Math.min(length, 7)));
    try {
      // In parts, as `check -o` streams a document.
      const out = new AtomicFile(file);
      out.write("Résumé ✔ ");
      out.write("x".repeat(100));
      out.commit();
    } finally {
      writeSync().mockImplementation(real);
    }
    expect(fs.readFileSync(file, "utf8")).toBe(`Résumé ✔ ${"x".repeat(100)}`);
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

  it("syncs the new content to disk before the rename makes it the file", () => withTempDir((dir) => {
    const file = join(dir, "report.md");
    fs.writeFileSync(file, OLD);
    vi.mocked(fs.fsyncSync).mockClear();
    writeFileAtomic(file, "new\n");
    const synced = vi.mocked(fs.fsyncSync).mock.invocationCallOrder;
    const renamed = vi.mocked(fs.renameSync).mock.invocationCallOrder;
    expect(synced).toHaveLength(1);
    expect(renamed).toHaveLength(1);
    expect(synced[0]!).toBeLessThan(renamed[0]!);
  }));
});
