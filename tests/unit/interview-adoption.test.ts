import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interviewCommand } from "../../src/commands/interview.js";
import type { Io } from "../../src/io/io.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { answerChoices } from "../../src/interview/answer-prompt.js";
import { answer, choose, ctrlC, enter, metadata, say, scriptedPrompts, type, type Step } from "../helpers/prompts.js";
import { FIXTURES, withTempDir } from "../helpers/run.js";

// What a first-time user meets in the interview: the offered name is a default, traits are asked
// when the file does not say them, an empty list is confirmed once, the menu keeps its numbers,
// and a typed evidence path that is not there is named.
const MINI = join(FIXTURES, "two-principle-pack");
const TRAITS = join(FIXTURES, "traits-pack");

async function interview(dir: string, file: string, pack: string, script: Step[]) {
  let stdout = "";
  const io: Io = {
    stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: dir, env: { NO_COLOR: "1" },
    now: () => new Date("2026-11-20T12:00:00Z"), stdoutIsTTY: true, stderrIsTTY: true, stdinIsTTY: true, columns: 100,
  };
  const driver = scriptedPrompts(script);
  const code = await interviewCommand(file, { pack }, io, driver.prompts);
  expect(driver.remaining(), "every scripted step was used").toEqual([]);
  const text = readFileSync(join(dir, file), "utf8");
  const answers = parseAnswers({ file, text, bytes: new TextEncoder().encode(text) }, loadPack(pack, dir, pack));
  return { code, stdout, text, answers, transcript: driver.transcript() };
}

describe("the project's name in the interview", () => {
  it("is a default on a new file: typing replaces the folder's name, Enter keeps it", () => withTempDir(async (root) => {
    const dir = join(root, "fraud-scoring");
    mkdirSync(dir);
    const typed = await interview(dir, "a.yaml", MINI, [type("Card fraud scoring", "Enter keeps 'fraud-scoring', the folder's name"), ...metadata({ name: "" }).slice(1), ctrlC("alpha/a-one")]);
    expect(typed.answers.project.name).toBe("Card fraud scoring");
    const kept = await interview(dir, "b.yaml", MINI, [enter("Name of the ML system"), ...metadata({ name: "" }).slice(1), ctrlC("alpha/a-one")]);
    expect(kept.answers.project.name).toBe("fraud-scoring");
  }));

  it("is a default on an existing file whose name is the folder's: typing replaces it", () => withTempDir(async (root) => {
    const dir = join(root, "fraud-team");
    mkdirSync(dir);
    writeFileSync(join(dir, "a.yaml"), "version: 1\nproject:\n  name: fraud-team\n  owner: \"\"\nanswers:\n");
    const r = await interview(dir, "a.yaml", MINI, [
      choose("fill", "Fill them in now?"),
      type("Card fraud scoring", "Name of the ML system (Enter keeps 'fraud-team', the folder's name)"),
      enter("Owner"), enter("Description"), enter("Intended use"), enter("Risk level"), enter("Repository"), enter("Assessor 1"), enter("Date"),
      ctrlC("alpha/a-one"),
    ]);
    expect(r.answers.project.name).toBe("Card fraud scoring");
    expect(r.text).toContain("  name: Card fraud scoring\n");
  }));
});

describe("traits in the interview", () => {
  const FULL = "version: 1\nproject:\n  name: R\n  owner: O\n  description: D\n  intended-use: U\n  risk: minimal\n  repository: R\nassessors: [{ name: A }]\ndate: 2026-11-20\n";

  it("asks the traits when the file has no traits key", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "a.yaml"), `${FULL}answers:\n`);
    const r = await interview(dir, "a.yaml", TRAITS, [{ expect: "What is the system?", keys: ["space", "enter"] }, ctrlC("alpha/core-one")]);
    expect(r.answers.project.traits).toEqual(["generative-ai"]);
  }));

  it("confirms an empty traits list once ('N questions will not be asked — right?'), then marks it and asks no more", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "a.yaml"), `${FULL.replace("  repository: R\n", "  repository: R\n  traits: []\n")}answers:\n`);
    const first = await interview(dir, "a.yaml", TRAITS, [choose("none", "No traits (project.traits: []): 2 questions will not be asked — right?"), ctrlC("alpha/core-one")]);
    expect(first.answers.project.traits).toEqual([]);
    expect(first.text).toMatch(/traits: \[\] *# none applies/);
    const second = await interview(dir, "a.yaml", TRAITS, [ctrlC("alpha/core-one")]);
    expect(second.transcript).not.toContain("will not be asked");
    expect(second.transcript).toContain("Traits (project.traits): none; questions for other traits are not asked.");
  }));

  it("asks the traits when the empty list was not meant", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "a.yaml"), `${FULL.replace("  repository: R\n", "  repository: R\n  traits: []\n")}answers:\n`);
    const r = await interview(dir, "a.yaml", TRAITS, [choose("choose", "will not be asked — right?"), { expect: "What is the system?", keys: ["down", "space", "enter"] }, ctrlC("alpha/core-one")]);
    expect(r.answers.project.traits).toEqual(["third-party-model"]);
  }));
});

describe("the answer menu", () => {
  it("keeps the same number for each action on a new and an answered question", () => {
    const options = [{ id: "yes", description: "" }, { id: "no", description: "" }] as never;
    const fresh = answerChoices(options, null, true, "rml-assess interview").map((c) => c.value);
    const answered = answerChoices(options, "yes", true, "rml-assess interview").map((c) => c.value);
    expect(fresh).toEqual(answered);
    expect(fresh.indexOf("quit")).toBe(answered.indexOf("quit"));
    expect(answerChoices(options, null, true, "x").find((c) => c.value === "clear")!.disabled).toBe("(not answered yet)");
  });

  it("shows save and quit under the same number on every question", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "a.yaml"), "version: 1\nproject: { name: R, owner: O, description: D, intended-use: U, risk: minimal, repository: R }\nassessors: [{ name: A }]\ndate: 2026-11-20\nanswers:\n  alpha: { a-one: yes }\n");
    const r = await interview(dir, "a.yaml", MINI, [
      { expect: /8\. save and quit/, keys: [{ choose: "skip" }] },
      { expect: /8\. save and quit/, keys: [{ choose: "quit" }] },
    ]);
    expect(r.code).toBe(0);
  }));
});

describe("evidence typed in the interview", () => {
  it("names a path that does not exist in the repository and lets the team type it again", () => withTempDir(async (dir) => {
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "docs", "card.md"), "# Card\n");
    writeFileSync(join(dir, "a.yaml"), "version: 1\nproject: { name: R, owner: O, description: D, intended-use: U, risk: minimal, repository: R }\nassessors: [{ name: A }]\ndate: 2026-11-20\nanswers:\n");
    const r = await interview(dir, "a.yaml", MINI, [
      choose("yes"), enter("Notes"),
      say("docs/crad.md, https://example.org/x", "Evidence"),
      choose("again", /docs\/crad\.md does not exist in the repository/),
      say("docs/card.md, https://example.org/x", "Evidence"),
      ...answer("no"),
      ctrlC("beta/b-one"),
    ]);
    expect(r.answers.answers.get("alpha")!.get("a-one")!.evidence).toEqual(["docs/card.md", "https://example.org/x"]);
  }));
});
