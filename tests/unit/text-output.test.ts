import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const TRIAGE = join(EXAMPLES, "clinical-triage.yaml");
const MINI = join(FIXTURES, "two-principle-pack");

describe("check's text output", () => {
  it("groups repeated codes, evidence findings too, per principle with counts and first lines; --verbose lists each", async () => {
    const json = await runInProcess(["check", TRIAGE, "--no-config", "--verify-evidence", "--format", "json"]);
    const found = JSON.parse(json.stdout).results[0].findings as { code: string; principle: string | null }[];
    const notFound = found.filter((f) => f.code === "EVIDENCE_NOT_FOUND");
    expect(notFound.length).toBeGreaterThan(20);
    const principles = new Set(notFound.map((f) => f.principle));
    const summary = (await runInProcess(["check", TRIAGE, "--no-config", "--verify-evidence"])).stdout;
    const lines = summary.split("\n").filter((l) => l.includes("EVIDENCE_NOT_FOUND"));
    expect(lines).toHaveLength(principles.size);
    expect(lines[0]).toMatch(/EVIDENCE_NOT_FOUND {2}human-augmentation: \d+ evidence paths not found \(lines \d+, \d+/);
    expect(summary).toContain(`(${found.length} findings summarised per principle; add --verbose to list each one)`);
    const verbose = (await runInProcess(["check", TRIAGE, "--no-config", "--verify-evidence", "--verbose"])).stdout;
    expect(verbose.split("\n").filter((l) => l.includes("EVIDENCE_NOT_FOUND"))).toHaveLength(notFound.length);
    expect(verbose).not.toContain("summarised");
  });

  it("says in the policy line whether each key is a flag, a config file's key, or the default", () => withTempDir(async (dir) => {
    copyFileSync(TRIAGE, join(dir, "t.yaml"));
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  min-score: 10\n");
    const r = await runInProcess(["check", "t.yaml", "--baseline", "t.yaml", "--max-age-days", "999"], { cwd: dir });
    expect(r.stdout).toContain("Policy: min-score 10 (.rml-assess.yaml policy.min-score), max-age-days 999 (flag), baseline t.yaml (flag), every question answered (default).");
  }));

  it("warns when a final file passes with open questions only because they are allowed", () => withTempDir(async (dir) => {
    const file = "version: 1\nproject: { name: X }\nstatus: final\nanswers:\n  alpha: { a-one: yes, a-two: yes }\n  beta: { b-one: yes }\n";
    writeFileSync(join(dir, "f.yaml"), file);
    const r = await runInProcess(["check", "f.yaml", "--pack", MINI, "--allow-unanswered"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("⚠ status: final, yet 1 question is open (allowed by allow-unanswered): answer it, or set status: draft while the assessment is in progress");
    writeFileSync(join(dir, "d.yaml"), file.replace("status: final", "status: draft"));
    expect((await runInProcess(["check", "d.yaml", "--pack", MINI, "--allow-unanswered"], { cwd: dir })).stdout).not.toContain("⚠");
  }));
});
