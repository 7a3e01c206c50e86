import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, runBinary, withTempDir } from "../helpers/run.js";

const CREDIT = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");
const SIGNED = CREDIT.replace(/^answers:\n/m, "status: final\nsign-off:\n  - { name: A. Approver, role: Risk officer, date: 2026-01-01 }\nanswers:\n");

/**
 * A repository whose own configuration would run commands (a team's tarball, a pull request's
 * checkout): core.fsmonitor, a clean filter and a filter process, a textconv, a pager and hooks,
 * each of which leaves a marker file when run.
 */
function hostileRepository(dir: string): string {
  const g = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore", env: { PATH: process.env.PATH ?? "", HOME: dir } });
  g("init", "-q", ".");
  writeFileSync(join(dir, "a.yaml"), SIGNED);
  g("add", "a.yaml");
  g("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "one");
  writeFileSync(join(dir, ".gitattributes"), "*.yaml filter=evil diff=evil\n");
  const marker = (name: string) => `touch '${join(dir, `marker-${name}`)}'`;
  g("config", "core.fsmonitor", `${marker("fsmonitor")}; false`);
  g("config", "filter.evil.clean", `${marker("clean")}; cat`);
  g("config", "filter.evil.process", marker("process"));
  g("config", "diff.evil.textconv", `${marker("textconv")}; cat`);
  g("config", "core.pager", `${marker("pager")}; cat`);
  mkdirSync(join(dir, ".git", "hooks"), { recursive: true });
  for (const hook of ["post-index-change", "post-checkout", "pre-commit", "reference-transaction"]) {
    writeFileSync(join(dir, ".git", "hooks", hook), `#!/bin/sh\n${marker(`hook-${hook}`)}\n`);
    chmodSync(join(dir, ".git", "hooks", hook), 0o755);
  }
  // The working copy differs from the commit, so that git would filter it and refresh its index.
  writeFileSync(join(dir, "a.yaml"), `${SIGNED}# reviewed\n`);
  return dir;
}

const markers = (dir: string) => readdirSync(dir).filter((f) => f.startsWith("marker-"));

describe("git runs with no repository code", () => {
  it("runs none of a hostile .git/config's commands (fsmonitor, filters, textconv, pager, hooks) for report, check --require-signoff, diff and check DIR", () => withTempDir((dir) => {
    hostileRepository(dir);
    const env = { HOME: dir };
    const report = runBinary(["report", "a.yaml", "-o", "r.md"], { cwd: dir, env });
    expect(report.code).toBe(0);
    const check = runBinary(["check", "a.yaml", "--require-signoff"], { cwd: dir, env });
    // git still answers: the sign-off is compared with the commit's date, not the file's own date.
    expect(check.stdout).toMatch(/SIGNOFF_STALE .*from git history/);
    expect(runBinary(["diff", "HEAD:a.yaml", "a.yaml"], { cwd: dir, env }).code).toBe(0);
    expect(runBinary(["check", ".", "--format", "json"], { cwd: dir, env }).stdout).toContain("\"file\":\"a.yaml\"");
    expect(markers(dir)).toEqual([]);
  }));

  it("ignores GIT_* variables from outside (GIT_DIR pointing elsewhere, GIT_CONFIG_PARAMETERS running a command)", () => withTempDir((dir) => {
    hostileRepository(dir);
    const env = { HOME: dir, GIT_DIR: join(dir, "nowhere"), GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='touch ${join(dir, "marker-parameters")}; false'`, GIT_EXTERNAL_DIFF: `touch ${join(dir, "marker-external")}` };
    const check = runBinary(["check", "a.yaml", "--require-signoff"], { cwd: dir, env });
    expect(check.stdout).toMatch(/from git history/);
    expect(markers(dir)).toEqual([]);
  }));

  it("reports without git on the PATH, saying why no commit is known rather than naming one", () => {
    const r = runBinary(["report", join(EXAMPLES, "credit-scoring.yaml"), "--format", "md"], { env: { PATH: "/nonexistent" } });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("Not read at a commit: git is not installed or not on the PATH, so no commit is known.");
  });
});
