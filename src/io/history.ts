import { basename, dirname, resolve } from "node:path";
import type { LastChange } from "../core/audit.js";
import type { Answers } from "../core/types.js";
import { git } from "./git.js";

/** The lines of the `answers:` block: from its key to the next top-level key (1-based, inclusive). */
function answersBlock(lines: string[], start: number): [number, number] {
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (/^[^\s#-]/.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  return [start, end];
}

/**
 * When an answer last changed, from `git blame` of the answers file: the newest committer date of
 * the lines of its `answers:` block (lines not yet committed count as today's). A new sign-off
 * alone does not count, since its lines lie outside that block. Null outside a git work tree or
 * for a file git does not track.
 */
export function lastAnswerChangeFromGit(answers: Answers, cwd: string): string | null {
  const path = resolve(cwd, answers.file);
  const blamed = git(["blame", "--no-textconv", "--porcelain", "--", basename(path)], dirname(path));
  if (!blamed.ok) return null;
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
  const [from, to] = answersBlock(lineTexts, answers.positions.answers.line - 1);
  const newest = Math.max(0, ...lineTimes.slice(from, to));
  return newest ? new Date(newest * 1000).toISOString().slice(0, 10) : null;
}

/** The answers' last change: from git history when it can tell, else the file's `date`. */
export function lastAnswerChange(answers: Answers, cwd: string): LastChange | null {
  const fromGit = lastAnswerChangeFromGit(answers, cwd);
  if (fromGit) return { date: fromGit, source: "git history" };
  return answers.date ? { date: answers.date, source: "the file's date" } : null;
}
