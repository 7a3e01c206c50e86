import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, runInProcess, withTempDir } from "../helpers/run.js";
import { parseCsv } from "../helpers/csv.js";

// The portfolio's questions (issue 30) and results reduced across machines (issue 32). Every example
// is used, however many there are: the tests never count them.
const ENV = { SOURCE_DATE_EPOCH: "1790000000" };
const EXAMPLE_NAMES = readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml")).sort();

interface Row { file: string; pack: string | null; score: number | null; level: number | null; risk: string | null; verdict: string | null; signedOff: string | null; unanswered: number | null; valid: boolean; principles: Record<string, number | null>; previous?: { score: number | null; scoreChange: number | null } | null }
interface Summary {
  assessments: Row[];
  principles: { pack: string; id: string; mean: number | null; previousMean?: number | null; change?: number | null }[];
  packs: { id: string; levels: { counts: Record<string, number>; lowest: { file: string; level: number }[] } | null; weakest: string[] }[];
  weakest: { pack: string }[];
  invalid: { file: string; message: string }[];
  highRiskFailing: { file: string; verdict: string | null }[];
  verdicts: { pass: number; fail: number; unknown: number };
  policy: { config: string | null; problem: string | null; fromResults: boolean };
  previous?: { file: string; gone: string[] };
}
interface Checked { file: string; passed: boolean; level?: number; signedOff: string | null; retiredAnswers: number; project: { risk?: string }; principles: { counts: { unanswered: number } }[] }

/** A summary less the one statement that must differ: where its verdicts come from (the config, or check's result files). */
const withoutPolicySource = (text: string) => text.replace(/"policy": \{[^}]*\}/, "").replace(/^.*Policy verdicts (under|as) .*$/m, "");

async function run(args: string[], cwd?: string) {
  return runInProcess(args, { env: ENV, ...(cwd ? { cwd } : {}) });
}

async function summaryOf(args: string[], cwd?: string): Promise<Summary> {
  const r = await run(["summary", ...args, "--format", "json"], cwd);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

/** A copy of the examples in a temporary directory (not a git work tree, so a sign-off is dated against the file's `date:`). */
function copyExamples(dir: string): void {
  for (const name of EXAMPLE_NAMES) copyFileSync(join(EXAMPLES, name), join(dir, name));
}

describe("summary over mixed packs", () => {
  it("gives a level pack's assessment its level, keeps its gates out of every principle mean, and counts only required gates as unanswered", async () => {
    const summary = await summaryOf([EXAMPLES]);
    const levelled = summary.assessments.filter((a) => a.pack === "mltrl");
    expect(levelled.length).toBeGreaterThan(0);
    for (const a of levelled) expect(a.level).toEqual(expect.any(Number));
    for (const a of summary.assessments.filter((x) => x.pack !== "mltrl")) expect(a.level).toBeNull();
    expect(summary.principles.every((p) => p.pack !== "mltrl")).toBe(true);
    expect(summary.weakest.every((w) => w.pack !== "mltrl")).toBe(true);
    const mltrl = summary.packs.find((p) => p.id === "mltrl")!;
    expect(mltrl.weakest).toEqual([]);
    expect(Object.values(mltrl.levels!.counts).reduce((a, b) => a + b, 0)).toBe(levelled.length);
    expect(mltrl.levels!.lowest[0]!.level).toBe(Math.min(...levelled.map((a) => a.level!)));
    // Unanswered: only the gates up to the next one (check's sections 0..level).
    const r = await run(["check", ...levelled.map((a) => a.file), "--format", "json", "--pack", "mltrl", "--no-config"]);
    const results = (JSON.parse(r.stdout) as { results: Checked[] }).results;
    for (const [i, result] of results.entries()) {
      expect(levelled[i]!.unanswered).toBe(result.principles.slice(0, result.level! + 1).reduce((n, p) => n + p.counts.unanswered, 0));
      expect(levelled[i]!.unanswered).toBeLessThanOrEqual(result.principles.reduce((n, p) => n + p.counts.unanswered, 0));
    }
  });

  it("says each assessment's risk, verdict (as check decides it) and sign-off in json, csv, md and html", async () => {
    const summary = await summaryOf([EXAMPLES, "--no-config"]);
    const r = await run(["check", EXAMPLES, "--format", "json", "--no-config"]);
    const results = (JSON.parse(r.stdout) as { results: Checked[] }).results;
    const byFile = new Map(results.map((x) => [x.file, x]));
    for (const a of summary.assessments) {
      const c = byFile.get(a.file)!;
      expect(a.verdict).toBe(c.passed ? "pass" : "fail");
      expect(a.risk).toBe(c.project.risk ?? null);
      expect(a.signedOff).toBe(c.signedOff);
      // Whatever its pack and verdict, a valid assessment is signed off or not.
      expect(["yes", "no", "stale"], a.file).toContain(a.signedOff);
    }
    expect(summary.verdicts.pass + summary.verdicts.fail).toBe(summary.assessments.length);
    expect(summary.highRiskFailing.map((f) => f.file)).toEqual(summary.assessments.filter((a) => a.risk === "high" && a.verdict !== "pass").map((a) => a.file));
    const csv = parseCsv((await run(["summary", EXAMPLES, "--format", "csv"])).stdout);
    for (const column of ["level", "risk", "verdict", "signed_off", "owner", "status"]) expect(csv[0]).toContain(column);
    const verdictAt = csv[0]!.indexOf("verdict");
    expect(csv.slice(1).map((row) => row[verdictAt])).toEqual(summary.assessments.map((a) => a.verdict));
    for (const format of ["md", "html"]) {
      const text = (await run(["summary", EXAMPLES, "--format", format])).stdout;
      for (const heading of ["Risk", "Verdict", "Signed off", "Owner", "Status", "Level"]) expect(text).toContain(heading);
      // The high-risk list comes before the first pack's section.
      expect(text.indexOf("High-risk and failing")).toBeGreaterThan(0);
      expect(text.indexOf("High-risk and failing")).toBeLessThan(text.indexOf("Readiness levels"));
      expect(text.indexOf("High-risk and failing")).toBeLessThan(text.indexOf("Weakest principles"));
    }
  });

  it("says a sign-off is yes, no or stale against the answers' last change", () => withTempDir(async (dir) => {
    copyExamples(dir);
    const [first, second] = EXAMPLE_NAMES.filter((n) => !n.startsWith("mltrl") && !/^sign-off:/m.test(readFileSync(join(dir, n), "utf8")));
    const before = new Map((await summaryOf(["."], dir)).assessments.map((a) => [a.file, a.signedOff]));
    const signed = (name: string, day: string) => {
      const text = readFileSync(join(dir, name), "utf8").replace(/^status: .*\n/m, "").replace(/^sign-off:[\s\S]*?(?=^\S)/m, "");
      writeFileSync(join(dir, name), text.replace(/^answers:/m, `status: final\nsign-off:\n  - name: R. Chen\n    role: Head of ML\n    date: ${day}\nanswers:`));
    };
    // A level pack's file too, which the default policy does not allow (PACK_MISMATCH): its verdict is
    // a fail, its sign-off a fact about the file, said all the same, by summary and by check alike.
    const levelled = EXAMPLE_NAMES.find((n) => n.startsWith("mltrl"))!;
    signed(first!, "2099-01-01");
    signed(second!, "2000-01-01");
    signed(levelled, "2099-01-01");
    const summary = await summaryOf(["."], dir);
    const state = new Map(summary.assessments.map((a) => [a.file, a.signedOff]));
    expect(state.get(first!)).toBe("yes");
    expect(state.get(second!)).toBe("stale");
    expect(before.get(first!)).toBe("no");
    expect(before.get(second!)).toBe("no");
    expect([before.get(levelled), state.get(levelled)]).toEqual(["no", "yes"]);
    expect(summary.assessments.find((a) => a.file === levelled)!.verdict).toBe("fail");
    const checked = JSON.parse((await run(["check", levelled, "--format", "json"], dir)).stdout) as { results: (Checked & { findings: { code: string }[] })[] };
    expect(checked.results[0]!.findings.map((f) => f.code)).toEqual(["PACK_MISMATCH"]);
    expect(checked.results[0]!.signedOff).toBe("yes");
    // Every other file keeps the state it had before the three were signed.
    for (const [file, was] of before) if (file !== first && file !== second && file !== levelled) expect(state.get(file), file).toBe(was);
  }));

  it("judges verdicts by the repository's config or --config, and a config that cannot be read passes nothing", () => withTempDir(async (dir) => {
    copyExamples(dir);
    writeFileSync(join(dir, "strict.yaml"), "policy:\n  min-score: 90\n  allow-unanswered: true\n");
    const strict = await summaryOf([".", "--config", "strict.yaml"], dir);
    const checked = await run(["check", ".", "--format", "json", "--config", "strict.yaml"], dir);
    const passed = new Map((JSON.parse(checked.stdout) as { results: Checked[] }).results.map((c) => [c.file, c.passed]));
    expect(strict.assessments.map((a) => a.verdict)).toEqual(strict.assessments.map((a) => (passed.get(a.file) ? "pass" : "fail")));
    expect(strict.policy).toEqual({ config: "strict.yaml", problem: null, fromResults: false });
    // The repository's config is found as check finds it.
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  min-score: 90\n  allow-unanswered: true\n");
    expect((await summaryOf(["."], dir)).assessments.map((a) => a.verdict)).toEqual(strict.assessments.map((a) => a.verdict));
    // Unreadable: reported (stderr and the document), no verdict at all, high-risk files listed as not judged.
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  min-score: [unclosed\n");
    const r = await run(["summary", ".", "--format", "json"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: the config cannot be read.*\.rml-assess\.yaml:\d+:\d+/);
    const broken = JSON.parse(r.stdout) as Summary;
    expect(broken.assessments.every((a) => a.verdict === null)).toBe(true);
    expect(broken.verdicts).toEqual({ pass: 0, fail: 0, unknown: broken.assessments.length });
    expect(broken.policy.problem).toMatch(/^\.rml-assess\.yaml:\d+:\d+: /);
    expect(broken.highRiskFailing.map((f) => f.verdict)).toEqual(broken.assessments.filter((a) => a.risk === "high").map(() => null));
    const md = (await run(["summary", "."], dir)).stdout;
    expect(md).toContain("The config cannot be read, so no answers file is judged");
    expect(md).not.toMatch(/\| pass \|/);
  }));
});

describe("summary of check's result files", () => {
  it("gives the same summary from check --format json results as from the answers files, in every format, without reading them again", () => withTempDir(async (dir) => {
    copyExamples(dir);
    const yaml = new Map<string, string>();
    for (const format of ["json", "md", "html", "csv"]) yaml.set(format, (await run(["summary", ".", "--format", format], dir)).stdout);
    const check = await run(["check", ".", "--format", "json", "-o", "result-1.json"], dir);
    expect(check.code, check.stderr).toBeLessThan(2);
    // Results as one document, as one result, and as an array of results.
    const doc = JSON.parse(readFileSync(join(dir, "result-1.json"), "utf8")) as { results: unknown[] };
    writeFileSync(join(dir, "one.json"), JSON.stringify(doc.results[0]));
    writeFileSync(join(dir, "rest.json"), JSON.stringify(doc.results.slice(1)));
    for (const name of EXAMPLE_NAMES) rmSync(join(dir, name));
    for (const format of ["json", "md", "html", "csv"]) {
      const fromResults = (await run(["summary", "result-1.json", "--format", format], dir)).stdout;
      expect(withoutPolicySource(fromResults), format).toBe(withoutPolicySource(yaml.get(format)!));
      if (format !== "csv") expect(fromResults).toMatch(/"fromResults": true|as `check` gave them in its result files|as <code>check<\/code> gave them in its result files/);
    }
    expect(withoutPolicySource((await run(["summary", "one.json", "rest.json", "--format", "json"], dir)).stdout)).toBe(withoutPolicySource(yaml.get("json")!));
  }));

  it("lists another tool's, an older version's and a malformed result file as invalid, with the place of the problem", () => withTempDir(async (dir) => {
    copyExamples(dir);
    await run(["check", EXAMPLE_NAMES[0]!, "--format", "json", "-o", "good.json"], dir);
    const good = readFileSync(join(dir, "good.json"), "utf8");
    writeFileSync(join(dir, "other.json"), '{\n  "tool": { "name": "another-linter" },\n  "results": []\n}\n');
    writeFileSync(join(dir, "older.json"), good.replace(/"tool": \{[^}]*\}/, '"tool": { "name": "rml-assess", "version": "0.0.9" }').replace(/"signedOff": ?("[^"]*"|null),/, ""));
    writeFileSync(join(dir, "cut.json"), good.slice(0, 200));
    const summary = await summaryOf(["good.json", "other.json", "older.json", "cut.json"], dir);
    expect(summary.assessments.filter((a) => a.valid)).toHaveLength(1);
    const messages = summary.invalid.map((i) => i.message);
    expect(messages[0]).toMatch(/^other\.json:1:1: is not a result of 'rml-assess check'/);
    expect(messages[1]).toMatch(/^older\.json:\d+:\d+: 'signedOff' of a result is not .*written by rml-assess 0\.0\.9/);
    expect(messages[2]).toMatch(/^cut\.json:\d+:\d+: not valid JSON/);
  }));
});

describe("summary --previous", () => {
  it("shows each assessment's and each principle's movement in every format, and what is no longer there", () => withTempDir(async (dir) => {
    copyExamples(dir);
    expect((await run(["summary", ".", "--format", "json", "-o", "old.json"], dir)).code).toBe(0);
    const weighted = EXAMPLE_NAMES.filter((n) => !n.startsWith("mltrl"));
    const [changed, gone] = weighted;
    writeFileSync(join(dir, changed!), readFileSync(join(dir, changed!), "utf8").replace(/answer: no\b/g, "answer: yes"));
    rmSync(join(dir, gone!));
    const before = JSON.parse(readFileSync(join(dir, "old.json"), "utf8")) as Summary;
    const now = await summaryOf([".", "--previous", "old.json"], dir);
    const row = now.assessments.find((a) => a.file === changed)!;
    const then = before.assessments.find((a) => a.file === changed)!;
    expect(row.previous).toMatchObject({ score: then.score, scoreChange: row.score! - then.score! });
    expect(row.previous!.scoreChange).toBeGreaterThan(0);
    expect(now.previous).toMatchObject({ file: "old.json", gone: [gone!] });
    for (const p of now.principles) {
      const old = before.principles.find((x) => x.id === p.id && x.pack === p.pack)!;
      expect(p.previousMean).toBe(old.mean);
      expect(p.change).toBe(Math.round((p.mean! - old.mean!) * 10) / 10);
    }
    const csv = parseCsv((await run(["summary", ".", "--previous", "old.json", "--format", "csv"], dir)).stdout);
    const at = csv[0]!.indexOf("score_change");
    expect(at).toBeGreaterThan(0);
    expect(csv.find((r) => r[0] === changed)![at]).toBe(String(row.previous!.scoreChange));
    for (const format of ["md", "html"]) {
      const text = (await run(["summary", ".", "--previous", "old.json", "--format", format], dir)).stdout;
      expect(text).toContain("Movement since");
      expect(text).toContain(`+${row.previous!.scoreChange}`);
      expect(text).toContain(gone!);
    }
  }));

  it("refuses a malformed or foreign OLD.json with its file:line:column, exit 2, writing nothing", () => withTempDir(async (dir) => {
    copyExamples(dir);
    writeFileSync(join(dir, "cut.json"), '{\n  "tool": { "name": "rml-assess" },\n  "assessments": [\n');
    writeFileSync(join(dir, "foreign.json"), '{ "results": [] }\n');
    const cut = await run(["summary", ".", "--previous", "cut.json", "-o", "s.md"], dir);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/^cut\.json:\d+:\d+: not valid JSON/m);
    const foreign = await run(["summary", ".", "--previous", "foreign.json"], dir);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/^foreign\.json:1:1: is not a summary written by 'rml-assess summary --format json'/m);
    expect(readdirSync(dir)).not.toContain("s.md");
  }));
});
