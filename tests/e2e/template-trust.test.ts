import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, runBinary, withTempDir } from "../helpers/run.js";

const ANSWERS = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");

describe("a custom --template", () => {
  it("may not read a property Handlebars refuses (a prototype's): an error naming the template, nothing on the console", () => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    writeFileSync(join(dir, "t.hbs"), "# {{project.name}}\n{{lookup this \"constructor\"}}\n");
    const r = runBinary(["report", "a.yaml", "--template", "t.hbs", "-o", "out.md"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^t\.hbs:2:1: 'constructor' is not a field of the report context/);
    expect(r.stderr).not.toMatch(/Access has been denied/);
    expect(r.stdout).toBe("");
  }));

  it.each([
    ["an inherited name in a path", "{{#with project}}{{constructor.name}}{{/with}}", /^t\.hbs:1:20: 'constructor' is not a field/],
    ["a method of an array", "{{principles.map}}", /^t\.hbs:1:\d+: 'map' is not a field/],
  ])("refuses %s, which Handlebars would render as nothing", (_, template, message) => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    writeFileSync(join(dir, "t.hbs"), `${template}\n`);
    const r = runBinary(["report", "a.yaml", "--template", "t.hbs"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/Access has been denied/);
  }));

  it("{{log}} writes nothing to the console", () => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    writeFileSync(join(dir, "t.hbs"), "# {{project.name}}{{log \"leaked-by-log\" level=\"error\"}}{{log project.name}}\n");
    const r = runBinary(["report", "a.yaml", "--template", "t.hbs"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("# Retail credit limit scoring\n");
    expect(r.stderr).toBe("");
  }));
});
