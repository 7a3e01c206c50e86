import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codeQualityErrors, type CodeQualityIssue } from "../helpers/code-quality.js";
import { parse } from "yaml";
import { FIXTURES, REPO, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

const CREDIT = "examples/credit-scoring.yaml";
const TRIAGE = "examples/clinical-triage.yaml";
const INVALID = "tests/fixtures/invalid-answers/rml-assessment.yaml";
const HOSTILE = "tests/fixtures/hostile-text/rml-assessment.yaml";
const EVERY = "tests/fixtures/every-finding/rml-assessment.yaml";
const STALE = "tests/fixtures/every-finding/stale.yaml";
const MINI = ["--pack", join(FIXTURES, "two-principle-pack")];
const POLICY = ["--require-evidence", "--min-score", "90", "--min-principle-score", "60", "--max-age-days", "30"];
const NOW = new Date("2026-11-20T12:00:00Z");

const run = (args: string[], opts: { cwd?: string; now?: Date } = {}) => runInProcess(args, { now: NOW, ...opts });
const report = async (args: string[], opts: { cwd?: string } = {}) => JSON.parse((await run(["check", ...args, "--format", "gitlab"], opts)).stdout) as CodeQualityIssue[];

/** Runs of check, each written as a Code Quality report: its arguments and exit code. */
const CASES: { name: string; args: string[]; code: number }[] = [
  { name: "a failing file", args: [CREDIT], code: 1 },
  { name: "the examples directory", args: ["examples"], code: 1 },
  { name: "warnings only (allow-unanswered)", args: [CREDIT, "--allow-unanswered"], code: 0 },
  { name: "every finding code", args: ["tests/fixtures/every-finding", ...MINI, ...POLICY], code: 1 },
  { name: "an invalid file among valid ones", args: [TRIAGE, INVALID, CREDIT], code: 2 },
  { name: "user text that tries to break out", args: [HOSTILE], code: 1 },
];

describe("check --format gitlab: a GitLab Code Quality report", () => {
  for (const c of CASES) {
    it(`matches GitLab's documented format, one issue per finding: ${c.name}`, async () => {
      const r = await run(["check", ...c.args, "--format", "gitlab"]);
      expect(r.code).toBe(c.code);
      expect(r.stdout.charCodeAt(0)).toBe(0x5b); // "[": no byte order mark, which GitLab's parser refuses
      const issues = JSON.parse(r.stdout) as CodeQualityIssue[];
      expect(codeQualityErrors(issues)).toEqual([]);
      // json writes nothing for a run with invalid input, so the valid files are checked alone.
      const json = JSON.parse((await run(["check", ...c.args.filter((a) => a !== INVALID), "--format", "json"])).stdout);
      const findings = json.results.flatMap((x: { file: string; findings: { code: string; line: number; principle: string | null; question: string | null }[] }) =>
        x.findings.map((f) => `${x.file}:${f.line} ${[f.code, f.question ? `${f.principle}/${f.question}` : f.principle].filter(Boolean).join(":")}`));
      const valid = issues.filter((i) => i.check_name !== "INVALID_INPUT").map((i) => `${i.location.path}:${i.location.lines.begin} ${i.check_name}`);
      expect(valid).toEqual(findings);
      expect(issues.filter((i) => i.check_name === "INVALID_INPUT").length).toBe(c.args.includes(INVALID) ? 2 : 0);
      expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    });
  }

  it("reports every problem of an invalid file as a blocker at its line, and exits 2", async () => {
    const r = await run(["check", INVALID, "--format", "gitlab"]);
    expect(r.code).toBe(2);
    const issues = JSON.parse(r.stdout) as CodeQualityIssue[];
    expect(issues.map((i) => `${i.check_name} ${i.severity} ${i.location.path}:${i.location.lines.begin}`)).toEqual([
      `INVALID_INPUT blocker ${INVALID}:9`,
      `INVALID_INPUT blocker ${INVALID}:10`,
    ]);
    expect(issues[1]!.description).toContain("did you mean 'human-review-decision'?");
  });

  it("writes an empty array when there is nothing to report", async () => {
    const r = await run(["check", STALE, ...MINI, "--format", "gitlab"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("[]\n");
  });

  it("maps severities as documented: question errors by weight, policy errors critical, warnings by weight", async () => {
    const pack = JSON.parse((await run(["principles", "--format", "json"])).stdout);
    const weight = new Map<string, number>(pack.principles.flatMap((p: { id: string; questions: { id: string; weight: number }[] }) => p.questions.map((q) => [`${p.id}/${q.id}`, q.weight])));
    const args = [CREDIT, TRIAGE, "--min-score", "80", "--min-principle-score", "50", "--max-age-days", "5"];
    for (const [flags, expected] of [[[], (w: number) => (w > 1 ? "critical" : "major")], [["--allow-unanswered"], (w: number) => (w > 1 ? "minor" : "info")]] as const) {
      const issues = await report([...args, ...flags]);
      expect(issues.length).toBeGreaterThan(0);
      for (const i of issues) {
        const [code, target] = i.check_name.split(":");
        const w = target?.includes("/") ? weight.get(target) : undefined;
        expect({ check: i.check_name, severity: i.severity }).toEqual({ check: i.check_name, severity: w === undefined ? "critical" : expected(w) });
        expect(code).toMatch(/^[A-Z_]+$/);
      }
      expect(new Set(issues.map((i) => i.severity)).size).toBeGreaterThan(1);
    }
  });

  it("keeps every fingerprint when the findings move to other lines, and they stay unique", () => withTempDir(async (dir) => {
    mkdirSync(join(dir, ".git"));
    const answers = readFileSync(join(REPO, EVERY), "utf8");
    const invalid = readFileSync(join(REPO, INVALID), "utf8");
    writeFileSync(join(dir, "answers.yaml"), answers);
    writeFileSync(join(dir, "invalid.yaml"), invalid);
    const before = await report(["answers.yaml", "invalid.yaml", ...MINI, ...POLICY], { cwd: dir });
    // Comments and blank lines above, and the two principles in the other order.
    const [head, body] = answers.split("answers:\n");
    const [alpha, beta] = body!.split(/(?=^ {2}beta:)/m);
    writeFileSync(join(dir, "answers.yaml"), `# moved\n\n${head}\n\nanswers:\n${beta}${alpha}`);
    writeFileSync(join(dir, "invalid.yaml"), `# moved\n#\n\n${invalid}`);
    const after = await report(["answers.yaml", "invalid.yaml", ...MINI, ...POLICY], { cwd: dir });
    const byCheck = (issues: CodeQualityIssue[]) => new Map(issues.map((i) => [`${i.location.path} ${i.check_name} ${i.description}`, i]));
    const [b, a] = [byCheck(before), byCheck(after)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    let moved = 0;
    for (const [key, issue] of b) {
      expect({ key, fingerprint: a.get(key)!.fingerprint }).toEqual({ key, fingerprint: issue.fingerprint });
      if (a.get(key)!.location.lines.begin !== issue.location.lines.begin) moved++;
    }
    expect(moved).toBe(b.size);
    expect(new Set(before.map((i) => i.fingerprint)).size).toBe(before.length);
  }));

  it("gives the same finding in two files two fingerprints", () => withTempDir(async (dir) => {
    mkdirSync(join(dir, "team-a"));
    mkdirSync(join(dir, "team-b"));
    copyFileSync(join(REPO, EVERY), join(dir, "team-a", "answers.yaml"));
    copyFileSync(join(REPO, EVERY), join(dir, "team-b", "answers.yaml"));
    const issues = await report(["team-a", "team-b", ...MINI, ...POLICY], { cwd: dir });
    expect(new Set(issues.map((i) => i.location.path))).toEqual(new Set(["team-a/answers.yaml", "team-b/answers.yaml"]));
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  }));

  it("locates files from the git work tree's top level, whatever the working directory and however the file is named", () => withTempDir(async (tmp) => {
    const dir = realpathSync(tmp);
    const init = spawnSync("git", ["init", "-q", dir], { encoding: "utf8" });
    expect(init.status, init.stderr).toBe(0);
    mkdirSync(join(dir, "ml", "fraud"), { recursive: true });
    copyFileSync(join(REPO, EVERY), join(dir, "ml", "fraud", "answers.yaml"));
    const sub = join(dir, "ml");
    expect(spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: sub, encoding: "utf8" }).stdout.trim()).toBe(dir);
    for (const file of ["fraud/answers.yaml", join(sub, "fraud", "answers.yaml"), "fraud"]) {
      const issues = await report([file, ...MINI, ...POLICY], { cwd: sub });
      expect(issues.length).toBeGreaterThan(0);
      expect(new Set(issues.map((i) => i.location.path))).toEqual(new Set(["ml/fraud/answers.yaml"]));
    }
    // The same file from the top level gives the same fingerprints.
    const fromSub = await report(["fraud/answers.yaml", ...MINI, ...POLICY], { cwd: sub });
    const fromTop = await report(["ml/fraud/answers.yaml", ...MINI, ...POLICY], { cwd: dir });
    expect(fromTop).toEqual(fromSub);
  }));

  it("locates files from the working directory outside a git work tree", () => withTempDir(async (tmp) => {
    const dir = realpathSync(tmp);
    expect(spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" }).status).not.toBe(0);
    mkdirSync(join(dir, "ml"));
    copyFileSync(join(REPO, EVERY), join(dir, "ml", "answers.yaml"));
    const issues = await report([join(dir, "ml", "answers.yaml"), ...MINI, ...POLICY], { cwd: dir });
    expect(new Set(issues.map((i) => i.location.path))).toEqual(new Set(["ml/answers.yaml"]));
  }));

  it("is byte-identical for the same inputs, whenever it runs", async () => {
    const args = ["check", CREDIT, TRIAGE, INVALID, "--max-age-days", "30", "--format", "gitlab"];
    const a = await runInProcess(args, { now: NOW });
    const b = await runInProcess(args, { now: NOW, env: { SOURCE_DATE_EPOCH: "1790000000" } });
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout.endsWith("\n]\n")).toBe(true);
  });

  it("is written by the built binary with --output, printing nothing", () => withTempDir((dir) => {
    const out = join(dir, "gl-code-quality-report.json");
    const r = runBinary(["check", CREDIT, INVALID, "--format", "gitlab", "--output", out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const issues = JSON.parse(readFileSync(out, "utf8"));
    expect(codeQualityErrors(issues)).toEqual([]);
    expect(issues.some((i: CodeQualityIssue) => i.check_name === "INVALID_INPUT")).toBe(true);
  }));
});
