import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { answersFilesFor } from "../../src/io/discover.js";
import { REPO, runInProcess, withTempDir } from "../helpers/run.js";

const ANSWERS = "version: 1\nproject:\n  name: X\nanswers:\n";

function put(dir: string, path: string, text = ANSWERS): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

describe("directory search", () => {
  it("skips node_modules, .git, what .gitignore files ignore (nested and above, up to the repository) and --exclude globs", () => withTempDir((dir) => {
    mkdirSync(join(dir, ".git"));
    put(dir, ".gitignore", "generated/\n*.local.yaml\n");
    for (const path of [
      "team/a.yaml", "team/node_modules/pkg/x.yaml", "team/other/.git/y.yaml", "team/generated/g.yaml", "team/mine.local.yaml",
      "team/sub/kept.yaml", "team/sub/scratch.yaml", "team/fixtures/f.yaml", "team/fixtures/deep/f2.yaml", "team/other/f3.yaml",
    ]) put(dir, path);
    put(dir, "team/sub/.gitignore", "scratch.yaml\n");
    const cwd = join(dir, "team");
    expect(answersFilesFor(["."], cwd)).toEqual(["a.yaml", "fixtures/deep/f2.yaml", "fixtures/f.yaml", "other/f3.yaml", "sub/kept.yaml"]);
    expect(answersFilesFor(["."], cwd, ["fixtures"])).toEqual(["a.yaml", "other/f3.yaml", "sub/kept.yaml"]);
    expect(answersFilesFor(["."], cwd, ["fixtures/**", "**/f3.yaml"])).toEqual(["a.yaml", "sub/kept.yaml"]);
    // A file named on the command line is always checked; a directory left with none is a usage error.
    expect(answersFilesFor(["a.yaml", "sub/kept.yaml"], cwd, ["sub/*"])).toEqual(["a.yaml", "sub/kept.yaml"]);
    expect(() => answersFilesFor(["sub"], cwd, ["sub/*"])).toThrow(UsageError);
    expect(() => answersFilesFor(["generated"], cwd)).toThrow(/no answers files under generated/);
  }));

  it("check --exclude is repeatable; in this repository, the documented exclude passes over the test fixtures", async () => {
    const all = await runInProcess(["check", ".", "--format", "json"], { cwd: REPO });
    expect(all.code).toBe(2);
    expect(all.stderr).toMatch(/^tests\/fixtures\//m);
    const r = await runInProcess(["check", ".", "--exclude", "tests/**", "--format", "json"], { cwd: REPO });
    expect(r.stderr).toBe("");
    const files: string[] = JSON.parse(r.stdout).results.map((x: { file: string }) => x.file);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith("tests/"))).toEqual([]);
  });
});
