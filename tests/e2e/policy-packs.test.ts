import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitInit } from "../helpers/git.js";
import { EXAMPLES, FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const README_CONFIG = join(FIXTURES, "readme-config", ".rml-assess.yaml");
const MLTRL = "mltrl-anomaly-detector.yaml";
const CREDIT = "credit-scoring.yaml";
/** A day within the examples' max-age-days, so the test does not age with them. */
const NOW = new Date("2026-12-01T12:00:00Z");

type Result = { file: string; passed: boolean; findings: { code: string }[]; policy: { keys: Record<string, { value: unknown; from: string }>; notApplicable?: Record<string, { value: unknown; from: string }> } };
const results = (stdout: string) => (JSON.parse(stdout) as { results: Result[] }).results;

/** A repository holding the README's config and the named examples. */
function repo(dir: string, examples: string[], config = README_CONFIG): void {
  gitInit(dir);
  copyFileSync(config, join(dir, ".rml-assess.yaml"));
  for (const e of examples) copyFileSync(join(EXAMPLES, e), join(dir, e));
}

describe("policy per pack", () => {
  it("passes the README's MLTRL example under the README's config: score keys are not applicable to a level pack", () => withTempDir(async (dir) => {
    repo(dir, [MLTRL]);
    const text = await runInProcess(["check", MLTRL], { cwd: dir, now: NOW });
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(/\bBELOW_MIN_SCORE\b|\bPRINCIPLE_BELOW_MIN_SCORE\b/);
    expect(text.stdout).toContain("min-level 4 (.rml-assess.yaml policy.min-level)");
    expect(text.stdout).toContain("min-score 60 (.rml-assess.yaml policy.min-score) not applicable to mltrl");
    expect(text.stdout).toContain("min-score-for.bias-evaluation 70 (.rml-assess.yaml policy.min-score-for.bias-evaluation) not applicable to mltrl");
    expect(text.stdout).toContain("framework nist-ai-rmf (.rml-assess.yaml policy.framework) not applicable to mltrl");
    const json = results((await runInProcess(["check", MLTRL, "--format", "json"], { cwd: dir, now: NOW })).stdout)[0]!;
    expect(json.passed).toBe(true);
    expect(json.policy.keys["min-score"]).toBeUndefined();
    expect(json.policy.keys["min-level"]).toEqual({ value: 4, from: ".rml-assess.yaml" });
    expect(json.policy.notApplicable!["min-principle-score"]).toEqual({ value: 40, from: ".rml-assess.yaml" });
    const github = await runInProcess(["check", MLTRL, "--format", "github"], { cwd: dir, now: NOW, env: { GITHUB_STEP_SUMMARY: "" } });
    expect(github.code).toBe(0);
    expect(github.stdout).toContain("rml-assess: mltrl-anomaly-detector.yaml reaches readiness level 4: passed");
    expect(github.stdout).not.toContain("all n/a");
  }));

  it("does not apply min-level to a scored pack's file, and says so; a mixed run shows each other pack's policy line", () => withTempDir(async (dir) => {
    repo(dir, [CREDIT, MLTRL]);
    writeFileSync(join(dir, ".rml-assess.yaml"), "packs: [responsible-ml, mltrl]\npolicy:\n  min-score: 10\n  min-level: 9\n  allow-unanswered: true\n");
    const r = await runInProcess(["check", CREDIT, MLTRL, "--format", "json"], { cwd: dir, now: NOW });
    const [credit, mltrl] = results(r.stdout);
    expect(credit!.findings.map((f) => f.code)).not.toContain("BELOW_MIN_LEVEL");
    expect(credit!.policy.notApplicable).toEqual({ "min-level": { value: 9, from: ".rml-assess.yaml" } });
    expect(mltrl!.findings.map((f) => f.code)).toContain("BELOW_MIN_LEVEL");
    expect(mltrl!.policy.notApplicable).toEqual({ "min-score": { value: 10, from: ".rml-assess.yaml" } });
    const text = await runInProcess(["check", CREDIT, MLTRL], { cwd: dir, now: NOW });
    expect(text.stdout).toContain("Policy for mltrl: min-level 9 (.rml-assess.yaml policy.min-level), min-score 10 (.rml-assess.yaml policy.min-score) not applicable to mltrl, unanswered questions allowed (.rml-assess.yaml policy.allow-unanswered).");
    expect(text.stdout).toContain("\nPolicy: min-score 10 (.rml-assess.yaml policy.min-score), min-level 9 (.rml-assess.yaml policy.min-level) not applicable to responsible-ml, unanswered questions allowed (.rml-assess.yaml policy.allow-unanswered).\n");
  }));

  it("applies policy.pack.<id> on top of the general keys, naming it as the origin", () => withTempDir(async (dir) => {
    repo(dir, [CREDIT, MLTRL]);
    writeFileSync(join(dir, ".rml-assess.yaml"), "packs: [responsible-ml, mltrl]\npolicy:\n  allow-unanswered: true\n  min-score: 10\n  pack:\n    mltrl: { min-level: 5 }\n    responsible-ml: { min-score: 95 }\n");
    const r = await runInProcess(["check", CREDIT, MLTRL, "--format", "json"], { cwd: dir, now: NOW });
    expect(r.code).toBe(1);
    const [credit, mltrl] = results(r.stdout);
    expect(credit!.findings.map((f) => f.code)).toContain("BELOW_MIN_SCORE");
    expect(credit!.policy.keys["min-score"]).toEqual({ value: 95, from: ".rml-assess.yaml policy.pack.responsible-ml" });
    expect(mltrl!.findings.map((f) => f.code)).toContain("BELOW_MIN_LEVEL");
    expect(mltrl!.policy.keys["min-level"]).toEqual({ value: 5, from: ".rml-assess.yaml policy.pack.mltrl" });
    const text = await runInProcess(["check", MLTRL], { cwd: dir, now: NOW });
    expect(text.stdout).toContain("min-level 5 (.rml-assess.yaml policy.pack.mltrl.min-level)");
  }));

  it("refuses a key of the wrong kind in policy.pack.<id>, located, naming the key and the pack (exit 2)", () => withTempDir(async (dir) => {
    repo(dir, [CREDIT, MLTRL]);
    writeFileSync(join(dir, ".rml-assess.yaml"), "packs: [responsible-ml, mltrl]\npolicy:\n  pack:\n    mltrl:\n      min-score: 50\n    responsible-ml:\n      min-level: 3\n      min-score-for: { no-such-principle: 10 }\n");
    const r = await runInProcess(["check", CREDIT, MLTRL], { cwd: dir, now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(".rml-assess.yaml:5:7: 'policy.pack.mltrl.min-score' cannot apply: pack 'mltrl' is a level pack");
    expect(r.stderr).toContain(".rml-assess.yaml:7:7: 'policy.pack.responsible-ml.min-level' cannot apply: pack 'responsible-ml' is scored by weight");
    expect(r.stderr).toContain(".rml-assess.yaml:8:24: unknown principle 'no-such-principle' in 'policy.pack.responsible-ml.min-score-for'");
  }));

  it("refuses a score flag when every checked file is of a level pack, and --min-level when none is (exit 2)", () => withTempDir(async (dir) => {
    repo(dir, [CREDIT, MLTRL]);
    const score = await runInProcess(["check", MLTRL, "--no-config", "--pack", "mltrl", "--min-score", "50"], { cwd: dir, now: NOW });
    expect(score.code).toBe(2);
    expect(score.stderr).toContain("--min-score applies to scored packs, and pack 'mltrl' is a level pack");
    const level = await runInProcess(["check", CREDIT, "--no-config", "--min-level", "3"], { cwd: dir, now: NOW });
    expect(level.code).toBe(2);
    expect(level.stderr).toContain("--min-level applies to level packs, and pack 'responsible-ml' scores by weight");
    // With a file of each kind, each flag reaches the files that can take it.
    // Both packs allowed, and nothing else in the policy.
    writeFileSync(join(dir, "packs.yaml"), "packs: [responsible-ml, mltrl]\n");
    const both = await runInProcess(["check", CREDIT, MLTRL, "--config", "packs.yaml", "--min-level", "3", "--allow-unanswered", "--format", "json"], { cwd: dir, now: NOW });
    expect(both.code).toBe(0);
    expect(results(both.stdout)[0]!.policy.notApplicable).toEqual({ "min-level": { value: 3, from: "flags" } });
  }));
});
