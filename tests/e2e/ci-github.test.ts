import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess, withTempDir } from "../helpers/run.js";

const CREDIT = "examples/credit-scoring.yaml";
const TRIAGE = "examples/clinical-triage.yaml";
const INVALID = "tests/fixtures/invalid-answers/rml-assessment.yaml";
const HOSTILE = "tests/fixtures/hostile-text/rml-assessment.yaml";
const NOW = new Date("2026-11-20T12:00:00Z");

const run = (args: string[], env: Record<string, string> = {}) => runInProcess(args, { now: NOW, env });

describe("github format", () => {
  it("annotates a failing file, one pinned line per finding, then a summary line", async () => {
    const r = await run(["check", CREDIT, "--format", "github", "--min-score-for", "bias-evaluation=45", "--max-age-days", "3"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe([
      "::error file=examples/credit-scoring.yaml,line=19,col=7,title=rml-assess STALE::the assessment is dated 2026-11-12, 8 days ago, older than the maximum of 3 days; review the answers and update 'date'",
      "::error file=examples/credit-scoring.yaml,line=70,col=3,title=rml-assess PRINCIPLE_BELOW_MIN_SCORE::Bias evaluation scores 40, below the minimum of 45",
      "::error file=examples/credit-scoring.yaml,line=70,col=3,title=rml-assess UNANSWERED::bias-evaluation/fairness-trade-offs-decided is unanswered%0AAre decisions about fairness trade-offs (for example equal treatment versus equal outcomes) taken with the relevant stakeholders rather than by the technical team alone?",
      "::error file=examples/credit-scoring.yaml,line=70,col=3,title=rml-assess UNANSWERED::bias-evaluation/bias-limitations-communicated is unanswered%0AAre your data and model evaluation process and the model's known biases and limitations documented and shared with the people who rely on it?",
      "::error file=examples/credit-scoring.yaml,line=153,col=3,title=rml-assess UNANSWERED::displacement-strategy/transition-support is unanswered%0AIs there a plan for the people whose work is automated, such as retraining, redeployment or new responsibilities for the time freed up?",
      "::error file=examples/credit-scoring.yaml,line=153,col=3,title=rml-assess UNANSWERED::displacement-strategy/operator-training is unanswered%0AAre the people who will operate or rely on the system trained to use it, including its limits and when to overrule it?",
      "::error file=examples/credit-scoring.yaml,line=153,col=3,title=rml-assess UNANSWERED::displacement-strategy/change-material-documented is unanswered%0AAre the change-management plan and the training material written down, kept current and available to those who need them?",
      "rml-assess: examples/credit-scoring.yaml scores 72/100 (Established): failed, 7 error(s), 0 warning(s)",
      "",
    ].join("\n"));
  });

  it("annotates warnings as ::warning and invalid files at each problem, still exiting 2", async () => {
    const warned = await run(["check", CREDIT, "--format", "github", "--allow-unanswered"]);
    expect(warned.stdout.split("\n").filter((l) => l.startsWith("::warning "))).toHaveLength(5);
    expect(warned.stdout).not.toContain("::error");
    const r = await run(["check", TRIAGE, INVALID, "--format", "github"]);
    expect(r.code).toBe(2);
    // Grouped per file, in the order the files were named: annotations, then the file's line.
    expect(r.stdout).toBe([
      "rml-assess: examples/clinical-triage.yaml scores 97/100 (Leading): passed, 0 error(s), 0 warning(s)",
      `::error file=${INVALID},line=9,col=23,title=rml-assess invalid input::'answers.human-augmentation.impact-of-errors' must be one of yes, partial, no, n/a (found 'sure')`,
      `::error file=${INVALID},line=10,col=5,title=rml-assess invalid input::unknown question 'human-review-decison' in principle 'human-augmentation'%0Adid you mean 'human-review-decision'?`,
      `rml-assess: ${INVALID} is not a valid answers file`,
      "",
    ].join("\n"));
    expect(r.stderr).toContain(`${INVALID}:9:23: 'answers.human-augmentation.impact-of-errors' must be one of yes, partial, no, n/a (found 'sure')`);
    expect(r.stderr).toContain("2 problems in the input; they are also in the output.");
  });

  it("appends a markdown summary to GITHUB_STEP_SUMMARY, keeping what earlier steps wrote", () => withTempDir(async (dir) => {
    const summary = join(dir, "step_summary.md");
    writeFileSync(summary, "# Earlier step\n\n");
    const r = await run(["check", "examples", INVALID, "--format", "github", "--min-score", "75"], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(2);
    expect(readFileSync(summary, "utf8")).toBe([
      "# Earlier step",
      "",
      "## rml-assess check",
      "",
      "❌ 2 of 3 assessments fail (policy: min-score 75).",
      "",
      "| File | Project | Score | Band | Errors | Warnings | Result |",
      "| --- | --- | ---: | --- | ---: | ---: | --- |",
      "| examples/clinical-triage.yaml | ED triage priority assistant | 97 | Leading | 0 | 0 | ✅ passed |",
      "| examples/credit-scoring.yaml | Retail credit limit scoring | 72 | Established | 6 | 0 | ❌ failed |",
      `| ${INVALID} | – | – | – | 2 | 0 | ⚠️ invalid input |`,
      "",
      "| Where | Severity | Code | Finding |",
      "| --- | --- | --- | --- |",
      "| examples/credit-scoring.yaml:21:1 | error | BELOW_MIN_SCORE | overall score 72 is below the minimum of 75 |",
      "| examples/credit-scoring.yaml:70:3 | error | UNANSWERED | bias-evaluation/fairness-trade-offs-decided is unanswered |",
      "| examples/credit-scoring.yaml:70:3 | error | UNANSWERED | bias-evaluation/bias-limitations-communicated is unanswered |",
      "| examples/credit-scoring.yaml:153:3 | error | UNANSWERED | displacement-strategy/transition-support is unanswered |",
      "| examples/credit-scoring.yaml:153:3 | error | UNANSWERED | displacement-strategy/operator-training is unanswered |",
      "| examples/credit-scoring.yaml:153:3 | error | UNANSWERED | displacement-strategy/change-material-documented is unanswered |",
      `| ${INVALID}:9:23 | error | INVALID_INPUT | 'answers.human-augmentation.impact-of-errors' must be one of yes, partial, no, n/a (found 'sure') |`,
      `| ${INVALID}:10:5 | error | INVALID_INPUT | unknown question 'human-review-decison' in principle 'human-augmentation' (did you mean 'human-review-decision'?) |`,
      "",
      "",
    ].join("\n"));
    // Other formats leave the step summary alone.
    await run(["check", CREDIT, "--format", "sarif"], { GITHUB_STEP_SUMMARY: summary });
    expect(readFileSync(summary, "utf8").match(/## rml-assess check/g)).toHaveLength(1);
  }));

  it("warns but keeps the exit code when the step summary cannot be written", () => withTempDir(async (dir) => {
    const r = await run(["check", TRIAGE, "--format", "github"], { GITHUB_STEP_SUMMARY: join(dir, "missing", "summary.md") });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: cannot append the summary to GITHUB_STEP_SUMMARY \(.*summary\.md\): ENOENT\n$/);
  }));

  it("escapes user text: no forged workflow command, no broken table cell", () => withTempDir(async (dir) => {
    const summary = join(dir, "summary.md");
    const r = await run(["check", HOSTILE, "--format", "github"], { GITHUB_STEP_SUMMARY: summary });
    expect(r.stdout.split("\n").filter((l) => l.startsWith("::")).every((l) => l.startsWith("::error file="))).toBe(true);
    const row = readFileSync(summary, "utf8").split("\n").find((l) => l.includes("Fraud"))!;
    expect(row).toBe(`| ${HOSTILE} | Fraud &lt;/testsuite&gt;&lt;testsuite name="x"&gt; &amp; 'co' \\| ok<br>::error::forged %0A 100% ✔ passed | 3 | Initial | 62 | 0 | ❌ failed |`);
    expect(row.split(/(?<!\\)\|/)).toHaveLength(9);
  }));
});
