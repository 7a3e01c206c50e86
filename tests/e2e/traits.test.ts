import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

// Traits, applies-to and retired questions end to end, on a small pack of our own
// (tests/fixtures/traits-pack) and answers files written for it (tests/fixtures/traits-answers).
const PACK = join(FIXTURES, "traits-pack");
const ASSISTANT = join(FIXTURES, "traits-answers", "assistant.yaml");
const OLD = join(FIXTURES, "traits-answers", "old-version.yaml");
const run = (args: string[], cwd?: string) => runInProcess([...args, "--pack", PACK], cwd ? { cwd } : {});

describe("principles with traits", () => {
  it("shows appliesTo in JSON only for questions that have traits, and the pack's traits", async () => {
    const json = JSON.parse((await run(["principles", "--format", "json"])).stdout);
    const questions = json.principles.flatMap((p: { questions: object[] }) => p.questions);
    expect(questions.find((q: { id: string }) => q.id === "output-evaluated")).toEqual({ id: "output-evaluated", text: "Do you evaluate generated output for groundedness?", weight: 1, appliesTo: ["generative-ai"] });
    expect(Object.keys(questions.find((q: { id: string }) => q.id === "core-one"))).toEqual(["id", "text", "weight"]);
    expect(json.traits.map((t: { id: string }) => t.id)).toEqual(["generative-ai", "third-party-model", "personal-data", "automated-decision"]);
  });

  it("marks them in text and markdown, and lists the traits with their descriptions", async () => {
    const text = (await run(["principles"])).stdout;
    expect(text).toMatch(/2\.2 Was the third-party or hosted model reviewed before use\? \(weight 2\) \(applies to: third-party-model, generative-ai\) \[vendor-reviewed\]/);
    expect(text).toMatch(/^ {3}personal-data: The system is trained on or processes personal data\.$/m);
    const md = (await run(["principles", "--format", "md"])).stdout;
    expect(md).toMatch(/\*\*Do you evaluate generated output for groundedness\?\*\* \*\(applies to: generative-ai\)\*/);
    expect(md).toMatch(/^- `automated-decision`: /m);
  });
});

describe("init with a pack that has traits", () => {
  it("lists the traits with their descriptions in a comment (no traits key, so the interview asks), with intended use and risk, and marks the questions that apply only to some traits", () => withTempDir(async (dir) => {
    const r = await run(["init", "a.yaml"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Wrote a\.yaml: 3 questions across 2 principles to answer, and 2 more that apply only to systems with some traits/);
    const text = readFileSync(join(dir, "a.yaml"), "utf8");
    expect(text).toMatch(/ {2}intended-use: ""\n {2}# Risk level in the EU AI Act's vocabulary/);
    expect(text).toMatch(/ {2}# risk: minimal \| limited \| high\n/);
    expect(text).toMatch(/ {2}# {3}generative-ai: The system generates text, images, code or audio\.\n[\s\S]* {2}# traits: \[\] when none applies; 'rml-assess interview' asks while the key is absent\.\n/);
    expect(text).not.toMatch(/^ {2}traits:/m);
    expect(text).toMatch(/# Applies only to: third-party-model, generative-ai\. Leave it empty unless project\.traits lists one of them\.\n {4}vendor-reviewed:/);
    // The blank template fails only on the questions that apply to a system with no traits.
    const check = await run(["check", "a.yaml", "--format", "json"], dir);
    expect(check.code).toBe(1);
    const findings = JSON.parse(check.stdout).results[0].findings;
    expect(findings.map((f: { question: string }) => f.question)).toEqual(["core-one", "core-two", "least-privilege"]);
  }));
});

describe("check with traits and retired questions", () => {
  it("leaves a question that does not apply out of the score, with a DOES_NOT_APPLY warning at its answer", async () => {
    const r = await run(["check", ASSISTANT, "--format", "json"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout).results[0];
    expect(result.project).toMatchObject({ name: "Support assistant", risk: "limited", traits: ["third-party-model"] });
    expect(result.principles[0].questions.map((q: { id: string }) => q.id)).toEqual(["core-one", "core-two"]);
    expect(result.principles[0].score).toBe(75);
    expect(result.findings.map((f: { code: string; severity: string; line: number }) => [f.code, f.severity, f.line])).toEqual([["PARTIAL_WITHOUT_NOTE", "warning", 13], ["DOES_NOT_APPLY", "warning", 14]]);
  });

  it("reports answers to retired questions as RETIRED_QUESTION warnings in every format", async () => {
    const text = await run(["check", OLD, "--allow-unanswered"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/old-version\.yaml:12:5 +warning RETIRED_QUESTION +alpha\/old-access is retired in traits-demo 1\.1\.0/);
    const json = JSON.parse((await run(["check", OLD, "--format", "json"])).stdout);
    expect(json.results[0].findings.filter((f: { code: string }) => f.code === "RETIRED_QUESTION").map((f: { question: string; severity: string }) => [f.question, f.severity]))
      .toEqual([["old-access", "warning"], ["old-double", "warning"], ["dropped", "warning"]]);
    const github = (await run(["check", OLD, "--format", "github"])).stdout;
    expect(github).toMatch(/^::warning file=[^,]*old-version\.yaml,line=12,col=5,title=rml-assess RETIRED_QUESTION::alpha\/old-access is retired/m);
    const junit = (await run(["check", OLD, "--format", "junit"])).stdout;
    expect(junit).toMatch(/<testcase classname="policy" name="RETIRED_QUESTION" time="0">\n {6}<skipped message="alpha\/old-access is retired/);
    const sarif = JSON.parse((await run(["check", OLD, "--format", "sarif"])).stdout);
    const rules = sarif.runs[0].tool.driver.rules;
    const retired = sarif.runs[0].results.filter((x: { properties: { code: string } }) => x.properties.code === "RETIRED_QUESTION");
    expect(retired).toHaveLength(3);
    for (const x of retired) {
      expect(x.level).toBe("warning");
      expect(rules[x.ruleIndex].id).toBe("RETIRED_QUESTION");
    }
    expect(rules.find((x: { id: string }) => x.id === "RETIRED_QUESTION").defaultConfiguration).toEqual({ level: "warning" });
  });

  it("refuses a trait the pack does not declare with exit 2 at file:line:column", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "a.yaml"), readFileSync(ASSISTANT, "utf8").replace("traits: [third-party-model]", "traits: [third-party-modle]"));
    const r = await run(["check", "a.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^a\.yaml:7:12: unknown trait 'third-party-modle' in project\.traits: pack 'traits-demo' does not declare it \(did you mean 'third-party-model'\?\)$/m);
  }));
});

describe("report with traits", () => {
  it("shows intended use, risk and traits, and lists the questions left out in markdown", async () => {
    const r = await run(["report", ASSISTANT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| Intended use \| Drafts replies for support agents to edit; not for legal or medical advice\. \|$/m);
    expect(r.stdout).toMatch(/^\| Risk \(EU AI Act\) \| limited \|$/m);
    expect(r.stdout).toMatch(/^\| Traits \| `third-party-model` \|$/m);
    expect(r.stdout).not.toMatch(/^\| Do you evaluate generated output/m);
    expect(r.stdout).toMatch(/^Not asked, as they do not apply to this system's traits: `output-evaluated` \(applies to `generative-ai`\)\.$/m);
    expect(r.stdout).toMatch(/^4 of 4 questions answered: 2 yes, 1 partial, 1 no, 0 n\/a, 0 unanswered\.$/m);
  });

  it("shows the same in HTML, escaped", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "a.yaml"), readFileSync(ASSISTANT, "utf8").replace(/intended-use: .*/, "intended-use: Drafts <b>replies</b> & more"));
    const r = await run(["report", "a.yaml", "--format", "html"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("<div><dt>Intended use</dt><dd>Drafts &lt;b&gt;replies&lt;/b&gt; &amp; more</dd></div>");
    expect(r.stdout).toContain("<div><dt>Risk (EU AI Act)</dt><dd>limited</dd></div>");
    expect(r.stdout).toContain("<div><dt>Traits</dt><dd><code>third-party-model</code></dd></div>");
    expect(r.stdout).toMatch(/<p class="not-applying">Not asked, as they do not apply to this system's traits: <code>output-evaluated<\/code>/);
  }));

  it("says 'none listed' when the pack has traits and the file lists none, and nothing when the pack has none", () => withTempDir(async (dir) => {
    const none = await run(["report", OLD]);
    expect(none.stdout).toMatch(/^\| Traits \| none listed \|$/m);
    const noTraits = join(FIXTURES, "two-principle-pack");
    expect((await runInProcess(["init", "a.yaml", "--pack", noTraits], { cwd: dir })).code).toBe(0);
    const report = await runInProcess(["report", "a.yaml", "--pack", noTraits], { cwd: dir });
    expect(report.stdout).toMatch(/^\| Project \|/m);
    expect(report.stdout).not.toMatch(/\| Traits \|/);
  }));
});

describe("init --upgrade (built binary)", () => {
  it("rewrites an older answers file in place and then checks it with no retired answer moved twice", () => withTempDir((dir) => {
    cpSync(OLD, join(dir, "old.yaml"));
    const r = runBinary(["init", "--upgrade", "old.yaml", "--pack", PACK], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      "Upgraded old.yaml to traits-demo 1.1.0:",
      "  moved     alpha/old-access -> beta/least-privilege",
      "  removed   beta/dropped (an empty entry)",
      "  left      alpha/old-double: it was split into several questions; answer each of them (see the comment above it)",
      "1 question of the pack has no entry in the file yet; 'rml-assess interview old.yaml' asks it.",
      "",
    ].join("\n"));
    const text = readFileSync(join(dir, "old.yaml"), "utf8");
    expect(text).toMatch(/ {2}beta:\n {4}# Is access restricted\?\n {4}least-privilege:\n {6}answer: partial\n {6}notes: Production only\.\n {6}evidence:\n {8}- docs\/access\.md\n$/);
    expect(text.startsWith("# Written for version 1.0.0")).toBe(true);
    const again = runBinary(["init", "--upgrade", "old.yaml", "--pack", PACK], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^old\.yaml needs no change for traits-demo 1\.1\.0\.$/m);
    expect(readFileSync(join(dir, "old.yaml"), "utf8")).toBe(text);
    const check = runBinary(["check", "old.yaml", "--pack", PACK, "--format", "json"], { cwd: dir });
    const codes = JSON.parse(check.stdout).results[0].findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(["UNANSWERED", "RETIRED_QUESTION"]);
  }));

  it("refuses an invalid or missing file and --force with exit 2, writing nothing", () => withTempDir((dir) => {
    const broken = "version: 1\nproject:\n  name: X\nanswers:\n  alpha:\n    old-access: maybe\n";
    writeFileSync(join(dir, "bad.yaml"), broken);
    const bad = runBinary(["init", "--upgrade", "bad.yaml", "--pack", PACK], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^bad\.yaml:6:17: 'answers\.alpha\.old-access' must be one of yes, partial, no, n\/a/m);
    expect(readFileSync(join(dir, "bad.yaml"), "utf8")).toBe(broken);
    const missing = runBinary(["init", "--upgrade", "none.yaml", "--pack", PACK], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none\.yaml does not exist; there is nothing to upgrade/);
    const force = runBinary(["init", "--upgrade", "--force", "bad.yaml", "--pack", PACK], { cwd: dir });
    expect(force.code).toBe(2);
    expect(force.stderr).toMatch(/--upgrade and --force do not go together/);
  }));
});
