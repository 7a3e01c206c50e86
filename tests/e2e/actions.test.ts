import { copyFileSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git, gitCommit, gitInit } from "../helpers/git.js";
import { EXAMPLES, FIXTURES, runBinary, withTempDir } from "../helpers/run.js";

const CREDIT = join(EXAMPLES, "credit-scoring.yaml");
const MLTRL = join(EXAMPLES, "mltrl-anomaly-detector.yaml");

describe("rml-assess actions (the built binary)", () => {
  it("links each gap to its answer's line at HEAD when the repository read is on GitHub (whatever project.repository declares)", () => withTempDir((dir) => {
    const text = readFileSync(CREDIT, "utf8");
    writeFileSync(join(dir, "rml-assessment.yaml"), text);
    gitInit(dir);
    git(dir, "remote", "add", "origin", "git@github.com:your-org/limit-scoring.git");
    const commit = gitCommit(dir, "The assessment");
    const r = runBinary(["actions", "--format", "json", "--include", "no"], { cwd: dir });
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as { id: string; body: string }[];
    expect(items.length).toBeGreaterThan(0);
    const lines = text.split("\n");
    for (const item of items) {
      const m = /\]\((https:\/\/github\.com\/your-org\/limit-scoring\/blob\/([0-9a-f]{40})\/rml-assessment\.yaml#L(\d+))\)/.exec(item.body);
      expect(m, item.id).not.toBeNull();
      expect(m![2]).toBe(commit);
      // The line holds the answer of that question.
      expect(lines[Number(m![3]) - 1]).toMatch(/^\s+answer: no$/);
      const question = item.id.split("/")[1]!;
      expect(lines.slice(0, Number(m![3]) - 1).reverse().find((l) => /^ {4}\S/.test(l))).toBe(`    ${question}:`);
    }
  }));

  it("--link records tickets keeping every other line, atomically; the linked gaps are then tracked", () => withTempDir((dir) => {
    copyFileSync(join(FIXTURES, "actions-mltrl", "rml-assessment.yaml"), join(dir, "a.yaml"));
    const before = readFileSync(join(dir, "a.yaml"), "utf8");
    const r = runBinary(["actions", "a.yaml", "--link", "proof-of-concept/stage-debrief=https://github.com/o/r/issues/7", "--link", "proof-of-concept/ethics-in-progress=FR-12"], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "Linked 2 tickets in a.yaml.\n" });
    const after = readFileSync(join(dir, "a.yaml"), "utf8");
    const [old, now] = [before.split("\n"), after.split("\n")];
    // One line added (stage-debrief's action), one line changed (the flow entry of ethics-in-progress).
    expect(now.length).toBe(old.length + 1);
    const added = now.findIndex((l, i) => l !== old[i]);
    const changed = now.filter((l) => !old.includes(l));
    expect(changed).toEqual([
      expect.stringMatching(/^ {4}ethics-in-progress: \{ answer: partial, .*, action: \{ ticket: FR-12 \} \}$/),
      "      action: { ticket: https://github.com/o/r/issues/7 }",
    ]);
    expect(now.filter((l) => !changed.includes(l))).toEqual(old.filter((l) => !l.startsWith("    ethics-in-progress:")));
    expect(added).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(["a.yaml"]);
    const list = runBinary(["actions", "a.yaml"], { cwd: dir });
    expect(list.stdout).toMatch(/2 gaps to track in a\.yaml; 2 already tracked by a ticket, left out \(--all lists them\)\.\n$/);
    const all = JSON.parse(runBinary(["actions", "a.yaml", "--all", "-f", "json"], { cwd: dir }).stdout) as { id: string; ticket: string | null }[];
    expect(all.find((i) => i.id === "proof-of-concept/stage-debrief")!.ticket).toBe("https://github.com/o/r/issues/7");
    // Linking again the same tickets changes nothing.
    expect(runBinary(["actions", "a.yaml", "--link", "proof-of-concept/ethics-in-progress=FR-12"], { cwd: dir }).stderr).toMatch(/^Nothing to link/);
    expect(readFileSync(join(dir, "a.yaml"), "utf8")).toBe(after);
  }));

  it("-o writes the output atomically, and refuses to write over the answers file", () => withTempDir((dir) => {
    copyFileSync(CREDIT, join(dir, "a.yaml"));
    const r = runBinary(["actions", "a.yaml", "-f", "jira-csv", "-o", "gaps.csv"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Wrote gaps\.csv \(jira-csv, \d+ items\)\.\n$/);
    expect(readFileSync(join(dir, "gaps.csv"), "utf8")).toMatch(/^Summary,Description,Labels,/);
    const over = runBinary(["actions", "a.yaml", "-o", "./a.yaml"], { cwd: dir });
    expect(over.code).toBe(2);
    expect(readFileSync(join(dir, "a.yaml"), "utf8")).toBe(readFileSync(CREDIT, "utf8"));
  }));

  it("exits 2 on invalid usage, naming what is wrong, the answers file unchanged", () => withTempDir((dir) => {
    copyFileSync(CREDIT, join(dir, "a.yaml"));
    copyFileSync(MLTRL, join(dir, "m.yaml"));
    const cases: [string[], RegExp][] = [
      [["--link", "human-augmentation/scheduled-reviw=T-1"], /no question 'human-augmentation\/scheduled-reviw' in the pack responsible-ml\n.*did you mean 'human-augmentation\/scheduled-review'\?/],
      [["--link", "human-augmentation/scheduled-review"], /expected ID=TICKET/],
      [["--link", "human-augmentation/scheduled-review=T-1", "--link", "human-augmentation/scheduled-review=T-2"], /is given two tickets/],
      [["--link", "human-augmentation/scheduled-review=T-1", "-o", "x.txt"], /cannot be used with option '-o, --output/],
      [["--include", "nope"], /--include takes partial, no or unanswered, not 'nope'/],
      [["--only-weight", "0"], /expected a whole number, 1 or more/],
      [["--format", "xml"], /Allowed choices are text, json, github, gitlab, jira-csv/],
    ];
    for (const [args, message] of cases) {
      const r = runBinary(["actions", "a.yaml", ...args], { cwd: dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stdout).toBe("");
    }
    expect(readFileSync(join(dir, "a.yaml"), "utf8")).toBe(readFileSync(CREDIT, "utf8"));
    const levels = runBinary(["actions", "m.yaml", "--only-weight", "2"], { cwd: dir });
    expect(levels.code).toBe(2);
    expect(levels.stderr).toMatch(/--only-weight: the pack mltrl has levels, not weights/);
  }));

  it("exits 2 on an invalid answers file with its problems at file:line:column", () => withTempDir((dir) => {
    const invalid = readdirSync(join(FIXTURES, "invalid-answers")).find((f) => f.endsWith(".yaml"))!;
    copyFileSync(join(FIXTURES, "invalid-answers", invalid), join(dir, "bad.yaml"));
    const r = runBinary(["actions", "bad.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad\.yaml:\d+:\d+: /m);
    expect(r.stdout).toBe("");
  }));
});
