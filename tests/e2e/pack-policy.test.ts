import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, FIXTURES, REPO, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

const SWITCHED = readFileSync(join(FIXTURES, "pack-switch", "team-switched-to-mltrl.yaml"), "utf8");
const TRIAGE = readFileSync(join(EXAMPLES, "clinical-triage.yaml"), "utf8");
const MLTRL_EXAMPLE = readFileSync(join(EXAMPLES, "mltrl-anomaly-detector.yaml"), "utf8");

describe("the pack is the policy's, not the file's (PACK_MISMATCH)", () => {
  it("fails a file that switches itself to another pack to escape the score minimum, from flags or from the config", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "answers.yaml"), SWITCHED);
    const flags = await runInProcess(["check", "answers.yaml", "--min-score", "90", "--require-evidence", "--format", "json"], { cwd: dir });
    expect(flags.code).toBe(1);
    const [result] = JSON.parse(flags.stdout).results;
    expect(result.findings).toEqual([expect.objectContaining({ code: "PACK_MISMATCH", severity: "error", line: 4, column: 7 })]);
    expect(result.passed).toBe(false);
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  min-score: 95\n");
    const config = await runInProcess(["check", "answers.yaml", "--format", "github"], { cwd: dir });
    expect(config.code).toBe(1);
    expect(config.stdout).toContain("::error file=answers.yaml,line=4,col=7,title=rml-assess PACK_MISMATCH::the file names pack 'mltrl', but this repository's policy allows only pack 'responsible-ml'");
    expect(config.stdout).not.toMatch(/: passed/);
  }));

  it.each([["text", "PACK_MISMATCH"], ["json", "\"PACK_MISMATCH\""], ["sarif", "\"ruleId\": \"PACK_MISMATCH\""], ["junit", "type=\"PACK_MISMATCH\""], ["gitlab", "PACK_MISMATCH"], ["github", "PACK_MISMATCH"]])("is reported in the %s format", (format, expected) => withTempDir(async (dir) => {
    writeFileSync(join(dir, "answers.yaml"), SWITCHED);
    const r = await runInProcess(["check", "answers.yaml", "--format", format], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(expected);
  }));

  it("allows the packs the config names (packs:), the first the default; --pack allows exactly one", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "triage.yaml"), TRIAGE);
    writeFileSync(join(dir, "detector.yaml"), MLTRL_EXAMPLE);
    writeFileSync(join(dir, ".rml-assess.yaml"), "packs: [responsible-ml, mltrl]\n");
    const both = await runInProcess(["check", "triage.yaml", "detector.yaml", "--format", "json"], { cwd: dir });
    const results = JSON.parse(both.stdout).results as { file: string; level: number | null; findings: { code: string }[] }[];
    expect(results.map((r) => r.level ?? null)).toEqual([null, 4]);
    expect(results.flatMap((r) => r.findings.map((f) => f.code))).not.toContain("PACK_MISMATCH");
    // Only mltrl allowed: the responsible-ml file (its pack: line) is the mismatch now.
    writeFileSync(join(dir, ".rml-assess.yaml"), "packs: [mltrl]\n");
    const only = await runInProcess(["check", "triage.yaml", "--format", "json"], { cwd: dir });
    expect(only.code).toBe(1);
    expect(JSON.parse(only.stdout).results[0].findings.map((f: { code: string }) => f.code)).toEqual(["PACK_MISMATCH"]);
    // --pack wins over the config.
    const flag = await runInProcess(["check", "detector.yaml", "--pack", "responsible-ml", "--format", "json"], { cwd: dir });
    expect(JSON.parse(flag.stdout).results[0].findings.map((f: { code: string }) => f.code)).toEqual(["PACK_MISMATCH"]);
  }));

  it("takes a pack directory in packs:, relative to the config file, and says which key is wrong", () => withTempDir(async (dir) => {
    cpSync(join(REPO, "tests", "fixtures", "level-pack"), join(dir, "level-pack"), { recursive: true });
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "rml.yaml"), "packs: [../level-pack/pack]\n");
    const r = await runInProcess(["check", "level-pack/at-level-1.yaml", "--config", "sub/rml.yaml", "--format", "json"], { cwd: dir });
    expect(JSON.parse(r.stdout).results[0].findings.map((f: { code: string }) => f.code)).not.toContain("PACK_MISMATCH");
    writeFileSync(join(dir, "sub", "rml.yaml"), "packs: []\n");
    const empty = await runInProcess(["check", "level-pack/at-level-1.yaml", "--config", "sub/rml.yaml"], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^sub\/rml\.yaml:1:8: 'packs' /);
  }));

  it("is found on the worker threads' path too (a run of many files)", () => withTempDir((dir) => {
    const good = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");
    for (let i = 0; i < 205; i++) writeFileSync(join(dir, `team-${String(i).padStart(3, "0")}.yaml`), good);
    writeFileSync(join(dir, "team-999.yaml"), SWITCHED);
    const r = runBinary(["check", ".", "--format", "gitlab", "--jobs", "2"], { cwd: dir });
    expect(r.code).toBe(1);
    const codes = (JSON.parse(r.stdout) as { check_name: string; location: { path: string } }[]).filter((f) => f.check_name === "PACK_MISMATCH");
    expect(codes.map((f) => f.location.path)).toEqual(["team-999.yaml"]);
  }));
});
