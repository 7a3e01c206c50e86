import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interviewCommand } from "../../src/commands/interview.js";
import type { Io } from "../../src/io/io.js";
import { choose, ctrlC, enter, scriptedPrompts, type Step } from "../helpers/prompts.js";
import { gitInit } from "../helpers/git.js";
import { FIXTURES, withTempDir } from "../helpers/run.js";

// The interview offers what the repository's probes found ("found: docs/model_card.md — add it?").

/** The two-principle pack with a probe on alpha/a-one (a model card) and none elsewhere. */
function packWithProbe(dir: string): string {
  const pack = join(dir, "pack");
  cpSync(join(FIXTURES, "two-principle-pack"), pack, { recursive: true });
  const alpha = readFileSync(join(pack, "alpha.yaml"), "utf8").replace("    refs: [T 1]\n  - id: a-two", "    refs: [T 1]\n    probes:\n      - what: model card\n        files: [\"**/model_card*.md\"]\n        suggests: evidence\n  - id: a-two");
  writeFileSync(join(pack, "alpha.yaml"), alpha);
  return pack;
}

async function interview(dir: string, pack: string, script: Step[]) {
  let stderr = "";
  const io: Io = {
    stdout: () => undefined, stderr: (t) => void (stderr += t), cwd: dir, env: { NO_COLOR: "1" },
    now: () => new Date("2026-11-20T12:00:00Z"), stdoutIsTTY: true, stderrIsTTY: true, stdinIsTTY: true, columns: 100,
  };
  const driver = scriptedPrompts(script);
  const code = await interviewCommand("a.yaml", { pack }, io, driver.prompts);
  expect(driver.remaining(), "every scripted step was used").toEqual([]);
  return { code, stderr, text: readFileSync(join(dir, "a.yaml"), "utf8"), transcript: driver.transcript() };
}

const FILE = "version: 1\nproject: { name: R, owner: O, description: D, intended-use: U, risk: minimal, repository: R }\nassessors: [{ name: A }]\ndate: 2026-11-20\nanswers:\n";

describe("evidence the probes found, in the interview", () => {
  it("offers a found file for a yes, adds it when accepted, and shows it as the evidence's default", () => withTempDir(async (dir) => {
    const pack = packWithProbe(dir);
    const repo = join(dir, "repo");
    mkdirSync(join(repo, "docs"), { recursive: true });
    gitInit(repo);
    writeFileSync(join(repo, "docs", "model_card.md"), "# Card\n");
    writeFileSync(join(repo, "a.yaml"), FILE);
    const r = await interview(repo, pack, [
      choose("yes"), enter("Notes"),
      choose("add", "found: docs/model_card.md — add it?"),
      enter(/Evidence.*docs\/model_card\.md/s),
      ctrlC("alpha/a-two"),
    ]);
    expect(r.text).toContain("    a-one:\n      answer: yes\n      evidence:\n        - docs/model_card.md\n");
  }));

  it("adds nothing when declined, and offers nothing for a no", () => withTempDir(async (dir) => {
    const pack = packWithProbe(dir);
    gitInit(dir);
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "docs", "model_card.md"), "# Card\n");
    writeFileSync(join(dir, "a.yaml"), FILE);
    const declined = await interview(dir, pack, [choose("partial"), enter("Notes"), choose("skip", "found: docs/model_card.md"), enter("Evidence"), ctrlC("alpha/a-two")]);
    expect(declined.text).not.toContain("model_card");
    writeFileSync(join(dir, "a.yaml"), FILE);
    // A no goes from notes straight to the evidence prompt: no offer comes between.
    const no = await interview(dir, pack, [choose("no"), enter("Notes"), enter(/^(?![\s\S]*found:)[\s\S]*Evidence/), ctrlC("alpha/a-two")]);
    expect(no.text).not.toContain("model_card");
  }));

  it("outside a git work tree says once that no evidence is offered, and asks as before", () => withTempDir(async (dir) => {
    const pack = packWithProbe(dir);
    writeFileSync(join(dir, "a.yaml"), FILE);
    const r = await interview(dir, pack, [choose("yes"), enter("Notes"), enter("Evidence"), ctrlC("alpha/a-two")]);
    expect(r.stderr).toContain("note: no evidence will be offered from the repository");
    expect(r.text).toContain("a-one: yes");
  }));
});
