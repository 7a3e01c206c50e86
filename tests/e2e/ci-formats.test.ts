import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBinary, runInProcess, withTempDir } from "../helpers/run.js";
import { sarifErrors, xmllintJunit } from "../helpers/validate.js";

// Fixtures that declare every trait, so every question applies whatever the code knows of applies-to.
const CREDIT = "tests/fixtures/partial-assessment/rml-assessment.yaml";
const TRIAGE = "tests/fixtures/complete-assessment/rml-assessment.yaml";
const INVALID = "tests/fixtures/invalid-answers/rml-assessment.yaml";
const HOSTILE = "tests/fixtures/hostile-text/rml-assessment.yaml";
const NOW = new Date("2026-11-20T12:00:00Z");
const EPOCH = { SOURCE_DATE_EPOCH: "1790000000" }; // 2026-09-21T14:13:20Z

/** One table of CI runs, each checked in every format: its arguments and the exit code it must give. */
const CASES: { name: string; args: string[]; code: number }[] = [
  { name: "a passing file", args: [TRIAGE], code: 0 },
  { name: "a failing file", args: [CREDIT], code: 1 },
  { name: "two files, one failing", args: [CREDIT, TRIAGE], code: 1 },
  { name: "a directory", args: ["examples"], code: 1 },
  { name: "warnings only (allow-unanswered)", args: [CREDIT, "--allow-unanswered"], code: 0 },
  {
    name: "every policy key failing",
    args: [CREDIT, TRIAGE, "--min-score", "80", "--min-principle-score", "50", "--min-score-for", "bias-evaluation=30", "--require-evidence", "--max-age-days", "5"],
    code: 1,
  },
  { name: "an invalid file among valid ones", args: [TRIAGE, INVALID, CREDIT], code: 2 },
  { name: "user text that tries to break out", args: [HOSTILE], code: 1 },
];

const run = (args: string[], env: Record<string, string> = {}) => runInProcess(args, { now: NOW, env: { ...EPOCH, ...env } });

describe("check in every CI format, across a table of runs", () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it("exits with the same code in every format", async () => {
        for (const format of ["text", "json", "github", "gitlab", "junit", "sarif"]) {
          const r = await run(["check", ...c.args, "--format", format]);
          expect({ format, code: r.code }).toEqual({ format, code: c.code });
        }
      });

      it("writes JUnit XML that validates against the Ant schema, with one failure per error finding", async () => {
        const r = await run(["check", ...c.args, "--format", "junit"]);
        const verdict = xmllintJunit(r.stdout);
        expect(verdict.output).toContain("validates");
        expect(verdict.valid).toBe(true);
        if (c.code === 2) return;
        const json = JSON.parse((await run(["check", ...c.args, "--format", "json"])).stdout);
        const findings = json.results.flatMap((x: { findings: { severity: string }[] }) => x.findings);
        const errors = findings.filter((f: { severity: string }) => f.severity === "error").length;
        const sum = (attr: string) => [...r.stdout.matchAll(new RegExp(`<testsuite [^>]*${attr}="(\\d+)"`, "g"))].reduce((n, m) => n + Number(m[1]), 0);
        expect(sum("failures")).toBe(errors);
        expect(sum("skipped")).toBe(findings.length - errors);
        expect(sum("errors")).toBe(0);
      });

      it("writes SARIF that validates against the 2.1.0 schema, with one result per finding", async () => {
        const r = await run(["check", ...c.args, "--format", "sarif"]);
        const doc = JSON.parse(r.stdout);
        expect(sarifErrors(doc)).toEqual([]);
        if (c.code === 2) return;
        const json = JSON.parse((await run(["check", ...c.args, "--format", "json"])).stdout);
        const findings = json.results.flatMap((x: { file: string; findings: { code: string; line: number; column: number }[] }) =>
          x.findings.map((f) => `${x.file}:${f.line}:${f.column} ${f.code}`));
        const results = doc.runs[0].results.map((x: { properties: { code: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => {
          const { artifactLocation, region } = x.locations[0]!.physicalLocation;
          return `${artifactLocation.uri}:${region.startLine}:${region.startColumn} ${x.properties.code}`;
        });
        expect(results).toEqual(findings);
      });

      it("writes only workflow commands and plain lines that cannot start one", async () => {
        const r = await run(["check", ...c.args, "--format", "github"]);
        for (const line of r.stdout.trimEnd().split("\n")) {
          expect(line).toMatch(/^(::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^:,]+::[^\r\n]+|rml-assess: [^\r\n]+)$/);
        }
      });
    });
  }
});

describe("junit format", () => {
  it("maps principles to suites, questions to cases, and policy minimums to cases of their own", async () => {
    const r = await run(["check", CREDIT, "--format", "junit", "--min-score", "75", "--min-score-for", "bias-evaluation=45", "--allow-unanswered"]);
    const xml = r.stdout;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')).toBe(true);
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" package="([^"]+)" id="(\d+)" timestamp="([^"]+)" hostname="localhost" tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)"/g)]
      .map((m) => m.slice(1).join(" "));
    const at = "2026-09-21T14:13:20"; // SOURCE_DATE_EPOCH, UTC, without a zone as the schema wants
    expect(suites).toEqual([
      `${CREDIT}: human-augmentation ${CREDIT} 0 ${at} 14 0 0`,
      `${CREDIT}: bias-evaluation ${CREDIT} 1 ${at} 12 1 3`,
      `${CREDIT}: explainability-by-justification ${CREDIT} 2 ${at} 10 0 0`,
      `${CREDIT}: reproducible-operations ${CREDIT} 3 ${at} 13 0 0`,
      `${CREDIT}: displacement-strategy ${CREDIT} 4 ${at} 9 0 4`,
      `${CREDIT}: practical-accuracy ${CREDIT} 5 ${at} 15 0 0`,
      `${CREDIT}: trust-by-privacy ${CREDIT} 6 ${at} 17 0 0`,
      `${CREDIT}: data-risk-awareness ${CREDIT} 7 ${at} 15 0 0`,
      `${CREDIT}: policy ${CREDIT} 8 ${at} 1 1 0`,
    ]);
    expect(xml).toContain(`<testcase classname="bias-evaluation" name="minimum score 45" time="0">
      <failure message="Bias evaluation scores 30, below the minimum of 45" type="PRINCIPLE_BELOW_MIN_SCORE">${CREDIT}:98:3: Bias evaluation scores 30, below the minimum of 45</failure>`);
    expect(xml).toContain(`<testcase classname="displacement-strategy" name="operator-training: Are the people who operate, review or rely on the system trained on it before they start using it?" time="0">
      <skipped message="displacement-strategy/operator-training is unanswered">${CREDIT}:234:3: displacement-strategy/operator-training is unanswered`);
    expect(xml).toContain('<testcase classname="policy" name="min-score 75" time="0">\n      <failure message="overall score 65 is below the minimum of 75" type="BELOW_MIN_SCORE">');
    expect(xml).toContain('<property name="policy.min-score-for.bias-evaluation" value="45"/>');
  });

  it("reports an invalid file as one case in error listing every problem", async () => {
    const r = await run(["check", INVALID, "--format", "junit"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`<testsuite name="${INVALID}: input" package="${INVALID}" id="0"`);
    expect(r.stdout).toContain(`<testcase classname="input" name="valid answers file" time="0">
      <error message="2 problems in the input; fix them and run again" type="INVALID_INPUT">${INVALID}:9:23: 'answers.human-augmentation.impact-of-errors' must be one of yes, partial, no, n/a (found 'sure')
${INVALID}:10:5: unknown question 'human-review-decison' in principle 'human-augmentation' (did you mean 'human-review-decision'?)</error>`);
  });

  it("escapes user text so it stays inside its attribute", async () => {
    const xml = (await run(["check", HOSTILE, "--format", "junit"])).stdout;
    expect(xml).toContain('<property name="project" value="Fraud &lt;/testsuite&gt;&lt;testsuite name=&quot;x&quot;&gt; &amp; &apos;co&apos; | ok&#10;::error::forged %0A 100%[32m ✔ passed"/>');
    expect(xml.match(/<testsuite /g)).toHaveLength(8);
  });

  it("is byte-identical for the same inputs and SOURCE_DATE_EPOCH", async () => {
    const a = await run(["check", CREDIT, TRIAGE, "--format", "junit"]);
    const b = await runInProcess(["check", CREDIT, TRIAGE, "--format", "junit"], { now: new Date("2030-01-01T00:00:00Z"), env: EPOCH });
    expect(b.stdout).toBe(a.stdout);
  });
});

describe("sarif format", () => {
  it("has one rule per question with its text, guidance and recommendation, and rules for the policy codes", async () => {
    const doc = JSON.parse((await run(["check", TRIAGE, "--format", "sarif"])).stdout);
    expect(doc.version).toBe("2.1.0");
    const { driver } = doc.runs[0].tool;
    expect(driver.name).toBe("rml-assess");
    const principles = JSON.parse((await run(["principles", "--format", "json"])).stdout).principles;
    const questionIds = principles.flatMap((p: { id: string; questions: { id: string }[] }) => p.questions.map((q) => `${p.id}/${q.id}`));
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual([
      ...questionIds, "BELOW_MIN_SCORE", "PRINCIPLE_BELOW_MIN_SCORE", "STALE", "MISSING_DATE", "SCORE_REGRESSION", "ANSWER_REGRESSION", "RETIRED_QUESTION", "INVALID_INPUT", "LEVEL_NOT_MET", "NA_NOT_ALLOWED", "BELOW_MIN_LEVEL", "FRAMEWORK_COVERAGE",
      "EVIDENCE_NOT_FOUND", "EVIDENCE_INVALID", "EVIDENCE_CHANGED", "MISSING_SIGNOFF", "SIGNOFF_STALE", "ACTION_OVERDUE",
      "PACK_MISMATCH", "METADATA_REGRESSION", "SIGNOFF_UNVERIFIED", "BASELINE_MISSING", "PROBE_CONTRADICTS",
    ]);
    const rule = driver.rules[0];
    expect(rule.id).toBe("human-augmentation/impact-of-errors");
    expect(rule.shortDescription.text).toMatch(/^Is there a written analysis of the harm each kind of model error/);
    expect(rule.help.text).toMatch(/\n\nRecommendation: Hold a one-hour session/);
    expect(rule.help.markdown).toMatch(/\*\*Recommendation:\*\* Hold a one-hour session/);
    expect(doc.runs[0].results).toEqual([]);
    expect(doc.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it("points each result at its rule and at the line and column of the answers file", async () => {
    const doc = JSON.parse((await run(["check", CREDIT, "--format", "sarif", "--require-evidence"])).stdout);
    const { rules } = doc.runs[0].tool.driver;
    const lines = readFileSync(CREDIT, "utf8").split("\n");
    for (const r of doc.runs[0].results) {
      expect(rules[r.ruleIndex].id).toBe(r.ruleId);
      const { region, artifactLocation } = r.locations[0].physicalLocation;
      expect(artifactLocation.uri).toBe(CREDIT);
      const line = lines[region.startLine - 1]!;
      if (r.properties.code === "MISSING_EVIDENCE") {
        // At the answer itself, under its question's key.
        expect(line.slice(region.startColumn - 1)).toMatch(/^(yes|partial)\b/);
        const question = r.ruleId.split("/")[1];
        expect(lines.slice(0, region.startLine).reverse().find((l) => /^ {4}\S/.test(l))).toContain(`${question}:`);
      } else {
        expect(line).toContain(r.ruleId.split("/")[0]);
      }
    }
    expect(doc.runs[0].results.filter((r: { properties: { code: string } }) => r.properties.code === "MISSING_EVIDENCE").length).toBeGreaterThan(3);
  });

  it("reports invalid files as results, marks the run unsuccessful and exits 2", async () => {
    const r = await run(["check", INVALID, TRIAGE, "--format", "sarif"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.runs[0].invocations).toEqual([{ executionSuccessful: false }]);
    expect(doc.runs[0].results.map((x: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) => `${x.ruleId}@${x.locations[0]!.physicalLocation.region.startLine}`))
      .toEqual(["INVALID_INPUT@9", "INVALID_INPUT@10"]);
  });
});

describe("the built binary", () => {
  it("writes SARIF and JUnit with --output, printing nothing, both valid", () => withTempDir((dir) => {
    const sarif = runBinary(["check", CREDIT, TRIAGE, "--format", "sarif", "--output", join(dir, "results.sarif")]);
    expect(sarif.code).toBe(1);
    expect(sarif.stdout).toBe("");
    expect(sarifErrors(JSON.parse(readFileSync(join(dir, "results.sarif"), "utf8")))).toEqual([]);
    const junit = runBinary(["check", "examples", "--format", "junit", "-o", join(dir, "junit.xml")]);
    expect(junit.code).toBe(1);
    expect(xmllintJunit(readFileSync(join(dir, "junit.xml"), "utf8")).valid).toBe(true);
  }));
});
