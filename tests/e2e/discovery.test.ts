import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, runInProcess, withTempDir } from "../helpers/run.js";

// A complete answers file whose policy check fails (min-score 100), so that a file left out shows as a pass.
const FAILING = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");

function put(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const checkedFiles = async (args: string[], cwd: string) => {
  const r = await runInProcess(["check", ...args, "--format", "json", "--min-score", "100"], { cwd });
  return { code: r.code, files: (JSON.parse(r.stdout || "{\"results\":[]}").results as { file: string }[]).map((x) => x.file), stderr: r.stderr };
};

describe("check DIR leaves out no answers file in silence", () => {
  it("finds files with a byte-order mark, a leading comment over 64 KiB, quoted keys and CRLF line ends, and a long project block", () => withTempDir(async (dir) => {
    put(dir, "bom.yaml", `\uFEFF${FAILING}`);
    put(dir, "long-comment.yaml", `${"# padding to push the keys past the first 64 KiB\n".repeat(2000)}${FAILING}`);
    put(dir, "quoted.yaml", FAILING.replace(/^version: 1$/m, "\"version\": 1").replace(/^answers:/m, "\"answers\":"));
    put(dir, "crlf.yaml", FAILING.replace(/\n/g, "\r\n"));
    put(dir, "long-project.yaml", FAILING.replace("  description: >-\n", `  description: >-\n${"    a long folded description that goes on and on, line after line\n".repeat(2000)}`));
    const r = await checkedFiles(["."], dir);
    expect(r.stderr).toBe("");
    expect(r.files).toEqual(["bom.yaml", "crlf.yaml", "long-comment.yaml", "long-project.yaml", "quoted.yaml"]);
    expect(r.code).toBe(1);
  }));

  it("inside a git work tree, checks a tracked file a .gitignore lists, as git does", () => withTempDir(async (dir) => {
    const g = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
    g("init", "-q", ".");
    put(dir, "team/a.yaml", FAILING);
    g("add", "team/a.yaml");
    put(dir, ".gitignore", "team/\n");
    put(dir, "team/untracked.yaml", FAILING);
    const r = await checkedFiles(["team"], dir);
    expect(r.files).toEqual(["team/a.yaml"]);
    expect(r.code).toBe(1);
    const text = await runInProcess(["check", "team"], { cwd: dir });
    expect(text.stdout).toMatch(/\n1 file checked, 1 skipped \(1 ignored by \.gitignore\)\n$/);
  }));

  it("outside git, lets a deeper .gitignore's negation win over a higher rule, as git does", () => withTempDir(async (dir) => {
    put(dir, ".gitignore", "*.yaml\n");
    put(dir, "team/.gitignore", "!keep.yaml\n");
    put(dir, "team/keep.yaml", FAILING);
    put(dir, "team/other.yaml", FAILING);
    const r = await checkedFiles(["."], dir);
    expect(r.files).toEqual(["team/keep.yaml"]);
  }));

  it("matches --exclude against the path from the folder searched, also when it is reached through ..", () => withTempDir(async (dir) => {
    put(dir, "repo/team/a.yaml", FAILING);
    put(dir, "repo/team/skip/b.yaml", FAILING);
    mkdirSync(join(dir, "elsewhere"));
    const r = await checkedFiles(["../repo", "--exclude", "**/skip/**"], join(dir, "elsewhere"));
    expect(r.files).toEqual([join(dir, "repo", "team", "a.yaml")]);
  }));

  it("names a YAML file that looks like an answers file but is not one, and ends the text output with what it checked and skipped", () => withTempDir(async (dir) => {
    put(dir, "a.yaml", FAILING);
    put(dir, "half.yaml", "version: 1\nproject:\n  name: Half done\n");
    put(dir, "compose.yaml", "services:\n  web: {}\n");
    const r = await runInProcess(["check", "."], { cwd: dir });
    expect(r.stderr).toBe("warning: half.yaml looks like an answers file, but it has 'version: 1' but no top-level 'answers:'; it was not checked (complete it, or leave it out with --exclude)\n");
    expect(r.stdout).toMatch(/\n1 file checked, 2 skipped \(1 not answers files, 1 looks like an answers file but is not: half\.yaml\)\n$/);
  }));
});
