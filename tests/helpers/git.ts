import { execFileSync } from "node:child_process";

/** Runs git in `dir` with a fixed identity and no user or system config, so tests do not depend on the machine's. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "", HOME: dir, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.org", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.org",
    },
  });
}

/** A new repository in `dir` on branch main. */
export function gitInit(dir: string): void {
  git(dir, "init", "-q", "-b", "main");
}

/** Stages every file in the repository and commits it; returns the commit's id. */
export function gitCommit(dir: string, message: string): string {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
  return git(dir, "rev-parse", "HEAD").trim();
}
