import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const pack = join(FIXTURES, "two-principle-pack");

interface JsonFinding { code: string; principle: string | null; line: number; message: string }

/** The findings of `check --format json` for one file, to compute what the text output must say. */
async function jsonFindings(dir: string, args: string[]): Promise<JsonFinding[]> {
  const r = await runInProcess(["check", ...args, "--format", "json"], { cwd: dir });
  return JSON.parse(r.stdout).results[0].findings;
}

describe("check's text output", () => {
  it("summarises a long list of findings per principle, with their lines, and says what to do next", () => withTempDir(async (dir) => {
    expect((await runInProcess(["init", "a.yaml"], { cwd: dir })).code).toBe(0);
    const findings = await jsonFindings(dir, ["a.yaml"]);
    const r = await runInProcess(["check", "a.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    const principles = [...new Set(findings.map((f) => f.principle))];
    for (const id of principles) {
      const own = findings.filter((f) => f.principle === id);
      const lines = [...new Set(own.map((f) => f.line))].slice(0, 6).join(", ");
      expect(r.stdout).toContain(`a.yaml:${own[0]!.line}:`);
      expect(r.stdout).toContain(`UNANSWERED  ${id}: ${own.length} unanswered (lines ${lines}`);
    }
    // One line per principle instead of one per question: the whole output fits on a screen.
    expect(r.stdout.split("\n").length).toBeLessThan(2 * principles.length + 10);
    expect(r.stdout).toContain(`(${findings.length} findings summarised per principle; add --verbose to list each one)`);
    expect(r.stdout).toContain(`Next: ${findings.length} unanswered: run 'rml-assess interview a.yaml' to continue`);

    const verbose = await runInProcess(["check", "a.yaml", "--verbose"], { cwd: dir });
    for (const f of findings) expect(verbose.stdout).toContain(`:${f.line}:`);
    expect(verbose.stdout.split("\n").filter((l) => l.includes("error   UNANSWERED"))).toHaveLength(findings.length);
    // Machine formats always carry every finding.
    expect(findings.length).toBeGreaterThan(8);
  }));

  it("lists a few findings one per line, and has no next step when nothing is open", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "few.yaml"), "version: 1\nproject: { name: Few }\ndate: 2026-01-01\nanswers:\n  alpha: { a-one: yes, a-two: no }\n  beta: { b-one: yes }\n");
    const r = await runInProcess(["check", "few.yaml", "--pack", pack], { cwd: dir });
    expect(r.stdout).toMatch(/few\.yaml:6:\d+ +error +UNANSWERED +beta\/b-two is unanswered/);
    expect(r.stdout).toContain("Next: 1 unanswered: run 'rml-assess interview few.yaml' to continue");
    writeFileSync(join(dir, "done.yaml"), "version: 1\nproject: { name: Done }\nanswers:\n  alpha: { a-one: yes, a-two: no }\n  beta: { b-one: yes, b-two: yes }\n");
    const done = await runInProcess(["check", "done.yaml", "--pack", pack], { cwd: dir });
    expect(done.code).toBe(0);
    expect(done.stdout).not.toContain("Next:");
  }));

  it("names the policy it applied and where each key came from", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "done.yaml"), "version: 1\nproject: { name: Done }\nanswers:\n  alpha: { a-one: yes, a-two: no }\n  beta: { b-one: yes, b-two: yes }\n");
    const plain = await runInProcess(["check", "done.yaml", "--pack", pack], { cwd: dir });
    expect(plain.stdout).toContain("Policy: every question answered (default).");
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  min-score: 50\n  min-score-for: { beta: 40 }\n");
    const r = await runInProcess(["check", "done.yaml", "--pack", pack, "--require-evidence", "--min-score-for", "alpha=10"], { cwd: dir });
    expect(r.stdout).toContain("Policy: min-score 50 (.rml-assess.yaml policy.min-score), min-score-for.alpha 10 (flag), min-score-for.beta 40 (.rml-assess.yaml policy.min-score-for.beta), require-evidence (flag), every question answered (default).");
    expect(r.stdout).toContain("Next: 3 yes or partial without evidence");
    const allowed = await runInProcess(["check", "done.yaml", "--pack", pack, "--no-config", "--allow-unanswered"], { cwd: dir });
    expect(allowed.stdout).toContain("Policy: unanswered questions allowed (flag).");
  }));
});
