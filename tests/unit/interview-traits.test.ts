import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interviewCommand } from "../../src/commands/interview.js";
import type { Io } from "../../src/io/io.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { answer, metadata, notNow, scriptedPrompts, type Step } from "../helpers/prompts.js";
import { FIXTURES, withTempDir } from "../helpers/run.js";

// The interview with a pack that declares traits (tests/fixtures/traits-pack): intended use and
// risk with the metadata, the traits as a checkbox, and only the questions that apply.
const PACK = join(FIXTURES, "traits-pack");

async function interview(dir: string, file: string, script: Step[]) {
  let stdout = "";
  const io: Io = {
    stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: dir, env: { NO_COLOR: "1" },
    now: () => new Date("2026-11-20T12:00:00Z"), stdoutIsTTY: true, stderrIsTTY: true, stdinIsTTY: true, columns: 100,
  };
  const driver = scriptedPrompts(script);
  const code = await interviewCommand(file, { pack: PACK }, io, driver.prompts);
  expect(driver.remaining(), "every scripted step was used").toEqual([]);
  return { code, stdout, transcript: driver.transcript() };
}

function answersOf(path: string) {
  const text = readFileSync(path, "utf8");
  return parseAnswers({ file: path, text, bytes: new TextEncoder().encode(text) }, loadPack(PACK, process.cwd(), PACK));
}

/** Ticks the traits at these positions of the list (0-based), then confirms. */
const traits = (...positions: number[]): Step => {
  const keys: Step["keys"] = [];
  let at = 0;
  for (const p of positions) {
    while (at < p) { keys.push("down"); at++; }
    keys.push("space");
  }
  keys.push("enter");
  return { expect: /What is the system\?[\s\S]*generative-ai: The system generates text, images, code or audio\./, keys };
};

describe("interview with traits", () => {
  it("asks intended use, risk and the traits of a new file, then only the questions that apply", () => withTempDir(async (dir) => {
    const r = await interview(dir, "a.yaml", [
      ...metadata({ name: "Support assistant", intendedUse: "Drafts replies; not legal advice.", risk: "limited" }),
      traits(1),
      ...answer("yes"), ...answer("partial"),
      ...answer("no"), ...answer("yes", "Vendor review done."),
    ]);
    expect(r.code).toBe(0);
    expect(r.transcript).toContain("✔ Created a.yaml: 4 questions in 2 principles.");
    expect(r.transcript).not.toMatch(/output-evaluated/);
    expect(r.transcript).toMatch(/alpha\/core-one[\s\S]*alpha\/core-two[\s\S]*beta\/least-privilege[\s\S]*beta\/vendor-reviewed/);
    expect(r.stdout).toContain("Interview over: 4 of 4 questions answered in a.yaml.");
    const a = answersOf(join(dir, "a.yaml"));
    expect(a.project).toMatchObject({ name: "Support assistant", intendedUse: "Drafts replies; not legal advice.", risk: "limited", traits: ["third-party-model"] });
    expect(a.answers.get("beta")?.get("vendor-reviewed")).toMatchObject({ answer: "yes", notes: "Vendor review done." });
    expect(a.answers.get("alpha")?.get("output-evaluated")?.answer).toBeNull();
  }));

  it("refuses --jump to a question that does not apply to the traits the file lists", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "a.yaml"), "version: 1\nproject:\n  name: A\n  traits: [personal-data]\nanswers:\n");
    const io: Io = {
      stdout: () => undefined, stderr: () => undefined, cwd: dir, env: { NO_COLOR: "1" },
      now: () => new Date("2026-11-20T12:00:00Z"), stdoutIsTTY: true, stderrIsTTY: true, stdinIsTTY: true, columns: 100,
    };
    const driver = scriptedPrompts([]);
    await expect(interviewCommand("a.yaml", { pack: PACK, jump: "alpha/output-evaluated" }, io, driver.prompts))
      .rejects.toThrow(/--jump alpha\/output-evaluated: the question applies only to systems with the trait generative-ai, which project\.traits in a\.yaml does not list/);
  }));

  it("asks the traits of an existing file that has none, saves them in place, and skips what does not apply", () => withTempDir(async (dir) => {
    const path = join(dir, "old.yaml");
    const before = "# Our assessment.\nversion: 1\nproject:\n  name: Fraud scoring  # the team's name for it\nanswers:\n  alpha:\n    core-one: yes\n";
    writeFileSync(path, before);
    const r = await interview(dir, "old.yaml", [
      notNow(/old\.yaml: Fraud scoring, 1 of 3 questions answered\.\n[\s\S]*Fill them in now\?/),
      traits(0, 2),
      ...answer("no"),
      ...answer("yes"), ...answer("yes"), ...answer("partial"),
    ]);
    expect(r.code).toBe(0);
    // Until the traits are known, the questions that apply to every system are counted; once ticked, those of the traits too.
    expect(r.transcript).toMatch(/Traits \(project\.traits\): generative-ai, personal-data; questions for other traits are not asked\.\n4 questions to answer\./);
    const text = readFileSync(path, "utf8");
    expect(text.startsWith("# Our assessment.\nversion: 1\nproject:\n  name: Fraud scoring  # the team's name for it\n  traits: [generative-ai, personal-data]\nanswers:\n")).toBe(true);
    expect(answersOf(path).answers.get("alpha")?.get("output-evaluated")?.answer).toBe("yes");
    // Asked once: the file now says its traits, so a second run goes straight to the questions.
    const again = await interview(dir, "old.yaml", [notNow()]);
    expect(again.transcript).toContain("Traits (project.traits): generative-ai, personal-data; questions for other traits are not asked.");
    expect(again.transcript).toContain("Every question is answered");
  }));
});
