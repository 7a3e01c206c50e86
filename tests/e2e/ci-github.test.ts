import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess, withTempDir } from "../helpers/run.js";

// Fixtures that declare every trait, so every question applies whatever the code knows of applies-to.
const CREDIT = "tests/fixtures/partial-assessment/rml-assessment.yaml";
const TRIAGE = "tests/fixtures/complete-assessment/rml-assessment.yaml";
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
      "::error file=tests/fixtures/partial-assessment/rml-assessment.yaml,line=26,col=7,title=rml-assess STALE::the assessment is dated 2026-11-12, 8 days ago, older than the maximum of 3 days; review the answers and update 'date'",
      "::error file=tests/fixtures/partial-assessment/rml-assessment.yaml,line=98,col=3,title=rml-assess PRINCIPLE_BELOW_MIN_SCORE::Bias evaluation scores 30, below the minimum of 45",
      "::error file=tests/fixtures/partial-assessment/rml-assessment.yaml,line=98,col=3,title=rml-assess UNANSWERED::bias-evaluation/bias-mitigated is unanswered%0ADoes each bias found in the data or the model have a recorded decision: a mitigation with its measured effect, or an acceptance by an accountable person?",
      "::error file=tests/fixtures/partial-assessment/rml-assessment.yaml,line=98,col=3,title=rml-assess UNANSWERED::bias-evaluation/fairness-trade-offs-decided is unanswered%0AIs there a record of who outside the modelling team approved the fairness measure and the gap between groups that is tolerated?",
      "::error file=tests/fixtures/partial-assessment/rml-assessment.yaml,line=98,col=3,title=rml-assess UNANSWERED::bias-evaluation/bias-limitations-communicated is unanswered%0AAre the model's known biases and limitations written down for the people who use its outputs or decide on its use?",
      "::error file=tests/fixtures/partial-assessment/rml-assessment.yaml,line=234,col=3,title=rml-assess UNANSWERED::displacement-strategy/change-owner-named is unanswered%0AIs a named person responsible for carrying out the business change, with the time and mandate to do it?",
      "::error file=tests/fixtures/partial-assessment/rml-assessment.yaml,line=234,col=3,title=rml-assess UNANSWERED::displacement-strategy/transition-support is unanswered%0AIs there an agreed plan for each role whose work the system takes over, such as retraining, redeployment or new responsibilities for the time freed up?",
      "::error file=tests/fixtures/partial-assessment/rml-assessment.yaml,line=234,col=3,title=rml-assess UNANSWERED::displacement-strategy/operator-training is unanswered%0AAre the people who operate, review or rely on the system trained on it before they start using it?",
      "::error file=tests/fixtures/partial-assessment/rml-assessment.yaml,line=234,col=3,title=rml-assess UNANSWERED::displacement-strategy/training-material-maintained is unanswered%0AIs the training material for the system's operators and reviewers updated whenever the system or the process it serves changes?",
      "rml-assess: tests/fixtures/partial-assessment/rml-assessment.yaml scores 65/100 (Established): failed, 9 error(s), 0 warning(s)",
      "",
    ].join("\n"));
  });

  it("annotates warnings as ::warning and invalid files at each problem, still exiting 2", async () => {
    const warned = await run(["check", CREDIT, "--format", "github", "--allow-unanswered"]);
    expect(warned.stdout.split("\n").filter((l) => l.startsWith("::warning "))).toHaveLength(7);
    expect(warned.stdout).not.toContain("::error");
    const r = await run(["check", TRIAGE, INVALID, "--format", "github"]);
    expect(r.code).toBe(2);
    // Grouped per file, in the order the files were named: annotations, then the file's line.
    expect(r.stdout).toBe([
      `rml-assess: ${TRIAGE} scores 96/100 (Leading): passed, 0 error(s), 0 warning(s)`,
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
    const r = await run(["check", TRIAGE, CREDIT, INVALID, "--format", "github", "--min-score", "75"], { GITHUB_STEP_SUMMARY: summary });
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
      `| ${TRIAGE} | ED triage priority assistant | 96 | Leading | 0 | 0 | ✅ passed |`,
      `| ${CREDIT} | Retail credit limit scoring | 65 | Established | 8 | 0 | ❌ failed |`,
      `| ${INVALID} | – | – | – | 2 | 0 | ⚠️ invalid input |`,
      "",
      "| Where | Severity | Code | Finding |",
      "| --- | --- | --- | --- |",
      `| ${CREDIT}:28:1 | error | BELOW_MIN_SCORE | overall score 65 is below the minimum of 75 |`,
      `| ${CREDIT}:98:3 | error | UNANSWERED | bias-evaluation/bias-mitigated is unanswered |`,
      `| ${CREDIT}:98:3 | error | UNANSWERED | bias-evaluation/fairness-trade-offs-decided is unanswered |`,
      `| ${CREDIT}:98:3 | error | UNANSWERED | bias-evaluation/bias-limitations-communicated is unanswered |`,
      `| ${CREDIT}:234:3 | error | UNANSWERED | displacement-strategy/change-owner-named is unanswered |`,
      `| ${CREDIT}:234:3 | error | UNANSWERED | displacement-strategy/transition-support is unanswered |`,
      `| ${CREDIT}:234:3 | error | UNANSWERED | displacement-strategy/operator-training is unanswered |`,
      `| ${CREDIT}:234:3 | error | UNANSWERED | displacement-strategy/training-material-maintained is unanswered |`,
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
    expect(row).toBe(`| ${HOSTILE} | Fraud &lt;/testsuite&gt;&lt;testsuite name="x"&gt; &amp; 'co' \\| ok<br>::error::forged %0A 100% ✔ passed | 1 | Initial | 105 | 0 | ❌ failed |`);
    expect(row.split(/(?<!\\)\|/)).toHaveLength(9);
  }));
});
