import { execFileSync } from "node:child_process";
import { chownSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runBinary, withTempDir } from "../helpers/run.js";

const PACK = join(FIXTURES, "two-principle-pack");
const isRoot = process.getuid?.() === 0;

/** Runs git in `dir` with a fixed identity and committer date, and no user or system config. */
function gitAt(dir: string, date: string, ...args: string[]): void {
  execFileSync("git", args, {
    cwd: dir, stdio: "ignore",
    env: {
      PATH: process.env.PATH ?? "", HOME: dir, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "t@example.org",
      GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z`,
    },
  });
}

/** An answers file signed off on 2026-02-01, whose own date (2026-01-10) is older than the sign-off. */
const answersFile = (opts: { anchorValue?: string; aOne?: string; description?: string }) => [
  "version: 1",
  "project:",
  "  name: Sign-off check",
  opts.description ?? `  description: &verdict ${opts.anchorValue ?? "no"}`,
  "date: 2026-01-10",
  "sign-off:",
  "  - { name: R. Osei, role: Reviewer, date: 2026-02-01 }",
  "answers:",
  "  alpha:",
  `    a-one: ${opts.aOne ?? "*verdict"}`,
  "    a-two: yes",
  "  beta:",
  "    b-one: yes",
  "    b-two: yes",
  "",
].join("\n");

/** A repository holding a.yaml as committed on 2026-01-10, then changed by a commit of 2026-03-01. */
function history(dir: string, first: string, second: string): void {
  gitAt(dir, "2026-01-10", "init", "-q", ".");
  writeFileSync(join(dir, "a.yaml"), first);
  gitAt(dir, "2026-01-10", "add", "a.yaml");
  gitAt(dir, "2026-01-10", "commit", "-qm", "signed");
  writeFileSync(join(dir, "a.yaml"), second);
  gitAt(dir, "2026-03-01", "commit", "-qam", "changed after the sign-off");
}

const check = (dir: string) => runBinary(["check", "a.yaml", "--pack", PACK, "--require-signoff", "--format", "json"], { cwd: dir, env: { HOME: dir } });
const codes = (stdout: string) => (JSON.parse(stdout).results[0].findings as { code: string; message: string }[]);

describe("sign-off staleness fails closed", () => {
  it("dates an answer by the anchor it takes its value from, even outside answers:", () => withTempDir((dir) => {
    history(dir, answersFile({ anchorValue: "no" }), answersFile({ anchorValue: "yes" }));
    const r = check(dir);
    expect(codes(r.stdout)).toEqual([expect.objectContaining({ code: "SIGNOFF_STALE", message: expect.stringContaining("(2026-03-01, from git history)") })]);
  }));

  it("dates a file whose blame output is over 5 MB (a long block scalar in project)", () => withTempDir((dir) => {
    const description = `  description: |\n${"    a\n".repeat(160_000)}`.trimEnd();
    history(dir, answersFile({ description, aOne: "no" }), answersFile({ description, aOne: "yes" }));
    expect(statSync(join(dir, "a.yaml")).size).toBeLessThan(5 * 1024 * 1024);
    const r = check(dir);
    expect(codes(r.stdout)).toEqual([expect.objectContaining({ code: "SIGNOFF_STALE", message: expect.stringContaining("(2026-03-01, from git history)") })]);
  }), 60_000);

  it("reports SIGNOFF_UNVERIFIED (an error) when git cannot answer inside a work tree, instead of trusting the file's date", () => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), answersFile({ aOne: "yes" }));
    // A work tree whose repository git cannot open.
    writeFileSync(join(dir, ".git"), "gitdir: ./missing-repository\n");
    const r = check(dir);
    expect(r.code).toBe(1);
    expect(codes(r.stdout)).toEqual([expect.objectContaining({ code: "SIGNOFF_UNVERIFIED", message: expect.stringContaining("not a git repository") })]);
  }));

  it.runIf(isRoot)("reports SIGNOFF_UNVERIFIED for a repository git refuses as of dubious ownership (owned by another user)", () => withTempDir((dir) => {
    history(dir, answersFile({ aOne: "no" }), answersFile({ aOne: "yes" }));
    const chownAll = (path: string) => {
      chownSync(path, 65534, 65534);
      if (statSync(path).isDirectory()) for (const f of readdirSync(path)) chownAll(join(path, f));
    };
    chownAll(dir);
    const r = check(dir);
    expect(codes(r.stdout)).toEqual([expect.objectContaining({ code: "SIGNOFF_UNVERIFIED", message: expect.stringContaining("dubious ownership") })]);
  }));

  it("takes a file not committed yet as changed today", () => withTempDir((dir) => {
    gitAt(dir, "2026-01-10", "init", "-q", ".");
    writeFileSync(join(dir, "a.yaml"), answersFile({ aOne: "yes" }));
    const r = check(dir);
    expect(codes(r.stdout)).toEqual([expect.objectContaining({ code: "SIGNOFF_STALE", message: expect.stringContaining("the file is not committed") })]);
  }));
});
