import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { load, CORE_SCHEMA } from "js-yaml";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const pack = join(FIXTURES, "two-principle-pack");
const DONE = "version: 1\nproject: { name: Done }\nanswers:\n  alpha: { a-one: yes, a-two: no }\n  beta: { b-one: yes, b-two: yes }\n";

describe("small fixes (issue 20)", () => {
  it("bare rml-assess prints the help and exits 0", async () => {
    const r = await runInProcess([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: rml-assess \[options\] \[command\]/);
    expect(r.stdout).toContain("Exit codes: 0 passed");
    expect(r.stderr).toBe("");
  });

  it("a missing file is named without a made-up position", () => withTempDir(async (dir) => {
    const r = await runInProcess(["check", "missing.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^missing\.yaml: no such file \(/m);
    expect(r.stderr).not.toContain("missing.yaml:1:1");
    // Formats that must place each problem on a line still do.
    const sarif = await runInProcess(["check", "missing.yaml", "--format", "junit"], { cwd: dir });
    expect(sarif.stdout).toContain("missing.yaml: no such file");
  }));

  it("a tab in the indentation gives one error, not one per line after it", () => withTempDir(async (dir) => {
    expect((await runInProcess(["init", "a.yaml", "--pack", pack], { cwd: dir })).code).toBe(0);
    const text = readFileSync(join(dir, "a.yaml"), "utf8");
    writeFileSync(join(dir, "a.yaml"), text.replace("\n  alpha:", "\n\talpha:"));
    const tabLine = text.slice(0, text.indexOf("\n  alpha:")).split("\n").length + 1;
    const r = await runInProcess(["check", "a.yaml", "--pack", pack], { cwd: dir });
    expect(r.code).toBe(2);
    const problems = r.stderr.split("\n").filter((l) => l.startsWith("a.yaml:"));
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^a\\.yaml:${tabLine}:1: YAML syntax: Tabs are not allowed as indentation \\(indent with spaces, not tabs`))]);
  }));

  it("true, false and other YAML 1.1 booleans as answers get the answer they mean as a hint", () => withTempDir(async (dir) => {
    // Both parsers read YAML 1.2: yes and no are text, true and false are booleans.
    expect(parse("a: yes\nb: true")).toEqual({ a: "yes", b: true });
    expect(load("a: yes\nb: true", { schema: CORE_SCHEMA })).toEqual({ a: "yes", b: true });
    writeFileSync(join(dir, "b.yaml"), "version: 1\nproject: { name: B }\nanswers:\n  alpha:\n    a-one: true\n    a-two: off\n");
    const r = await runInProcess(["check", "b.yaml", "--pack", pack], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("b.yaml:5:12: 'answers.alpha.a-one' must be one of yes, partial, no, n/a (found true) (true is a yes/no word of YAML 1.1, not an answer: write yes)");
    expect(r.stderr).toContain(`(found 'off') ("off" is a yes/no word of YAML 1.1, not an answer: write no)`);
  }));

  it("JUnit suite names are unique across files", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "one.yaml"), DONE);
    writeFileSync(join(dir, "two.yaml"), DONE.replace("b-two: yes", "b-two: no"));
    const r = await runInProcess(["check", "one.yaml", "two.yaml", "--pack", pack, "--format", "junit", "--min-score", "10"], { cwd: dir });
    const names = [...r.stdout.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(["one.yaml: alpha", "one.yaml: beta", "one.yaml: policy", "two.yaml: alpha", "two.yaml: beta", "two.yaml: policy"]);
    expect(new Set(names).size).toBe(names.length);
  }));
});
