import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitCommit, gitInit } from "../helpers/git.js";
import { EXAMPLES, runInProcess, withTempDir } from "../helpers/run.js";

// A complete assessment of a high-risk system that passes the default policy, final and signed off.
const TRIAGE = readFileSync(join(EXAMPLES, "clinical-triage.yaml"), "utf8").replace(/^answers:/m, "status: final\nsign-off:\n  - { name: R. Osei, role: Clinical safety officer, date: 2026-11-20 }\nanswers:");
const MLTRL = readFileSync(join(EXAMPLES, "mltrl-anomaly-detector.yaml"), "utf8");

/** A repository whose HEAD holds TRIAGE as a.yaml, then the working copy changed by `change`. */
function repository(dir: string, change: (text: string) => string): void {
  gitInit(dir);
  writeFileSync(join(dir, "a.yaml"), TRIAGE);
  writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  risk:\n    high:\n      min-score: 99\n");
  gitCommit(dir, "baseline");
  writeFileSync(join(dir, "a.yaml"), change(TRIAGE));
}

const lowered = (text: string) => text.replace(/^  risk: high$/m, "  risk: minimal");

describe("METADATA_REGRESSION", () => {
  it("catches a risk tier lowered to escape the high tier's policy: a warning under --baseline, an error with --no-regressions", () => withTempDir(async (dir) => {
    repository(dir, lowered);
    const warned = await runInProcess(["check", "a.yaml", "--baseline", "HEAD:a.yaml", "--format", "json"], { cwd: dir });
    const found = JSON.parse(warned.stdout).results[0].findings.filter((f: { code: string }) => f.code === "METADATA_REGRESSION");
    expect(found).toEqual([expect.objectContaining({ severity: "warning", message: "project.risk went from high to minimal since the baseline" })]);
    const strict = await runInProcess(["check", "a.yaml", "--baseline", "HEAD:a.yaml", "--no-regressions"], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/error +METADATA_REGRESSION +project\.risk went from high to minimal/);
  }));

  it("catches status reopened, a sign-off removed and traits removed", () => withTempDir(async (dir) => {
    repository(dir, (t) => t.replace("status: final\n", "status: draft\n").replace(/^sign-off:\n.*\n/m, "").replace("traits: [personal-data, automated-decision]", "traits: [personal-data]"));
    const r = await runInProcess(["check", "a.yaml", "--baseline", "HEAD:a.yaml", "--format", "json", "--allow-unanswered"], { cwd: dir });
    const messages = JSON.parse(r.stdout).results[0].findings.filter((f: { code: string }) => f.code === "METADATA_REGRESSION").map((f: { message: string }) => f.message);
    // In the order of where they stand in the file (project:, then status:).
    expect(messages).toEqual([
      "project.traits no longer lists automated-decision since the baseline, so the questions only those traits ask are no longer asked",
      "status went from final back to draft since the baseline",
      "the sign-off by R. Osei (Clinical safety officer) was removed since the baseline",
    ]);
  }));

  it("is listed first by diff in every format, and the verdict says so", () => withTempDir(async (dir) => {
    repository(dir, lowered);
    const text = await runInProcess(["diff", "a.yaml"], { cwd: dir });
    expect(text.stdout).toMatch(/^Score (\d+) → \1 \(no change\), 1 metadata regression, no answers changed\n.*\n.*\n\nMetadata regressions \(1\)\n  METADATA_REGRESSION project\.risk went from high to minimal since the baseline\n/);
    const md = await runInProcess(["diff", "a.yaml", "--format", "md"], { cwd: dir });
    expect(md.stdout).toContain("1 metadata regression");
    expect(md.stdout.indexOf("**Metadata regressions (1)**")).toBeGreaterThan(0);
    expect(md.stdout.indexOf("**Metadata regressions (1)**")).toBeLessThan(md.stdout.indexOf("Scores by principle"));
    expect(md.stdout).toContain("- **METADATA_REGRESSION** project.risk went from high to minimal since the baseline");
    const json = JSON.parse((await runInProcess(["diff", "a.yaml", "--format", "json"], { cwd: dir })).stdout);
    expect(Object.keys(json)[0]).toBe("metadata");
    expect(json.metadata).toEqual([{ code: "METADATA_REGRESSION", kind: "risk-lowered", message: "project.risk went from high to minimal since the baseline", line: expect.any(Number), column: 1 }]);
    expect(Object.keys(json).slice(1)).toEqual(["before", "after", "delta", "principles", "changes"]);
  }));

  it("diff reports a change of pack instead of refusing it", () => withTempDir(async (dir) => {
    repository(dir, () => MLTRL);
    const r = await runInProcess(["diff", "a.yaml", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).metadata).toContainEqual(expect.objectContaining({ kind: "pack-changed", message: "the pack went from responsible-ml to mltrl since the baseline" }));
  }));
});
