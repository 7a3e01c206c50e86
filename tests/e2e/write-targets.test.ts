import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, CACHE_ENV, EXAMPLES, runBinary, withTempDir } from "../helpers/run.js";

const ANSWERS = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");
const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

/** Runs a shell command line with the binary as `rml` (for redirections and pipes). */
function sh(line: string, cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync("/bin/sh", ["-c", line], {
    cwd, encoding: "utf8", timeout: 60_000,
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RML: `${process.execPath} ${BIN}`, ...CACHE_ENV },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("-o to something other than a regular file", () => {
  it("writes into a character device made with mknod, leaving it a device", ({ skip }) => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    const made = spawnSync("mknod", [join(dir, "devnull"), "c", "1", "3"]);
    if (made.status !== 0) skip(`mknod is not allowed here (${made.stderr}), so a device target cannot be made`);
    const r = runBinary(["report", "a.yaml", "-o", "devnull"], { cwd: dir });
    expect(r.stderr).toMatch(/^Wrote devnull/);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, "devnull")).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["a.yaml", "devnull"]);
  }));

  it("writes into a FIFO for the reader at its other end, leaving it a FIFO", () => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    expect(spawnSync("mkfifo", [join(dir, "pipe")]).status).toBe(0);
    const r = sh(`cat pipe > got.md & $RML report a.yaml -o pipe; wait`, dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "got.md"), "utf8")).toMatch(/^# Responsible ML assessment/);
    expect(lstatSync(join(dir, "pipe")).isFIFO()).toBe(true);
  }));

  it("writes -o /dev/stdout into a pipe", () => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    // The reader keeps reading after the first 100 bytes: the report is larger than a pipe's buffer.
    const r = sh(`$RML report a.yaml -o /dev/stdout | { head -c 100; cat > /dev/null; }`, dir);
    expect(r.stderr).toMatch(/^Wrote \/dev\/stdout/);
    expect(r.stdout).toMatch(/^# Responsible ML assessment/);
    const check = sh(`$RML check a.yaml --format json -o /dev/stdout | cat`, dir);
    expect(JSON.parse(check.stdout).results).toHaveLength(1);
  }));
});

describe("-o through a symbolic link in a shared sticky directory", () => {
  it("refuses a link planted by another user, keeping the file it points to", ({ skip }) => withTempDir((dir) => {
    if (!ROOT) skip("needs root to make a link owned by another user (nobody)");
    const shared = join(dir, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "the user's own file\n");
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    symlinkSync(victim, join(shared, "report.md"));
    spawnSync("chown", ["-h", `${NOBODY}:${NOBODY}`, join(shared, "report.md")]);
    expect(lstatSync(join(shared, "report.md")).uid).toBe(NOBODY);
    const r = runBinary(["report", "a.yaml", "-o", "shared/report.md"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write shared\/report\.md: it is a symbolic link in a shared sticky directory/);
    expect(readFileSync(victim, "utf8")).toBe("the user's own file\n");
    // The user's own link there is followed as before.
    spawnSync("chown", ["-h", "0:0", join(shared, "report.md")]);
    expect(runBinary(["report", "a.yaml", "-o", "shared/report.md"], { cwd: dir }).code).toBe(0);
    expect(readFileSync(victim, "utf8")).toMatch(/^# Responsible ML assessment/);
  }));
});

describe("-o over an existing file", () => {
  it("keeps its mode with group write, and its owner and group", ({ skip }) => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    const out = join(dir, "report.md");
    writeFileSync(out, "old\n");
    chmodSync(out, 0o664);
    if (ROOT) chownSync(out, NOBODY, NOBODY);
    const r = runBinary(["report", "a.yaml", "-o", "report.md"], { cwd: dir });
    expect(r.code).toBe(0);
    const after = statSync(out);
    expect(after.mode & 0o7777).toBe(0o664);
    if (!ROOT) skip("ownership is kept only where the system allows a chown (as root); the mode was checked");
    expect([after.uid, after.gid]).toEqual([NOBODY, NOBODY]);
  }));

  it("refuses a read-only file as a shell's > would, leaving it as it was", () => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    writeFileSync(join(dir, "report.md"), "kept\n");
    chmodSync(join(dir, "report.md"), 0o444);
    const r = runBinary(["report", "a.yaml", "-o", "report.md"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write report\.md: the file is read-only/);
    expect(readFileSync(join(dir, "report.md"), "utf8")).toBe("kept\n");
    expect(readdirSync(dir).sort()).toEqual(["a.yaml", "report.md"]);
  }));

  it("writes a name as long as the file system allows (the temporary name is shortened)", () => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    const name = `${"r".repeat(252)}.md`;
    const r = runBinary(["report", "a.yaml", "-o", name], { cwd: dir });
    expect(r.stderr).toMatch(/^Wrote r+\.md/);
    expect(readFileSync(join(dir, name), "utf8")).toMatch(/^# Responsible ML assessment/);
    expect(readdirSync(dir).sort()).toEqual(["a.yaml", name]);
  }));
});

describe("a full disk", () => {
  it("is an environment error: exit 2 with a plain message, no stack trace and no 'bug'", () => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    for (const line of ["$RML --version > /dev/full", "$RML report a.yaml > /dev/full", "$RML check a.yaml --format json > /dev/full"]) {
      const r = sh(line, dir);
      expect(r.code, line).toBe(2);
      expect(r.stderr, line).toMatch(/^error: cannot write (the version )?to standard output/);
      expect(r.stderr, line).not.toMatch(/bug|    at /);
    }
  }));
});

describe("a signal during a write to -o", () => {
  // SIGTERM ends with 128 + 15; Ctrl-C (SIGINT) ends with 130, as a shell reports it. Either way the temporary file goes.
  it.each([["SIGTERM", 143], ["SIGINT", 130]] as const)("%s removes the temporary file and ends with %i", async (signal, code) => withTempDir(async (dir) => {
    mkdirSync(join(dir, "many"));
    for (let i = 0; i < 3000; i++) writeFileSync(join(dir, "many", `a${i}.yaml`), ANSWERS);
    const child = spawn(process.execPath, [BIN, "check", "many", "--format", "json", "-o", "out.json", "--jobs", "1"], {
      cwd: dir, env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...CACHE_ENV }, stdio: "ignore",
    });
    const ended = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    const temporary = () => readdirSync(dir).filter((f) => f.startsWith(".out.json.tmp-"));
    const deadline = Date.now() + 60_000;
    while (!temporary().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(temporary()).toHaveLength(1);
    child.kill(signal);
    expect(await ended).toBe(code);
    expect(readdirSync(dir).sort()).toEqual(["many"]);
    expect(existsSync(join(dir, "out.json"))).toBe(false);
  }), 120_000);
});
