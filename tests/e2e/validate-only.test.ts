import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const PACK = join(FIXTURES, "two-principle-pack");

/** An answers file for the two-principle pack; `answers` is the YAML under `answers:`. */
const answersFile = (answers: string) => `version: 1\nproject:\n  name: Hook test\ndate: 2020-01-01\nanswers:\n${answers}`;
const HALF_DONE = answersFile("  alpha:\n    a-one: yes\n    a-two: no\n");
/** A strict policy that the half-done file fails in every way it can. */
const STRICT = "policy:\n  min-score: 90\n  min-principle-score: 90\n  min-score-for:\n    beta: 95\n  require-evidence: true\n  max-age-days: 30\n";

async function check(dir: string, args: string[]) {
  const r = await runInProcess(["check", "--pack", PACK, "--format", "json", ...args], { cwd: dir });
  return { ...r, doc: r.stdout ? JSON.parse(r.stdout) : null };
}

describe("check --validate-only (the commit hooks' mode)", () => {
  it("passes a valid half-done assessment that fails the config's policy, with unanswered questions as warnings", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "rml-assessment.yaml"), HALF_DONE);
    writeFileSync(join(dir, ".rml-assess.yaml"), STRICT);
    const gated = await check(dir, []);
    expect(gated.code).toBe(1);
    expect(new Set(gated.doc.results[0].findings.map((f: { code: string }) => f.code))).toEqual(
      new Set(["UNANSWERED", "BELOW_MIN_SCORE", "PRINCIPLE_BELOW_MIN_SCORE", "MISSING_EVIDENCE", "STALE"]));
    const validated = await check(dir, ["--validate-only"]);
    expect(validated.stderr).toBe("");
    expect(validated.code).toBe(0);
    const findings = validated.doc.results[0].findings as { code: string; severity: string }[];
    expect(findings.map((f) => [f.code, f.severity])).toEqual([["UNANSWERED", "warning"], ["UNANSWERED", "warning"]]);
  }));

  it("still exits 2 on a syntax error, a schema error or an unknown id, in the answers file or the config", () => withTempDir(async (dir) => {
    const answers = join(dir, "rml-assessment.yaml");
    for (const broken of [answersFile("  alpha:\n    a-one: [yes\n"), answersFile("  alpha:\n    a-one: maybe\n"), answersFile("  alpha:\n    a-oen: yes\n")]) {
      writeFileSync(answers, broken);
      const r = await check(dir, ["--validate-only"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/rml-assessment\.yaml:\d+:\d+: /);
    }
    writeFileSync(answers, HALF_DONE);
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  min-score-for:\n    betta: 50\n");
    const badConfig = await check(dir, ["--validate-only"]);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/\.rml-assess\.yaml:3:5: .*betta/);
  }));

  it("refuses policy flags beside it, as a usage error", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "rml-assessment.yaml"), HALF_DONE);
    for (const flag of [["--min-score", "50"], ["--allow-unanswered"], ["--no-require-evidence"], ["--max-age-days", "3"]]) {
      const r = await check(dir, ["--validate-only", ...flag]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/option '--validate-only' cannot be used with option '--(no-)?[a-z-]+/);
    }
  }));
});
