import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { EXAMPLES, runInProcess, withTempDir } from "../helpers/run.js";

const CREDIT = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");

/** The credit example with the evidence of its first answer replaced by `evidence` (YAML flow text). */
const withEvidence = (evidence: string) => CREDIT.replace(/^( +)evidence:\n(?:\1  - .*\n)+/m, (_, indent: string) => `${indent}evidence: ${evidence}\n`);

describe("evidence paths that are never evidence (EVIDENCE_INVALID, located)", () => {
  it.each([
    ["a NUL byte", "[\"docs/a\\0b.md\"]", /a NUL byte or another control character/],
    ["'.'", "[.]", /names a directory/],
    ["'..'", "[..]", /names a directory/],
    ["a path into .git", "[.git/config]", /inside git's own \.git directory/],
    ["a directory", "[docs]", /it is a directory/],
    ["the answers file itself", "[./a.yaml]", /the answers file itself/],
  ])("%s", (_, evidence, reason) => withTempDir(async (dir) => {
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, ".git", "config"), "");
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "a.yaml"), withEvidence(evidence));
    const line = withEvidence(evidence).split("\n").findIndex((l) => l.includes(`evidence: ${evidence}`)) + 1;
    const r = await runInProcess(["check", "a.yaml", "--require-evidence", "--verify-evidence", "--allow-unanswered", "--format", "json"], { cwd: dir });
    expect(r.stderr).not.toMatch(/unexpected error|This is a bug/);
    const invalid = JSON.parse(r.stdout).results[0].findings.filter((f: { code: string }) => f.code === "EVIDENCE_INVALID");
    expect(invalid).toEqual([expect.objectContaining({ severity: "error", line, message: expect.stringMatching(reason) })]);
    expect(r.code).toBe(1);
  }));
});

describe("evidence --pin and YAML aliases", () => {
  it("refuses, located, an evidence entry that is an alias or an anchor, leaving the file as it was", () => withTempDir(async (dir) => {
    mkdirSync(join(dir, ".git"));
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "docs", "card.md"), "card\n");
    const text = withEvidence("[&card docs/card.md, *card]");
    writeFileSync(join(dir, "a.yaml"), text);
    const r = await runInProcess(["evidence", "a.yaml", "--pin"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/unexpected error|This is a bug/);
    const line = text.split("\n").findIndex((l) => l.includes("&card")) + 1;
    expect(r.stderr).toMatch(new RegExp(`^a\\.yaml:${line}:\\d+: this evidence is a YAML alias or anchor`, "m"));
    expect(readFileSync(join(dir, "a.yaml"), "utf8")).toBe(text);
  }));
});

describe("no output over a file the run read", () => {
  it.each([
    ["badge", ["badge", "a.yaml", "--pack", "pack", "-o", "pack/pack.yaml"], "pack/pack.yaml"],
    ["summary", ["summary", "a.yaml", "--pack", "pack", "-o", "pack/human-augmentation.yaml"], "pack/human-augmentation.yaml"],
    ["crosswalk", ["crosswalk", "a.yaml", "--pack", "pack", "--framework", "eu-ai-act", "-o", "pack/crosswalk/eu-ai-act.yaml"], "pack/crosswalk/eu-ai-act.yaml"],
  ])("%s -o over a pack file is refused", (_, args, target) => withTempDir(async (dir) => {
    cpSync(BUILTIN_PACK_DIR, join(dir, "pack"), { recursive: true });
    writeFileSync(join(dir, "a.yaml"), CREDIT);
    const before = readFileSync(join(dir, target), "utf8");
    const r = await runInProcess(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: refusing to write the output over the input ${target}\ngive -o a different file name\n`);
    expect(readFileSync(join(dir, target), "utf8")).toBe(before);
  }));
});
