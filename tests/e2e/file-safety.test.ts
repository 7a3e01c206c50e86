import { spawnSync } from "node:child_process";
import { chmodSync, linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, EXAMPLES, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

const CREDIT = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");

describe("report never overwrites its input", () => {
  it.each([
    ["the same name", "answers.yaml"],
    ["a ./ spelling", "./answers.yaml"],
    ["a detour through a folder", "sub/../answers.yaml"],
    ["a symbolic link to it", "link.yaml"],
    ["a hard link to it", "hard.yaml"],
  ])("refuses -o naming the input by %s", (_, output) => withTempDir((dir) => {
    writeFileSync(join(dir, "answers.yaml"), CREDIT);
    mkdirSync(join(dir, "sub"));
    symlinkSync(join(dir, "answers.yaml"), join(dir, "link.yaml"));
    linkSync(join(dir, "answers.yaml"), join(dir, "hard.yaml"));
    const r = runBinary(["report", "answers.yaml", "-o", output], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: refusing to write the output over the input answers\.yaml\n/);
    expect(readFileSync(join(dir, "answers.yaml"), "utf8")).toBe(CREDIT);
    expect(readdirSync(dir).sort()).toEqual(["answers.yaml", "hard.yaml", "link.yaml", "sub"]);
  }));

  it("still writes a report beside the input", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "answers.yaml"), CREDIT);
    const r = await runInProcess(["report", "answers.yaml", "-o", "./answers.md"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "answers.md"), "utf8")).toMatch(/^# Responsible ML assessment/);
  }));

  it("reports an output it cannot write with exit 2, leaving what was there", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "answers.yaml"), CREDIT);
    mkdirSync(join(dir, "report.md"));
    const isDir = await runInProcess(["report", "answers.yaml", "-o", "report.md"], { cwd: dir });
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toMatch(/^error: cannot write report\.md: it is a directory; nothing was written\n/);
    const noDir = await runInProcess(["report", "answers.yaml", "-o", "missing/report.md"], { cwd: dir });
    expect(noDir.stderr).toMatch(/cannot write missing\/report\.md: its directory does not exist/);
    const throughFile = await runInProcess(["report", "answers.yaml", "-o", "answers.yaml/report.md"], { cwd: dir });
    expect(throughFile.stderr).toMatch(/a part of its path is a file, not a directory/);
    expect(readdirSync(dir).sort()).toEqual(["answers.yaml", "report.md"]);
    expect(readdirSync(join(dir, "report.md"))).toEqual([]);
  }));
});

describe("an unreadable answers file", () => {
  it("is reported with exit 2 and a located message, for users whom permissions stop", ({ skip }) => withTempDir((dir) => {
    const file = join(dir, "answers.yaml");
    writeFileSync(file, CREDIT);
    chmodSync(file, 0o000);
    chmodSync(dir, 0o755);
    // Root reads any file whatever its mode, so as root the check runs as the unprivileged 'nobody'.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, uid, gid: uid, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" } });
    const probe = run(["--version"]);
    if (probe.status !== 0) skip(`cannot run the binary as uid ${uid ?? "self"} here (${(probe.stderr || probe.error?.message || "").split("\n")[0]}), so the permission check is not exercised`);
    const r = run(["check", "answers.yaml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("answers.yaml: cannot be read (permission denied) (check the file's permissions)\n✖ 1 problem in the input; nothing was written.\n");
  }));
});

describe("a UTF-8 byte-order mark and CRLF line endings", () => {
  it("are read like any other file, with findings on the right lines", async () => {
    const file = "tests/fixtures/bad-input/bom-and-crlf.yaml";
    const r = await runInProcess(["check", file, "--format", "json"]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout).results[0];
    expect(result.project.name).toBe("Fraud scoring");
    expect(result.principles[0].counts).toMatchObject({ yes: 1, partial: 1 });
    // A missing question points at its principle's key; a missing principle at `answers:`.
    const lines = readFileSync(file, "utf8").split("\r\n");
    for (const f of result.findings) expect([f.principle, "answers"]).toContain(lines[f.line - 1]!.trim().replace(/:$/, ""));
    expect(result.findings.find((f: { question: string }) => f.question === "scheduled-review")).toMatchObject({ line: 5, column: 3 });
    expect(result.findings.find((f: { principle: string }) => f.principle === "bias-evaluation")).toMatchObject({ line: 4, column: 1 });
  });
});
