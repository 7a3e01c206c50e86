import { spawn } from "node:child_process";
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SUMMARY_LIMIT } from "../../src/formats/github-summary.js";
import { BIN, CACHE_ENV, EXAMPLES, FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const ANSWERS = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");

/** A temporary folder with an answers file and a copy of a small pack in `pack/`. */
function setUp(dir: string): Record<string, string> {
  writeFileSync(join(dir, "a.yaml"), ANSWERS);
  cpSync(join(FIXTURES, "two-principle-pack"), join(dir, "pack"), { recursive: true });
  const before: Record<string, string> = {};
  for (const f of readdirSync(join(dir, "pack"))) before[f] = readFileSync(join(dir, "pack", f), "utf8");
  return before;
}

describe("no output overwrites an input", () => {
  it.each([
    ["report over pack.yaml", ["report", "a.yaml", "--pack", "pack", "-o", "pack/pack.yaml"]],
    ["report over a principle's file", ["report", "a.yaml", "--pack", "pack", "-o", "pack/alpha.yaml"]],
    ["check over a principle's file", ["check", "a.yaml", "--pack", "pack", "--format", "json", "-o", "./pack/../pack/beta.yaml"]],
    ["diff over pack.yaml", ["diff", "a.yaml", "a.yaml", "--pack", "pack", "-o", "pack/pack.yaml"]],
    ["init --force over pack.yaml", ["init", "pack/pack.yaml", "--force", "--pack", "pack"]],
  ])("refuses %s, leaving the pack as it was", (_, args) => withTempDir(async (dir) => {
    const before = setUp(dir);
    const r = await runInProcess(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: refusing to write the (output|answers file) over the input .*pack[/\\](pack|alpha|beta)\.yaml\n/);
    for (const [f, text] of Object.entries(before)) expect(readFileSync(join(dir, "pack", f), "utf8")).toBe(text);
  }));

  it("refuses a GITHUB_STEP_SUMMARY that names an input, before writing anything", () => withTempDir(async (dir) => {
    setUp(dir);
    const r = await runInProcess(["check", "a.yaml", "--format", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, "a.yaml") } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: refusing to write the step summary \(GITHUB_STEP_SUMMARY\) over the input a\.yaml/);
    expect(r.stdout).toBe("");
    expect(readFileSync(join(dir, "a.yaml"), "utf8")).toBe(ANSWERS);
  }));
});

describe("the GitHub step summary", () => {
  it("stays under GitHub's 1 MiB, saying what was left out", () => withTempDir(async (dir) => {
    setUp(dir);
    const summary = join(dir, "summary.md");
    const earlier = `${"x".repeat(99)}\n`.repeat(Math.floor((SUMMARY_LIMIT - 700) / 100));
    writeFileSync(summary, earlier);
    const r = await runInProcess(["check", "a.yaml", "--format", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1);
    const text = readFileSync(summary, "utf8");
    expect(statSync(summary).size).toBeLessThan(1024 * 1024);
    expect(text.startsWith(earlier)).toBe(true);
    expect(text.slice(earlier.length)).toMatch(/^## rml-assess check\n/);
    expect(text).toMatch(/\n_\d+ more lines of this summary are left out: GitHub shows no summary over 1 MiB\. The check's own output lists every finding\._\n$/);
  }));

  it("keeps every summary of checks run in parallel (one O_APPEND write each)", () => withTempDir(async (dir) => {
    setUp(dir);
    const summary = join(dir, "summary.md");
    const runs = Array.from({ length: 10 }, () => new Promise<number | null>((done) => {
      const child = spawn(process.execPath, [BIN, "check", "a.yaml", "--format", "github"], {
        cwd: dir, stdio: "ignore", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", GITHUB_STEP_SUMMARY: summary, ...CACHE_ENV },
      });
      child.on("exit", (code) => done(code));
    }));
    expect(await Promise.all(runs)).toEqual(Array(10).fill(1));
    const text = readFileSync(summary, "utf8");
    expect(text.match(/^## rml-assess check$/gm)).toHaveLength(10);
    // Each summary is whole: the ten are the same text one after another.
    const one = text.slice(0, text.length / 10);
    expect(text).toBe(one.repeat(10));
  }), 120_000);
});
