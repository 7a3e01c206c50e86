import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { REPO } from "./run.js";

/**
 * An answers file for the built-in pack, built from the pack itself so that it follows the
 * questions as they change: `complete` answers every question yes with evidence, `half-done`
 * leaves the last principle unanswered, `invalid` also misspells a question id (exit 2).
 */
export function builtinAnswers(kind: "complete" | "half-done" | "invalid"): string {
  const pack = loadPack(BUILTIN_PACK_DIR, REPO, "built-in");
  const principles = kind === "complete" ? pack.principles : pack.principles.slice(0, -1);
  const lines = ["version: 1", "project:", "  name: Sample credit model", "answers:"];
  for (const p of principles) {
    lines.push(`  ${p.id}:`);
    // The file lists no traits: a question for some traits only is left out (answering it is a DOES_NOT_APPLY warning).
    p.questions.filter((q) => !q.appliesTo.length).forEach((q, i) => {
      const id = kind === "invalid" && i === 0 ? `${q.id}x` : q.id;
      lines.push(`    ${id}:`, "      answer: yes", "      evidence: [docs/model-card.md]");
    });
  }
  return `${lines.join("\n")}\n`;
}

/** A team's repository: a git repository holding `rml-assessment.yaml` of the given kind. */
export function sampleRepo(dir: string, kind: Parameters<typeof builtinAnswers>[0]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "rml-assessment.yaml"), builtinAnswers(kind));
  writeFileSync(join(dir, "README.md"), "# A model\n");
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", ...args], { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "--no-verify", "-m", "Sample repository");
  return dir;
}
