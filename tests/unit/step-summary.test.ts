import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StepSummary } from "../../src/commands/step-summary.js";
import type { CheckContext, FileSummary } from "../../src/formats/document.js";
import { MAX_SUMMARY_ROWS } from "../../src/formats/github-summary.js";
import type { Io } from "../../src/io/io.js";
import type { Finding } from "../../src/core/verdict.js";
import { DEFAULT_POLICY } from "../../src/core/findings.js";
import { withTempDir } from "../helpers/run.js";

const finding = (line: number): Finding => ({ code: "UNANSWERED", severity: "error", message: `unanswered on line ${line}`, principle: "p", question: "q", line, column: 1 });

/** A failed file with `n` findings. */
const failed = (file: string, n: number): FileSummary => ({
  file, project: file, score: 10, band: null, passed: false, errors: n, warnings: 0, findings: Array.from({ length: n }, (_, i) => finding(i + 1)),
});

function ioIn(dir: string, env: Record<string, string>, said: string[] = []): Io {
  return { stdout: () => {}, stderr: (t) => void said.push(t), cwd: dir, env, now: () => new Date("2026-12-07T00:00:00Z"), stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: false };
}

const context = { policy: DEFAULT_POLICY, invalid: [] } as unknown as CheckContext;

describe("GitHub's step summary of a check run", () => {
  it("is kept only for --format github with GITHUB_STEP_SUMMARY set", () => withTempDir((dir) => {
    expect(StepSummary.of("github", ioIn(dir, {}))).toBeNull();
    expect(StepSummary.of("github", ioIn(dir, { GITHUB_STEP_SUMMARY: "" }))).toBeNull();
    expect(StepSummary.of("json", ioIn(dir, { GITHUB_STEP_SUMMARY: "s.md" }))).toBeNull();
    expect(StepSummary.of("github", ioIn(dir, { GITHUB_STEP_SUMMARY: "s.md" }))).toBeInstanceOf(StepSummary);
  }));

  it("lists every file, with the findings of the first files only, and counts the rest", () => withTempDir((dir) => {
    const summary = StepSummary.of("github", ioIn(dir, { GITHUB_STEP_SUMMARY: "s.md" }))!;
    const files = Array.from({ length: 12 }, (_, i) => failed(`f${i}.yaml`, MAX_SUMMARY_ROWS / 5));
    const wanted: boolean[] = [];
    for (const f of files) {
      wanted.push(summary.wantsFindings);
      summary.add(f);
    }
    expect(wanted).toEqual([true, true, true, true, true, false, false, false, false, false, false, false]);
    expect(files.slice(5).every((f) => f.findings.length === 0)).toBe(true);
    const said: string[] = [];
    summary.append(context, ioIn(dir, {}, said));
    expect(said).toEqual([]);
    const md = readFileSync(join(dir, "s.md"), "utf8");
    for (const f of files) expect(md).toContain(`| ${f.file} |`);
    expect(md).toContain(`…and ${12 * (MAX_SUMMARY_ROWS / 5) - MAX_SUMMARY_ROWS} more`);
  }));

  it("only warns when the file cannot be written", () => withTempDir((dir) => {
    mkdirSync(join(dir, "s.md"));
    const said: string[] = [];
    const summary = StepSummary.of("github", ioIn(dir, { GITHUB_STEP_SUMMARY: "s.md" }))!;
    summary.add(failed("a.yaml", 1));
    expect(() => summary.append(context, ioIn(dir, {}, said))).not.toThrow();
    expect(said.join("")).toMatch(/^warning: cannot append the summary to GITHUB_STEP_SUMMARY \(s\.md\): EISDIR/);
  }));
});
