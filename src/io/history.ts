import { basename, dirname, join, resolve } from "node:path";
import { existsSync } from "node:fs";
import { isMap, isScalar, LineCounter, parseDocument, visit, type Node } from "yaml";
import type { LastChange } from "../core/audit.js";
import type { Answers } from "../core/types.js";
import { git } from "./git.js";
import { MAX_INPUT_BYTES } from "./read.js";

/**
 * Room for `git blame --porcelain` of the largest input: each line's text again, with its commit
 * and line numbers. Far above what a file of MAX_INPUT_BYTES produces, so no answers file is too
 * large to date (a file over the limit is refused before this).
 */
const BLAME_BYTES = 64 * MAX_INPUT_BYTES;

/**
 * The lines (1-based) that give the answers their values: the `answers:` block, and the lines of
 * every anchor an alias in it refers to (followed through aliases inside anchors), wherever in the
 * file that anchor stands. Null when the text has no `answers:` mapping.
 */
export function answerLines(text: string): Set<number> | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const root = doc.contents;
  if (!isMap(root)) return null;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === "answers");
  if (!pair) return null;
  const lines = new Set<number>();
  const addRange = (from: number, to: number) => {
    const first = lineCounter.linePos(from).line;
    const last = lineCounter.linePos(Math.max(from, to - 1)).line;
    for (let l = first; l <= last; l++) lines.add(l);
  };
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  addRange(key.range![0], value?.range?.[2] ?? key.range![2]);
  const seen = new Set<Node>();
  const follow = (node: Node | null) => {
    if (!node) return;
    visit(node, {
      Alias(_, alias) {
        const target = alias.resolve(doc) as Node | undefined;
        if (!target?.range || seen.has(target)) return;
        seen.add(target);
        addRange(target.range[0], target.range[2]);
        follow(target);
      },
    });
  };
  follow(value);
  return lines;
}

/** Why git could not date the answers inside a work tree, or "untracked" for a file git does not track. */
type BlameFailure = { untracked: true } | { reason: string };

/**
 * When an answer last changed, from `git blame` of the answers file: the newest committer date of
 * the lines that give the answers their values (answerLines; lines not yet committed count as
 * today's). A new sign-off alone does not count, since its lines lie outside them. A failure
 * when git cannot answer.
 */
export function lastAnswerChangeFromGit(answers: Answers, cwd: string): string | BlameFailure {
  const path = resolve(cwd, answers.file);
  const dir = dirname(path);
  const blamed = git(["blame", "--no-textconv", "--porcelain", "--", basename(path)], dir, BLAME_BYTES);
  if (!blamed.ok) {
    const tracked = git(["ls-files", "--error-unmatch", "--", basename(path)], dir, 1024 * 1024);
    if (!tracked.ok && /did not match any file/.test(tracked.err)) return { untracked: true };
    return { reason: blamed.err.split("\n").find((l) => l.trim()) ?? "git failed" };
  }
  const times = new Map<string, number>();
  const lineTimes: number[] = [];
  const lineTexts: string[] = [];
  let sha = "";
  for (const row of blamed.out.toString("utf8").split("\n")) {
    if (row.startsWith("\t")) {
      lineTexts.push(row.slice(1));
      lineTimes.push(times.get(sha) ?? 0);
    } else if (/^[0-9a-f]{40} /.test(row)) sha = row.slice(0, 40);
    else if (row.startsWith("committer-time ")) times.set(sha, Number(row.slice(15)));
  }
  const lines = answerLines(lineTexts.join("\n"));
  if (!lines) return { reason: "the answers: block was not found in what git blame read" };
  const newest = Math.max(0, ...[...lines].map((l) => lineTimes[l - 1] ?? 0));
  return newest ? new Date(newest * 1000).toISOString().slice(0, 10) : { reason: "git blame gave no dates" };
}

/** True when `path` lies in a git work tree: a `.git` entry in its directory or one above (no git needed to tell). */
function inWorkTree(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return true;
    if (dirname(dir) === dir) return false;
  }
}

/**
 * The answers' last change: from git history inside a work tree (today for a file not committed
 * yet); `unverified` when git cannot answer there (a repository it refuses, git missing), so that a
 * sign-off is not trusted on the file's own word; outside a work tree, the file's `date`.
 */
export function lastAnswerChange(answers: Answers, cwd: string): LastChange | null {
  const path = resolve(cwd, answers.file);
  if (!inWorkTree(path)) return answers.date ? { date: answers.date, source: "the file's date" } : null;
  const fromGit = lastAnswerChangeFromGit(answers, cwd);
  if (typeof fromGit === "string") return { date: fromGit, source: "git history" };
  if ("untracked" in fromGit) return { date: new Date().toISOString().slice(0, 10), source: "the working tree (the file is not committed)" };
  return { date: "", source: "", unverified: fromGit.reason === "ENOENT" ? "git is not installed or not on the PATH" : fromGit.reason };
}
