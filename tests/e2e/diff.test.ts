import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { git, gitCommit, gitInit } from "../helpers/git.js";
import { FIXTURES, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

const PACK = join(FIXTURES, "two-principle-pack");
type Spec = Record<string, Record<string, string | { answer: string | null; notes?: string; evidence?: string[] } | null>>;

/** An answers file for the two-principle pack (alpha: a-one, a-two; beta: b-one, b-two). */
function answersFile(answers: Spec): string {
  return stringify({ version: 1, project: { name: "Diff test" }, date: "2026-11-01", pack: "mini", answers });
}

const OLD: Spec = { alpha: { "a-one": "yes", "a-two": "partial" }, beta: { "b-one": { answer: "no", evidence: ["docs/old.md"] }, "b-two": "yes" } };
const NEW: Spec = { alpha: { "a-one": "partial", "a-two": "yes" }, beta: { "b-one": { answer: "no", evidence: ["docs/new.md"] }, "b-two": null } };

/** A repository with the old answers committed on main, then the new ones in the working tree (uncommitted). */
function repoWithChange(dir: string, path = "rml-assessment.yaml"): void {
  gitInit(dir);
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), answersFile(OLD));
  gitCommit(dir, "first assessment");
  writeFileSync(join(dir, path), answersFile(NEW));
}

/** The scores `check --format json` gives a file: what diff must agree with. */
async function checkScores(args: string[], cwd: string) {
  const r = await runInProcess(["check", ...args, "--pack", PACK, "--format", "json", "--allow-unanswered"], { cwd });
  const result = JSON.parse(r.stdout).results[0];
  return { score: result.score, band: result.band, principles: result.principles.map((p: { id: string; score: number | null }) => [p.id, p.score]) };
}

describe("diff", () => {
  it("compares NEW with itself at HEAD when given alone, in the pinned JSON shape, with check's scores", () => withTempDir(async (dir) => {
    repoWithChange(dir);
    const r = await runInProcess(["diff", "rml-assessment.yaml", "--pack", PACK, "--format", "json"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(Object.keys(d)).toEqual(["metadata", "before", "after", "delta", "principles", "changes"]);
    writeFileSync(join(dir, "old.yaml"), answersFile(OLD));
    const before = await checkScores(["old.yaml"], dir);
    const after = await checkScores(["rml-assessment.yaml"], dir);
    expect(d.before).toEqual({ file: "HEAD:rml-assessment.yaml", score: before.score, band: before.band });
    expect(d.after).toEqual({ file: "rml-assessment.yaml", score: after.score, band: after.band });
    expect(d.delta).toBe(after.score - before.score);
    expect(d.principles).toEqual(before.principles.map(([id, b]: [string, number], i: number) => {
      const a = after.principles[i][1];
      return { id, before: b, after: a, delta: a - b };
    }));
    expect(d.changes).toEqual([
      { principle: "alpha", question: "a-one", before: "yes", after: "partial", kind: "regressed" },
      { principle: "alpha", question: "a-two", before: "partial", after: "yes", kind: "improved" },
      { principle: "beta", question: "b-two", before: "yes", after: null, kind: "unanswered" },
    ]);
  }));

  it("reads both sides from git as REF:PATH, from a subdirectory and from outside the file's directory", () => withTempDir(async (dir) => {
    repoWithChange(dir, "ml/assessment.yaml");
    gitCommit(dir, "second assessment");
    git(dir, "branch", "before", "HEAD~1");
    const fromRoot = await runInProcess(["diff", "before:ml/assessment.yaml", "main:ml/assessment.yaml", "--pack", PACK, "--format", "json"], { cwd: dir });
    expect(fromRoot.code).toBe(0);
    const fromSub = await runInProcess(["diff", "before:assessment.yaml", "HEAD:assessment.yaml", "--pack", PACK, "--format", "json"], { cwd: join(dir, "ml") });
    expect(JSON.parse(fromSub.stdout).changes).toEqual(JSON.parse(fromRoot.stdout).changes);
    expect(JSON.parse(fromRoot.stdout).changes).toHaveLength(3);
    expect(JSON.parse(fromRoot.stdout).before.file).toBe("before:ml/assessment.yaml");
  }));

  it("says what is wrong, located, with exit 2: not a repository, an unknown ref, a missing path, a ref like an option", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "new.yaml"), answersFile(NEW));
    const notRepo = await runInProcess(["diff", "new.yaml", "--pack", PACK], { cwd: dir });
    expect([notRepo.code, notRepo.stdout]).toEqual([2, ""]);
    expect(notRepo.stderr).toMatch(/^HEAD:new\.yaml: .* is not inside a git repository \(run from a git checkout/);
    gitInit(dir);
    gitCommit(dir, "new");
    const unknown = await runInProcess(["diff", "origin/nope:new.yaml", "new.yaml", "--pack", PACK], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("origin/nope:new.yaml: unknown git revision 'origin/nope'");
    const missing = await runInProcess(["diff", "HEAD:gone.yaml", "new.yaml", "--pack", PACK], { cwd: dir });
    expect(missing.stderr).toContain("HEAD:gone.yaml: gone.yaml does not exist at HEAD");
    const option = await runInProcess(["diff", "--pack", PACK, "--", "--output=x:new.yaml", "new.yaml"], { cwd: dir });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("'--output=x' is not a git revision");
    expect(readFileSync(join(dir, "new.yaml"), "utf8")).toBe(answersFile(NEW));
  }));

  it("reports an invalid answers file at a revision by its REF:PATH, line and column", () => withTempDir(async (dir) => {
    gitInit(dir);
    writeFileSync(join(dir, "a.yaml"), answersFile(OLD).replace("a-one: yes", "a-one: maybe"));
    gitCommit(dir, "bad");
    writeFileSync(join(dir, "a.yaml"), answersFile(NEW));
    const r = await runInProcess(["diff", "a.yaml", "--pack", PACK], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^HEAD:a\.yaml:\d+:\d+: .*maybe/m);
  }));

  it("exits 0 whatever changed, writes text for people and md with -o, atomically, from the built binary", () => withTempDir((dir) => {
    repoWithChange(dir);
    const text = runBinary(["diff", "rml-assessment.yaml", "--pack", PACK], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n")[0]).toMatch(/^Score 63 → 38 \(-25\), band Established → Initial, 3 answers changed: 1 regressed, 1 newly unanswered, 1 improved$/);
    expect(text.stdout).toContain("Regressed (1)\n  alpha/a-one: yes → partial");
    expect(text.stdout).toContain("Newly unanswered (1)\n  beta/b-two: yes → unanswered");
    expect(text.stdout).toMatch(/beta\/b-one\n\s+\+ docs\/new\.md\n\s+- docs\/old\.md/);
    const md = runBinary(["diff", "rml-assessment.yaml", "--pack", PACK, "--format", "md", "-o", "diff.md"], { cwd: dir });
    expect([md.code, md.stdout, md.stderr]).toEqual([0, "", ""]);
    expect(readFileSync(join(dir, "diff.md"), "utf8")).toMatch(/^\*\*Score \d+ → \d+/);
    const clash = runBinary(["diff", "HEAD:rml-assessment.yaml", "rml-assessment.yaml", "-o", "rml-assessment.yaml", "--pack", PACK], { cwd: dir });
    expect(clash.code).toBe(2);
    expect(readFileSync(join(dir, "rml-assessment.yaml"), "utf8")).toBe(answersFile(NEW));
  }));
});

describe("check --baseline", () => {
  it("adds SCORE_REGRESSION and ANSWER_REGRESSION against REF:PATH, located in NEW, in every format", () => withTempDir(async (dir) => {
    repoWithChange(dir);
    const args = ["check", "rml-assessment.yaml", "--pack", PACK, "--allow-unanswered", "--baseline", "HEAD:rml-assessment.yaml"];
    const json = await runInProcess([...args, "--format", "json"], { cwd: dir });
    const found = JSON.parse(json.stdout).results[0].findings.filter((f: { code: string }) => f.code.endsWith("REGRESSION"));
    const text = readFileSync(join(dir, "rml-assessment.yaml"), "utf8").split("\n");
    const lineOf = (pattern: RegExp) => text.findIndex((l) => pattern.test(l)) + 1;
    // alpha: 75 → 75; beta: 50 → 0; overall 62.5 → 37.5, rounded 63 → 38.
    expect(found.map((f: { code: string; severity: string; principle: string | null; question: string | null; line: number }) => [f.code, f.severity, f.principle, f.question, f.line])).toEqual([
      ["SCORE_REGRESSION", "error", null, null, lineOf(/^answers:/)],
      ["SCORE_REGRESSION", "error", "beta", null, lineOf(/^ {2}beta:/)],
      ["ANSWER_REGRESSION", "warning", "alpha", "a-one", lineOf(/a-one:/)],
      ["ANSWER_REGRESSION", "warning", "beta", "b-two", lineOf(/b-two:/)],
    ].sort((a, b) => (a[4] as number) - (b[4] as number)));
    expect(json.code).toBe(1);
    const gh = await runInProcess([...args, "--format", "github"], { cwd: dir });
    expect(gh.stdout).toMatch(/::error file=rml-assessment\.yaml,line=\d+,col=\d+,title=rml-assess SCORE_REGRESSION::/);
    expect(gh.stdout).toMatch(/::warning file=rml-assessment\.yaml,line=\d+,col=\d+,title=rml-assess ANSWER_REGRESSION::alpha\/a-one went from yes to partial/);
    const junit = await runInProcess([...args, "--format", "junit"], { cwd: dir });
    expect(junit.stdout).toContain('<property name="policy.baseline" value="HEAD:rml-assessment.yaml"/>');
    expect(junit.stdout).toMatch(/<failure message="[^"]*lower than the baseline[^"]*" type="SCORE_REGRESSION">/);
    const sarif = JSON.parse((await runInProcess([...args, "--format", "sarif"], { cwd: dir })).stdout);
    const rules = sarif.runs[0].tool.driver.rules;
    for (const id of ["SCORE_REGRESSION", "ANSWER_REGRESSION"]) expect(rules.find((r: { id: string }) => r.id === id).fullDescription.text).not.toBe("");
    expect(sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId.endsWith("REGRESSION")).map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`).sort())
      .toEqual(["ANSWER_REGRESSION:warning", "ANSWER_REGRESSION:warning", "SCORE_REGRESSION:error", "SCORE_REGRESSION:error"]);
    const plain = await runInProcess([...args, "--format", "text"], { cwd: dir });
    expect(plain.stdout).toMatch(/rml-assessment\.yaml:\d+:\d+ +warning ANSWER_REGRESSION +alpha\/a-one went from yes to partial since the baseline/);
  }));

  it("makes answer regressions errors with --no-regressions, and passes when nothing got worse", () => withTempDir(async (dir) => {
    gitInit(dir);
    writeFileSync(join(dir, "a.yaml"), answersFile(OLD));
    gitCommit(dir, "old");
    // a-one goes down as a-two goes up: alpha still scores 75, so only the answer regressed.
    writeFileSync(join(dir, "a.yaml"), answersFile({ ...OLD, alpha: { "a-one": { answer: "partial", notes: "Half." }, "a-two": "yes" } }));
    const base = ["check", "a.yaml", "--pack", PACK, "--baseline", "HEAD:a.yaml", "--format", "json"];
    const warn = await runInProcess(base, { cwd: dir });
    const codes = (r: { stdout: string }) => JSON.parse(r.stdout).results[0].findings.map((f: { code: string; severity: string }) => `${f.code}:${f.severity}`);
    expect(warn.code).toBe(0);
    expect(codes(warn)).toEqual(["ANSWER_REGRESSION:warning"]);
    const strict = await runInProcess([...base, "--no-regressions"], { cwd: dir });
    expect([strict.code, codes(strict)]).toEqual([1, ["ANSWER_REGRESSION:error"]]);
  }));

  it("takes the baseline from the config's policy, a flag replacing it, and refuses several files with one baseline", () => withTempDir(async (dir) => {
    repoWithChange(dir);
    writeFileSync(join(dir, "old.yaml"), answersFile(OLD));
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  allow-unanswered: true\n  baseline: HEAD:rml-assessment.yaml\n");
    const fromConfig = await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK, "--format", "json"], { cwd: dir });
    expect(fromConfig.code).toBe(1);
    expect(JSON.parse(fromConfig.stdout).results[0].findings.some((f: { code: string }) => f.code === "SCORE_REGRESSION")).toBe(true);
    const flag = await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK, "--format", "json", "--baseline", "rml-assessment.yaml"], { cwd: dir });
    expect([flag.code, JSON.parse(flag.stdout).results[0].findings.map((f: { code: string }) => f.code)]).toEqual([0, ["PARTIAL_WITHOUT_NOTE", "UNANSWERED"]]);
    const several = await runInProcess(["check", "rml-assessment.yaml", "old.yaml", "--pack", PACK], { cwd: dir });
    expect(several.code).toBe(2);
    expect(several.stderr).toContain("the baseline HEAD:rml-assessment.yaml is one answers file, but 2 answers files were found");
    expect(several.stderr).toContain("--no-baseline");
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  baseline: ''\n");
    const empty = await runInProcess(["check", "rml-assessment.yaml", "--pack", PACK], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^\.rml-assess\.yaml:2:\d+: 'policy\.baseline'/);
  }));
});

describe("report --previous", () => {
  it("adds the changes since OLD (a file or REF:PATH) to md and html, after the summary", () => withTempDir(async (dir) => {
    repoWithChange(dir);
    const md = await runInProcess(["report", "rml-assessment.yaml", "--pack", PACK, "--previous", "HEAD:rml-assessment.yaml"], { cwd: dir });
    expect(md.code).toBe(0);
    const section = md.stdout.slice(md.stdout.indexOf("## Changes since the last assessment"), md.stdout.indexOf("## Principles"));
    expect(md.stdout.indexOf("## Summary")).toBeLessThan(md.stdout.indexOf("## Changes since the last assessment"));
    expect(section).toContain("**Score 63 → 38 (-25), band Established → Initial, 3 answers changed: 1 regressed, 1 newly unanswered, 1 improved** Compared with HEAD:rml-assessment.yaml, assessed on 2026-11-01.");
    expect(section).toContain("| **Overall** | 63 | 38 | -25 |");
    expect(section).toContain("### Regressed (1)\n\n| Question | Before | After | Notes |\n| --- | --- | --- | --- |\n| Do you a one?<br>`alpha/a-one` | yes | **partial** | – |");
    expect(section).toContain("### Newly unanswered (1)");
    expect(section).toContain("- `beta/b-one`: added docs/new.md; removed docs/old.md");
    writeFileSync(join(dir, "old.yaml"), answersFile(OLD));
    const fromFile = await runInProcess(["report", "rml-assessment.yaml", "--pack", PACK, "--previous", "old.yaml"], { cwd: dir });
    expect(fromFile.stdout.replace("old.yaml", "HEAD:rml-assessment.yaml")).toBe(md.stdout);
    const html = await runInProcess(["report", "rml-assessment.yaml", "--pack", PACK, "--previous", "old.yaml", "--format", "html"], { cwd: dir });
    expect(html.stdout).toMatch(/<h2 id="changes">Changes since the last assessment<\/h2>\s*<p><strong>Score 63 → 38 \(-25\)/);
    expect(html.stdout).toContain("<code>alpha/a-one</code>: yes → <strong>partial</strong>");
    const none = await runInProcess(["report", "rml-assessment.yaml", "--pack", PACK], { cwd: dir });
    expect(none.stdout).not.toContain("Changes since");
  }));
});
