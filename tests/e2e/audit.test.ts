import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git, gitInit } from "../helpers/git.js";
import { FIXTURES, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

const PACK = ["--pack", join(FIXTURES, "two-principle-pack")];

const answersText = (extra = "") => `version: 1
project:
  name: Audited
  risk: high
status: final
sign-off:
  - name: Ana
    role: Head of risk
    date: 2026-01-10
answers:
  alpha:
    a-one:
      answer: yes
      evidence:
        - docs/card.md   # the model card
        - docs/missing.md
        - https://example.org/report
        - escape/outside.md
    a-two:
      answer: no
      notes: tracked in CRA-1187
      action: { owner: Bo, due: 2020-01-01, ticket: https://tracker.example.org/CRA-1187 }
  beta:
    b-one: { answer: n/a, notes: not used }
    b-two: yes
${extra}`;

/** A repository with an answers file in ml/, its evidence, and a symlink pointing outside it. */
function setUp(dir: string, outside: string): string {
  const repo = join(dir, "repo");
  mkdirSync(join(repo, "ml", "docs"), { recursive: true });
  writeFileSync(join(repo, "ml", "docs", "card.md"), "# Card\n");
  writeFileSync(join(outside, "outside.md"), "secret\n");
  symlinkSync(outside, join(repo, "ml", "escape"));
  writeFileSync(join(repo, "ml", "a.yaml"), answersText());
  gitInit(repo);
  return repo;
}

describe("check --verify-evidence and evidence", () => {
  it("locates missing, invalid (symlink escaping the repository) and changed evidence, and pins round-trip", async () => {
    await withTempDir(async (dir) => {
      const outside = join(dir, "outside");
      mkdirSync(outside);
      const repo = setUp(dir, outside);
      const listed = await runInProcess(["evidence", "ml/a.yaml", ...PACK, "--format", "json"], { cwd: repo });
      expect(listed.code).toBe(0);
      const json = JSON.parse(listed.stdout);
      expect(json.entries.map((e: { ref: string; status: string; line: number; column: number }) => `${e.ref} ${e.status} ${e.line}:${e.column}`)).toEqual([
        "docs/card.md found 15:11", "docs/missing.md missing 16:11", "https://example.org/report url 17:11", "escape/outside.md invalid 18:11",
      ]);

      const plain = await runInProcess(["check", "ml/a.yaml", ...PACK], { cwd: repo });
      expect(plain.code).toBe(0); // without --verify-evidence, evidence is not checked
      expect(plain.stdout).toContain("ACTION_OVERDUE");

      const verified = await runInProcess(["check", "ml/a.yaml", ...PACK, "--verify-evidence"], { cwd: repo });
      expect(verified.code).toBe(1);
      expect(verified.stdout).toMatch(/ml\/a\.yaml:16:11 +error +EVIDENCE_NOT_FOUND/);
      expect(verified.stdout).toMatch(/ml\/a\.yaml:18:11 +error +EVIDENCE_INVALID .*outside the repository/);

      const before = readFileSync(join(repo, "ml", "a.yaml"), "utf8");
      const pinned = await runInProcess(["evidence", "ml/a.yaml", ...PACK, "--pin"], { cwd: repo });
      expect(pinned.code).toBe(0);
      expect(pinned.stderr).toContain("Pinned 1 evidence entry");
      const after = readFileSync(join(repo, "ml", "a.yaml"), "utf8");
      const changedLines = before.split("\n").flatMap((l, i) => (l === after.split("\n")[i] ? [] : [i + 1]));
      expect(changedLines).toEqual([15]);
      expect(after).toContain("# the model card");

      expect((await runInProcess(["check", "ml/a.yaml", ...PACK], { cwd: repo })).stdout).not.toContain("EVIDENCE_CHANGED");
      writeFileSync(join(repo, "ml", "docs", "card.md"), "# Card, edited\n");
      const warned = await runInProcess(["check", "ml/a.yaml", ...PACK, "--format", "json"], { cwd: repo });
      expect(warned.code).toBe(0);
      const result = JSON.parse(warned.stdout).results[0];
      expect(result.findings.filter((f: { code: string }) => f.code === "EVIDENCE_CHANGED").map((f: { severity: string; line: number }) => [f.severity, f.line])).toEqual([["warning", 15]]);
      expect(result.evidence).toMatchObject({ total: 4, found: 0, missing: 1, changed: 1, url: 1, invalid: 1, pinned: 1 });
      expect([result.status, result.signOff, result.date, result.assessors]).toEqual(["final", [{ name: "Ana", role: "Head of risk", date: "2026-01-10" }], null, []]);
      const failed = await runInProcess(["check", "ml/a.yaml", ...PACK, "--verify-evidence", "--format", "sarif"], { cwd: repo });
      const sarif = JSON.parse(failed.stdout);
      const ids = sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId);
      expect(ids).toEqual(expect.arrayContaining(["EVIDENCE_CHANGED", "EVIDENCE_NOT_FOUND", "EVIDENCE_INVALID", "ACTION_OVERDUE"]));
      const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
      for (const code of ["EVIDENCE_NOT_FOUND", "EVIDENCE_INVALID", "EVIDENCE_CHANGED", "MISSING_SIGNOFF", "SIGNOFF_STALE", "ACTION_OVERDUE"]) expect(rules).toContain(code);
      await runInProcess(["evidence", "ml/a.yaml", ...PACK, "--pin"], { cwd: repo });
      expect((await runInProcess(["check", "ml/a.yaml", ...PACK], { cwd: repo })).stdout).not.toContain("EVIDENCE_CHANGED");
    });
  });
});

describe("check --require-signoff", () => {
  const commitAt = (repo: string, date: string) => {
    git(repo, "add", "-A");
    execFileSync("git", ["commit", "-q", "-m", `at ${date}`], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? "", HOME: repo, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.org", GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` },
    });
  };

  it("fails a final file without sign-off, and a sign-off older than an answer's last commit, but not a later sign-off commit", async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, "a.yaml");
      writeFileSync(file, answersText().replace(/sign-off:\n(    .*\n|  - .*\n)+/, ""));
      const missing = await runInProcess(["check", "a.yaml", ...PACK, "--require-signoff"], { cwd: dir });
      expect(missing.code).toBe(1);
      expect(missing.stdout).toMatch(/a\.yaml:5:9 +error +MISSING_SIGNOFF/);

      gitInit(dir);
      writeFileSync(file, answersText());
      commitAt(dir, "2026-01-05");
      expect((await runInProcess(["check", "a.yaml", ...PACK, "--require-signoff"], { cwd: dir })).code).toBe(0);
      writeFileSync(file, answersText().replace("answer: no", "answer: partial"));
      commitAt(dir, "2026-02-01");
      const stale = await runInProcess(["check", "a.yaml", ...PACK, "--require-signoff"], { cwd: dir });
      expect(stale.code).toBe(1);
      expect(stale.stdout).toMatch(/a\.yaml:9:11 +error +SIGNOFF_STALE .*2026-02-01, from git history/);
      writeFileSync(file, readFileSync(file, "utf8").replace("date: 2026-01-10", "date: 2026-02-03"));
      commitAt(dir, "2026-02-03");
      expect((await runInProcess(["check", "a.yaml", ...PACK, "--require-signoff"], { cwd: dir })).code).toBe(0);
    });
  });
});

describe("the risk tier's policy", () => {
  it("applies policy.risk.<project.risk> on top of the general policy, and says so in text and JSON", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, "high.yaml"), answersText());
      writeFileSync(join(dir, "low.yaml"), answersText().replace("risk: high", "risk: minimal"));
      writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  min-score: 10\n  risk:\n    high:\n      min-score: 90\n      require-signoff: true\n");
      const r = await runInProcess(["check", "high.yaml", "low.yaml", ...PACK, "--format", "json"], { cwd: dir });
      const [high, low] = JSON.parse(r.stdout).results;
      expect(high.policy).toEqual({ risk: "high", keys: { "min-score": { value: 90, from: ".rml-assess.yaml policy.risk.high" }, "require-signoff": { value: true, from: ".rml-assess.yaml policy.risk.high" } } });
      expect(low.policy).toEqual({ risk: null, keys: { "min-score": { value: 10, from: ".rml-assess.yaml" } } });
      expect(high.findings.map((f: { code: string }) => f.code)).toContain("BELOW_MIN_SCORE");
      expect(low.passed).toBe(true);
      const text = await runInProcess(["check", "high.yaml", ...PACK, "--min-score", "5"], { cwd: dir });
      expect(text.stdout).toContain("Policy for risk high: min-score 5 (flag), require-signoff (.rml-assess.yaml policy.risk.high.require-signoff)");
      expect(text.code).toBe(0);
    });
  });

  it("refuses an unknown tier or key in policy.risk with its position", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, "a.yaml"), answersText());
      writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  risk:\n    extreme:\n      min-score: 90\n");
      const r = await runInProcess(["check", "a.yaml", ...PACK], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\.rml-assess\.yaml:3:5/);
    });
  });
});

describe("the built binary", () => {
  it("runs evidence and check --verify-evidence as a child process", async () => {
    await withTempDir(async (dir) => {
      const outside = join(dir, "outside");
      mkdirSync(outside);
      const repo = setUp(dir, outside);
      const r = runBinary(["evidence", "ml/a.yaml", ...PACK], { cwd: repo });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/ml\/a\.yaml:16:11 +missing +docs\/missing\.md/);
      expect(runBinary(["check", "ml/a.yaml", ...PACK, "--verify-evidence"], { cwd: repo }).code).toBe(1);
    });
  });
});
