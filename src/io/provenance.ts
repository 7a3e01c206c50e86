import { basename, dirname, relative, resolve, sep } from "node:path";
import { git } from "./git.js";
import { configEntries } from "./git-run.js";
import { shownRemoteUrl } from "./remote-url.js";
import { repositoryRoot } from "./repository.js";

/** Which remote names the repository read: the current branch's upstream, else `origin`, else the only remote. */
export type RemoteRule = "upstream" | "origin" | "only";

/** The repository an answers file was read in. */
export interface ReadRepository {
  /** The remote's URL without credentials (remote-url.ts); null for a local repository, one without remotes. */
  url: string | null;
  /** The remote's name (null when the branch's upstream is a URL, or there is no remote). */
  remote: string | null;
  /** Why this remote was taken; null for a local repository. */
  rule: RemoteRule | null;
  /** The current branch (null on a detached HEAD). */
  branch: string | null;
}

/** Where the answers file was read: the repository, the path in it and the git commit. */
export interface Provenance {
  /** The commit HEAD named when the report was made. */
  commit: string;
  /** True when the answers file differs from that commit (uncommitted changes), or git could not tell. */
  dirty: boolean;
  /** The answers file's directory relative to the repository's root, with forward slashes ("" at the root). */
  dir: string;
  /** The answers file's path relative to the repository's root, with forward slashes. */
  path: string;
  /** The repository read; null when git could not say which (the reason is in `problems`). */
  repository: ReadRepository | null;
  /** What a git call could not tell, in words for the report: said, never guessed. */
  problems: string[];
}

/** Why no commit is known for the answers file. */
export interface Unread {
  commit: null;
  reason: string;
}

const firstLine = (s: string) => s.split("\n")[0]!.replace(/^(fatal|error): /, "");

/** Why `git rev-parse` found no commit, in words. */
function unreadReason(err: string, status: number | undefined): string {
  if (err === "ENOENT") return "git is not installed or not on the PATH, so no commit is known";
  if (/not a git repository/i.test(err)) return "the answers file is not in a git work tree, so no commit is known";
  if (err === "" && status === 1) return "the git repository holding the answers file has no commits yet";
  return `git could not name the commit (${firstLine(err) || `exit status ${status ?? "unknown"}`})`;
}

/**
 * The repository read, by the rule: the current branch's upstream remote, else `origin`, else the
 * only remote; a repository without remotes is local. Every failing git call, and several remotes
 * none of which the rule picks, leave the repository unnamed with the reason in `problems`.
 */
function readRepository(dir: string, branch: string | null, problems: string[]): ReadRepository | null {
  // The listing git-run.ts made to turn filter drivers off, which holds the remotes too: no git process of its own.
  const config = configEntries(dir);
  if (!config.ok) {
    problems.push(`git could not list the remotes (${firstLine(config.err)}), so the repository read is not named`);
    return null;
  }
  const urls = new Map<string, string>();
  let upstream: string | null = null;
  for (const [key, value] of config.pairs) {
    const remote = /^remote\.(.+)\.url$/.exec(key);
    if (remote && !urls.has(remote[1]!)) urls.set(remote[1]!, value);
    if (branch !== null && key === `branch.${branch}.remote`) upstream = value;
  }
  const named = (remote: string, rule: RemoteRule): ReadRepository => ({ url: shownRemoteUrl(urls.get(remote)!), remote, rule, branch });
  // "." is an upstream in this repository itself: no remote, so the next rule applies.
  if (upstream !== null && upstream !== ".") {
    if (urls.has(upstream)) return named(upstream, "upstream");
    if (/[:/]/.test(upstream)) return { url: shownRemoteUrl(upstream), remote: null, rule: "upstream", branch };
    problems.push(`the current branch's upstream remote '${upstream}' has no URL, so the repository read is not named`);
    return null;
  }
  if (urls.has("origin")) return named("origin", "origin");
  if (urls.size === 1) return named([...urls.keys()][0]!, "only");
  if (urls.size === 0) return { url: null, remote: null, rule: null, branch };
  problems.push(`the repository has ${urls.size} remotes (${[...urls.keys()].sort().join(", ")}), none of them the current branch's upstream or named origin, so the repository read is not named`);
  return null;
}

/**
 * Where an answers file is read: HEAD's commit of the git work tree holding it, whether the file
 * differs from it, its path from the work tree's root and the repository (its remote, by the rule
 * of readRepository). Without a commit, why none is known; a git call that fails is said in
 * `problems` (or as the reason), never guessed over.
 */
export function gitProvenance(file: string, cwd: string): Provenance | Unread {
  const path = resolve(cwd, file);
  const dir = dirname(path);
  // One git process names the commit, the branch and whether the file differs (`git status
  // --porcelain=v2 --branch` prints HEAD's commit and branch as header lines, then the file if it
  // differs); the work tree's root is found as git finds it (repositoryRoot), without asking again.
  const status = git(["status", "--porcelain=v2", "--branch", "--no-ahead-behind", "--", basename(path)], dir);
  if (!status.ok) return { commit: null, reason: unreadReason(status.err, status.status) };
  const lines = status.out.toString("utf8").split("\n").filter((line) => line !== "");
  const header = (name: string) => lines.find((line) => line.startsWith(`# branch.${name} `))?.slice(`# branch.${name} `.length);
  const commit = header("oid");
  // "(initial)" in a repository without commits.
  if (commit === undefined || !/^[0-9a-f]+$/.test(commit)) return { commit: null, reason: unreadReason("", 1) };
  const head = header("head");
  const problems: string[] = [];
  const root = repositoryRoot(dir);
  return {
    commit,
    dirty: lines.some((line) => !line.startsWith("# ")),
    dir: relative(root, dir).split(sep).join("/"),
    path: relative(root, path).split(sep).join("/"),
    repository: readRepository(dir, head === undefined || head === "(detached)" ? null : head, problems),
    problems,
  };
}
