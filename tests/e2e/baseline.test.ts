import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { git, gitCommit, gitInit } from "../helpers/git.js";
import { FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const PACK = join(FIXTURES, "two-principle-pack");
type Spec = Record<string, Record<string, string | null>>;

/** An answers file for the two-principle pack (alpha: a-one, a-two; beta: b-one, b-two). */
const answersFile = (name: string, answers: Spec) => stringify({ version: 1, project: { name }, date: "2026-11-01", pack: "mini", answers });
const GOOD: Spec = { alpha: { "a-one": "yes", "a-two": "yes" }, beta: { "b-one": "yes", "b-two": "yes" } };
const WORSE: Spec = { alpha: { "a-one": "no", "a-two": "yes" }, beta: { "b-one": "yes", "b-two": "yes" } };

type Json = { results: { file: string; passed: boolean; findings: { code: string; severity: string; line: number; message: string }[]; policy: { keys: Record<string, { value: unknown; from: string }> } }[] };
const codes = (r: { stdout: string }) => (JSON.parse(r.stdout) as Json).results.map((x) => [x.file, x.findings.map((f) => `${f.code}:${f.severity}`)]);

describe("check with a baseline on a pull request", () => {
  it("passes a new answers file with a BASELINE_MISSING note, in every check format", () => withTempDir(async (dir) => {
    gitInit(dir);
    writeFileSync(join(dir, "README.md"), "x\n");
    gitCommit(dir, "first");
    git(dir, "branch", "-f", "base");
    writeFileSync(join(dir, "rml-assessment.yaml"), answersFile("New", GOOD));
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  baseline: base:rml-assessment.yaml\n  min-score: 50\n");
    const json = await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK, "--format", "json"], { cwd: dir });
    expect(json.stderr).toBe("");
    expect(json.code).toBe(0);
    expect(codes(json)).toEqual([["rml-assessment.yaml", ["BASELINE_MISSING:note"]]]);
    const note = (JSON.parse(json.stdout) as Json).results[0]!.findings[0]!;
    expect([note.line, note.message]).toEqual([1, expect.stringContaining("rml-assessment.yaml does not exist at base")]);
    const text = await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/rml-assessment\.yaml:1:1 {2}note {4}BASELINE_MISSING {2}no earlier version to compare with/);
    expect(text.stdout).toContain("✔ passed (0 errors, 0 warnings, 1 note)");
    const github = await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK, "--format", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: "" } });
    expect(github.code).toBe(0);
    expect(github.stdout).toMatch(/^::notice file=rml-assessment\.yaml,line=1,col=1,title=rml-assess BASELINE_MISSING::/m);
    const sarif = JSON.parse((await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK, "--format", "sarif"], { cwd: dir })).stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "BASELINE_MISSING");
    expect(rule.defaultConfiguration.level).toBe("note");
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`)).toEqual(["BASELINE_MISSING:note"]);
    const gitlab = JSON.parse((await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK, "--format", "gitlab"], { cwd: dir })).stdout);
    expect(gitlab.map((i: { check_name: string; severity: string }) => `${i.check_name}:${i.severity}`)).toEqual(["BASELINE_MISSING:info"]);
    const junit = await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK, "--format", "junit"], { cwd: dir });
    expect(junit.code).toBe(0);
    expect(junit.stdout).toMatch(/<testcase classname="policy" name="BASELINE_MISSING" time="0">\s*<skipped /);
    // The rest of the policy still applies: a score below min-score fails as ever.
    writeFileSync(join(dir, "rml-assessment.yaml"), answersFile("New", WORSE));
    const low = await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK, "--format", "json", "--min-score", "90"], { cwd: dir });
    expect([low.code, codes(low)]).toEqual([1, [["rml-assessment.yaml", ["BASELINE_MISSING:note", "BELOW_MIN_SCORE:error"]]]]);
  }));

  it("treats a revision missing from the clone (a new repository, a shallow clone) as no earlier version", () => withTempDir(async (dir) => {
    gitInit(dir);
    writeFileSync(join(dir, "rml-assessment.yaml"), answersFile("New", GOOD));
    const r = await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK, "--format", "json", "--baseline", "origin/main"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(codes(r)).toEqual([["rml-assessment.yaml", ["BASELINE_MISSING:note"]]]);
    expect((JSON.parse(r.stdout) as Json).results[0]!.findings[0]!.message).toContain("unknown git revision 'origin/main'");
    // A file named as the baseline that is not there is still a mistake (exit 2), not a note.
    const named = await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK, "--baseline", "old.yaml"], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain("old.yaml");
  }));

  it("with a bare revision, compares each file with its own earlier version, over many files and on worker threads", () => withTempDir(async (dir) => {
    gitInit(dir);
    mkdirSync(join(dir, "a"));
    mkdirSync(join(dir, "b"));
    writeFileSync(join(dir, "a", "rml-assessment.yaml"), answersFile("A", GOOD));
    writeFileSync(join(dir, "b", "rml-assessment.yaml"), answersFile("B", GOOD));
    gitCommit(dir, "first");
    git(dir, "branch", "-f", "base");
    writeFileSync(join(dir, "a", "rml-assessment.yaml"), answersFile("A", WORSE));
    mkdirSync(join(dir, "c"));
    writeFileSync(join(dir, "c", "rml-assessment.yaml"), answersFile("C", WORSE));
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  baseline: base\n");
    const expected = [
      ["a/rml-assessment.yaml", ["ANSWER_REGRESSION:warning", "SCORE_REGRESSION:error", "SCORE_REGRESSION:error"]],
      ["b/rml-assessment.yaml", []],
      ["c/rml-assessment.yaml", ["BASELINE_MISSING:note"]],
    ];
    const r = await runInProcess(["check", ".", "--pack", PACK, "--format", "json"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(codes(r).map(([f, c]) => [f, [...c!].sort()])).toEqual(expected);
    expect((JSON.parse(r.stdout) as Json).results[0]!.policy.keys.baseline).toEqual({ value: "base", from: ".rml-assess.yaml" });
    // The same run on worker threads (the bulk path) finds the same.
    for (let i = 0; i < 200; i++) writeFileSync(join(dir, "b", `copy-${String(i).padStart(3, "0")}.rml.yaml`), answersFile("B", GOOD));
    const bulk = await runInProcess(["check", "a", "b/rml-assessment.yaml", "c", ...Array.from({ length: 200 }, (_, i) => `b/copy-${String(i).padStart(3, "0")}.rml.yaml`), "--pack", PACK, "--format", "text", "-j", "2"], { cwd: dir });
    expect(bulk.stderr).toBe("");
    expect(bulk.code).toBe(1);
    expect(bulk.stdout).toMatch(/a\/rml-assessment\.yaml:\d+:\d+ {2}error {3}SCORE_REGRESSION/);
    expect(bulk.stdout).toMatch(/c\/rml-assessment\.yaml:1:1 {2}note {4}BASELINE_MISSING/);
    expect(bulk.stdout).toContain("✖ 1 of 203 files failed");
  }), 180_000);

  it("--no-baseline turns off a configured baseline, and the policy line says where the baseline came from", () => withTempDir(async (dir) => {
    gitInit(dir);
    writeFileSync(join(dir, "rml-assessment.yaml"), answersFile("A", GOOD));
    gitCommit(dir, "first");
    writeFileSync(join(dir, "rml-assessment.yaml"), answersFile("A", WORSE));
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  baseline: HEAD\n");
    const on = await runInProcess(["check", "--pack", PACK], { cwd: dir });
    expect(on.code).toBe(1);
    const off = await runInProcess(["check", "--pack", PACK, "--no-baseline", "--format", "json"], { cwd: dir });
    expect([off.code, codes(off)]).toEqual([0, [["rml-assessment.yaml", []]]]);
    expect((JSON.parse(off.stdout) as Json).results[0]!.policy.keys.baseline).toBeUndefined();
    const flag = await runInProcess(["check", "--pack", PACK, "--no-config", "--baseline", "HEAD", "--format", "json"], { cwd: dir });
    expect((JSON.parse(flag.stdout) as Json).results[0]!.policy.keys.baseline).toEqual({ value: "HEAD", from: "flags" });
  }));
});

describe("diff for a first assessment", () => {
  it("says there is no earlier version, in a repository without commits and for a new file", () => withTempDir(async (dir) => {
    gitInit(dir);
    writeFileSync(join(dir, "rml-assessment.yaml"), answersFile("First", GOOD));
    const text = await runInProcess(["diff", "rml-assessment.yaml", "--pack", PACK], { cwd: dir });
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).toBe("No earlier version of rml-assessment.yaml: this is its first assessment; it scores 100/100 (Leading).\n  HEAD:rml-assessment.yaml: unknown git revision 'HEAD'\n");
    writeFileSync(join(dir, "other.md"), "x\n");
    git(dir, "add", "other.md");
    git(dir, "commit", "-q", "-m", "other");
    const json = await runInProcess(["diff", "rml-assessment.yaml", "--pack", PACK, "--format", "json"], { cwd: dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ before: null, after: { file: "rml-assessment.yaml", score: 100 }, changes: [], note: "no earlier version: rml-assessment.yaml does not exist at HEAD" });
    const md = await runInProcess(["diff", "rml-assessment.yaml", "--pack", PACK, "--format", "md"], { cwd: dir });
    expect(md.stdout).toMatch(/^\*\*No earlier version\*\*: this is the first assessment of rml-assessment\.yaml/);
  }));
});
