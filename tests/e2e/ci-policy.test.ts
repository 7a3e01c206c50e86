import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

// Fixtures that declare every trait, so every question applies whatever the code knows of applies-to.
const CREDIT = "tests/fixtures/partial-assessment/rml-assessment.yaml"; // dated 2026-11-12, 65 overall, bias-evaluation 30, displacement-strategy 50, 7 unanswered, 6 partial without notes
const TRIAGE = "tests/fixtures/complete-assessment/rml-assessment.yaml"; // dated 2026-11-18, 96 overall, complete
const NOW = new Date("2026-11-20T12:00:00Z");

interface Finding { code: string; severity: string; principle: string | null; question: string | null; line: number; column: number }

/** Runs check with JSON output and returns the exit code and each file's findings as `CODE principle`. */
async function check(args: string[], opts: { cwd?: string } = {}) {
  const r = await runInProcess(["check", ...args, "--format", "json"], { now: NOW, cwd: opts.cwd });
  const doc = r.stdout ? JSON.parse(r.stdout) : null;
  const findings: Finding[] = doc ? doc.results.flatMap((x: { findings: Finding[] }) => x.findings) : [];
  return { code: r.code, stderr: r.stderr, findings, codes: [...new Set(findings.map((f) => `${f.severity} ${f.code}`))].sort() };
}

/** A temporary repository holding both fixtures and, when given, a .rml-assess.yaml. */
function repo<T>(config: string | null, fn: (dir: string) => Promise<T>): Promise<T> {
  return withTempDir(async (dir) => {
    copyFileSync(join(FIXTURES, "partial-assessment", "rml-assessment.yaml"), join(dir, "credit.yaml"));
    copyFileSync(join(FIXTURES, "complete-assessment", "rml-assessment.yaml"), join(dir, "triage.yaml"));
    if (config !== null) writeFileSync(join(dir, ".rml-assess.yaml"), config);
    return fn(dir);
  });
}

describe("each policy key, as a flag", () => {
  it("min-score fails below the overall minimum, not at it", async () => {
    expect((await check([TRIAGE, "--min-score", "96"])).code).toBe(0);
    const below = await check([TRIAGE, "--min-score", "97"]);
    expect([below.code, below.codes]).toEqual([1, ["error BELOW_MIN_SCORE"]]);
  });

  it("min-principle-score fails every principle below it", async () => {
    const r = await check([CREDIT, "--allow-unanswered", "--min-principle-score", "51"]);
    expect(r.code).toBe(1);
    expect(r.findings.filter((f) => f.code === "PRINCIPLE_BELOW_MIN_SCORE").map((f) => f.principle)).toEqual(["bias-evaluation", "displacement-strategy"]);
  });

  it("min-score-for sets one principle's minimum, repeatable, overriding min-principle-score", async () => {
    expect((await check([CREDIT, "--allow-unanswered", "--min-score-for", "bias-evaluation=30"])).code).toBe(0);
    const r = await check([CREDIT, "--allow-unanswered", "--min-score-for", "bias-evaluation=31", "--min-score-for", "trust-by-privacy=80"]);
    expect(r.findings.filter((f) => f.severity === "error").map((f) => `${f.code} ${f.principle}`)).toEqual([
      "PRINCIPLE_BELOW_MIN_SCORE bias-evaluation", "PRINCIPLE_BELOW_MIN_SCORE trust-by-privacy",
    ]);
    // A lower minimum for one principle lets it pass a stricter general one.
    const relaxed = await check([CREDIT, "--allow-unanswered", "--min-principle-score", "50", "--min-score-for", "bias-evaluation=20", "--min-score-for", "displacement-strategy=40"]);
    expect(relaxed.code).toBe(0);
  });

  it("rejects an unknown principle in min-score-for with a suggestion, and malformed values", async () => {
    const r = await runInProcess(["check", CREDIT, "--min-score-for", "bias-evaluaton=50"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown principle 'bias-evaluaton' in --min-score-for bias-evaluaton=…\ndid you mean 'bias-evaluation'?\n");
    for (const bad of ["bias-evaluation", "bias-evaluation=101", "bias-evaluation=x", "=50"]) {
      const m = await runInProcess(["check", CREDIT, "--min-score-for", bad]);
      expect(m.code).toBe(2);
      expect(m.stderr).toMatch(/option '--min-score-for <id=n>' argument .* is invalid/);
    }
  });

  it("allow-unanswered turns unanswered questions into warnings", async () => {
    const r = await check([CREDIT, "--allow-unanswered"]);
    expect([r.code, r.codes]).toEqual([0, ["warning UNANSWERED"]]);
  });

  it("require-evidence fails each yes or partial without evidence, at its answer", async () => {
    const r = await check([CREDIT, "--require-evidence", "--allow-unanswered"]);
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(["error MISSING_EVIDENCE", "warning UNANSWERED"]);
    const lines = readFileSync(CREDIT, "utf8").split("\n");
    const missing = r.findings.filter((f) => f.code === "MISSING_EVIDENCE");
    expect(missing.length).toBeGreaterThan(5);
    for (const f of missing) expect(lines[f.line - 1]!.slice(f.column - 1)).toMatch(/^(yes|partial)\b/);
    expect(missing.map((f) => f.question)).toContain("scheduled-review");
  });

  it("max-age-days fails an assessment dated more than N days before today, at its date", async () => {
    expect((await check([CREDIT, "--allow-unanswered", "--max-age-days", "8"])).code).toBe(0);
    const r = await check([CREDIT, "--allow-unanswered", "--max-age-days", "7"]);
    const stale = r.findings.find((f) => f.code === "STALE")!;
    expect([r.code, stale.line, stale.column]).toEqual([1, 26, 7]);
    for (const bad of ["0", "-3", "1.5", "soon"]) expect((await runInProcess(["check", CREDIT, "--max-age-days", bad])).code).toBe(2);
  });

  it("max-age-days fails an assessment without a date with MISSING_DATE", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "undated.yaml"), readFileSync(TRIAGE, "utf8").replace(/^date: .*\n/m, ""));
    expect((await check(["undated.yaml"], { cwd: dir })).code).toBe(0);
    const r = await check(["undated.yaml", "--max-age-days", "365"], { cwd: dir });
    expect([r.code, r.codes]).toEqual([1, ["error MISSING_DATE"]]);
  }));
});

describe("the config file", () => {
  const ALL_KEYS = [
    "policy:",
    "  min-score: 65",
    "  min-principle-score: 35",
    "  min-score-for:",
    "    bias-evaluation: 50",
    "  allow-unanswered: true",
    "  require-evidence: true",
    "  max-age-days: 5",
    "",
  ].join("\n");

  it("is found in the working directory and applies every key", () => repo(ALL_KEYS, async (dir) => {
    const r = await check(["credit.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(["error MISSING_EVIDENCE", "error PRINCIPLE_BELOW_MIN_SCORE", "error STALE", "warning UNANSWERED"]);
    expect(r.findings.filter((f) => f.code === "PRINCIPLE_BELOW_MIN_SCORE").map((f) => f.principle)).toEqual(["bias-evaluation"]);
  }));

  it("is ignored with --no-config, and replaced by --config FILE", () => repo(ALL_KEYS, async (dir) => {
    expect((await check(["credit.yaml", "--no-config"], { cwd: dir })).codes).toEqual(["error UNANSWERED"]);
    writeFileSync(join(dir, "strict.yaml"), "policy:\n  min-score: 99\n");
    expect((await check(["triage.yaml", "--config", "strict.yaml"], { cwd: dir })).codes).toEqual(["error BELOW_MIN_SCORE"]);
    const missing = await runInProcess(["check", "triage.yaml", "--config", "nowhere.yaml"], { cwd: dir });
    expect([missing.code, missing.stderr.split("\n")[0]]).toEqual([2, "nowhere.yaml: no such file (check the path given with --config)"]);
  }));

  it("may be empty, or hold an empty policy", () => repo("", async (dir) => {
    expect((await check(["triage.yaml"], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n");
    expect((await check(["triage.yaml"], { cwd: dir })).code).toBe(0);
  }));

  it("loses to flags of the same name, key by key", () => repo(ALL_KEYS, async (dir) => {
    const flags = ["--min-score", "0", "--min-principle-score", "0", "--min-score-for", "bias-evaluation=0", "--no-allow-unanswered", "--no-require-evidence", "--max-age-days", "30"];
    const r = await check(["credit.yaml", ...flags], { cwd: dir });
    expect(r.codes).toEqual(["error UNANSWERED"]);
    // Per-principle minimums merge: a flag for one principle leaves the config's others in place.
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  allow-unanswered: true\n  min-score-for:\n    bias-evaluation: 50\n    displacement-strategy: 51\n");
    const merged = await check(["credit.yaml", "--min-score-for", "bias-evaluation=10"], { cwd: dir });
    expect(merged.findings.filter((f) => f.severity === "error").map((f) => f.principle)).toEqual(["displacement-strategy"]);
    // And a boolean flag turns on what the config leaves off.
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  allow-unanswered: false\n  require-evidence: false\n");
    expect((await check(["credit.yaml", "--allow-unanswered", "--require-evidence"], { cwd: dir })).codes).toEqual(["error MISSING_EVIDENCE", "warning UNANSWERED"]);
  }));

  it("is validated like every input: every problem at once, located, with hints", () => repo([
    "policy:",
    "  min-score: 120",
    "  allow-unanswered: yes",
    "  min-score-for:",
    "    bias-evaluaton: 50",
    "    human-augmentation: high",
    "  max-age: 30",
    "format: sarif",
    "",
  ].join("\n"), async (dir) => {
    const r = await runInProcess(["check", "triage.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe([
      ".rml-assess.yaml:2:14: 'policy.min-score' must be <= 100 (found 120)",
      ".rml-assess.yaml:3:21: 'policy.allow-unanswered' must be true or false (found 'yes')",
      ".rml-assess.yaml:5:5: unknown principle 'bias-evaluaton' in 'policy.min-score-for' (pack 'responsible-ml') (did you mean 'bias-evaluation'?)",
      ".rml-assess.yaml:6:25: 'policy.min-score-for.human-augmentation' must be a number (found 'high')",
      ".rml-assess.yaml:7:3: unknown key 'max-age' in 'policy' (known keys: min-score, min-principle-score, min-score-for, allow-unanswered, require-evidence, require-partial-notes, max-age-days, baseline, min-level, framework, min-coverage, verify-evidence, require-signoff, probe, require-probe-agreement, pack, …)",
      ".rml-assess.yaml:8:1: unknown key 'format' in the file (known keys: packs, policy)",
      "✖ 6 problems in the input; nothing was written.",
      "",
    ].join("\n"));
  }));

  it("reports YAML syntax errors in it with their position", () => repo("policy:\n  min-score: [70\n", async (dir) => {
    const r = await runInProcess(["check", "triage.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\.rml-assess\.yaml:\d+:\d+: YAML syntax: /);
  }));

  it("works the same from the built binary", () => repo("policy:\n  min-score: 99\n", async (dir) => {
    const r = runBinary(["check", "triage.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error +BELOW_MIN_SCORE +overall score 96 is below the minimum of 99/);
    expect(runBinary(["check", "triage.yaml", "--min-score", "90"], { cwd: dir }).code).toBe(0);
  }));
});
