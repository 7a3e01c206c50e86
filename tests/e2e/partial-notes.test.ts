import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

// PARTIAL_WITHOUT_NOTE: a partial answer with no notes is a warning in every output format, and an
// error when the policy key require-partial-notes (or --require-partial-notes) asks for notes.
const MINI = ["--pack", join(FIXTURES, "two-principle-pack")];
const NOW = new Date("2026-11-20T12:00:00Z");
const ANSWERS = [
  "version: 1", "project:", "  name: Partial answers", "date: 2026-11-19", "answers:", "  alpha:",
  "    a-one: partial", "    a-two:", "      answer: partial", "      notes: Only the batch path.", "  beta:", "    b-one: yes", "    b-two: yes", "",
].join("\n");

const run = (dir: string, args: string[]) => runInProcess(["check", "answers.yaml", ...MINI, ...args], { cwd: dir, now: NOW });

describe("PARTIAL_WITHOUT_NOTE", () => {
  it("is a warning at the answer in every format, and the file still passes", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "answers.yaml"), ANSWERS);
    const text = await run(dir, []);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/answers\.yaml:7:12 +warning PARTIAL_WITHOUT_NOTE +alpha\/a-one is partial without notes; say what is in place and what is missing/);
    expect(text.stdout).toContain("Next: 1 partial without notes: say under 'notes:' what is in place and what is missing");
    expect(text.stdout).not.toContain("a-two is partial");
    const json = JSON.parse((await run(dir, ["--format", "json"])).stdout);
    expect(json.results[0].findings.map((f: { code: string; severity: string; question: string; line: number; column: number }) => [f.code, f.severity, f.question, f.line, f.column])).toEqual([["PARTIAL_WITHOUT_NOTE", "warning", "a-one", 7, 12]]);
    expect(json.passed).toBe(true);
    expect((await run(dir, ["--format", "github"])).stdout).toMatch(/^::warning file=answers\.yaml,line=7,col=12,title=rml-assess PARTIAL_WITHOUT_NOTE::alpha\/a-one is partial without notes/m);
    const junit = (await run(dir, ["--format", "junit"])).stdout;
    expect(junit).toMatch(/<skipped message="alpha\/a-one is partial without notes[^"]*"/);
    const sarif = JSON.parse((await run(dir, ["--format", "sarif"])).stdout);
    const result = sarif.runs[0].results.find((x: { properties: { code: string } }) => x.properties.code === "PARTIAL_WITHOUT_NOTE");
    expect([result.level, result.ruleId, result.locations[0].physicalLocation.region.startLine]).toEqual(["warning", "alpha/a-one", 7]);
    const gitlab = JSON.parse((await run(dir, ["--format", "gitlab"])).stdout);
    expect(gitlab.map((i: { check_name: string; severity: string }) => [i.check_name, i.severity])).toEqual([["PARTIAL_WITHOUT_NOTE:alpha/a-one", "info"]]);
  }));

  it("fails the check under --require-partial-notes or require-partial-notes in the config, and --no-require-partial-notes lifts it", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "answers.yaml"), ANSWERS);
    const flagged = await run(dir, ["--require-partial-notes", "--format", "json"]);
    expect(flagged.code).toBe(1);
    const doc = JSON.parse(flagged.stdout);
    expect(doc.results[0].findings.map((f: { code: string; severity: string }) => `${f.severity} ${f.code}`)).toEqual(["error PARTIAL_WITHOUT_NOTE"]);
    expect(doc.results[0].policy.keys).toEqual({ "require-partial-notes": { value: true, from: "flags" } });
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  require-partial-notes: true\n");
    const configured = await run(dir, []);
    expect(configured.code).toBe(1);
    expect(configured.stdout).toMatch(/error +PARTIAL_WITHOUT_NOTE/);
    expect(configured.stdout).toContain("Policy: require-partial-notes (.rml-assess.yaml policy.require-partial-notes), every question answered (default).");
    expect((await run(dir, ["--no-require-partial-notes"])).code).toBe(0);
    // A risk tier can ask for it too; a wrong value is an input error located in the config.
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  require-partial-notes: yes-please\n");
    const bad = await run(dir, []);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\.rml-assess\.yaml:2:26/);
  }));
});
