import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interviewCommand } from "../../src/commands/interview.js";
import type { Io } from "../../src/io/io.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { answer, choose, notNow, scriptedPrompts, type Step } from "../helpers/prompts.js";
import { FIXTURES, withTempDir } from "../helpers/run.js";

// The interview with a level pack (tests/fixtures/level-pack): gate by gate, offering to stop after
// the first gate that is not passed.
const PACK = join(FIXTURES, "level-pack", "pack");
const FILE = "version: 1\npack: tiny-levels\nproject:\n  name: Ranker\n  traits: []\nanswers:\n";

async function interview(dir: string, script: Step[]) {
  let stdout = "";
  const io: Io = {
    stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: dir, env: { NO_COLOR: "1" },
    now: () => new Date("2026-11-20T12:00:00Z"), stdoutIsTTY: true, stderrIsTTY: true, stdinIsTTY: true, columns: 100,
  };
  writeFileSync(join(dir, "a.yaml"), FILE);
  const driver = scriptedPrompts(script);
  const code = await interviewCommand("a.yaml", { pack: PACK }, io, driver.prompts);
  expect(driver.remaining(), "every scripted step was used").toEqual([]);
  const text = readFileSync(join(dir, "a.yaml"), "utf8");
  const answers = parseAnswers({ file: "a.yaml", text, bytes: new TextEncoder().encode(text) }, loadPack(PACK, dir, PACK)).answers;
  return { code, stdout, transcript: driver.transcript(), answers };
}

describe("interview with a level pack", () => {
  it("stops after the first gate not passed when the team chooses to, leaving later gates unasked", () => withTempDir(async (dir) => {
    const r = await interview(dir, [
      notNow(),
      choose("none", "No traits (project.traits: []): 1 question will not be asked — right?"),
      ...answer("yes"), ...answer("no"),
      choose("stop", /0\. Idea: gate not passed \(1 question open\); At readiness level 0 of 2: Idea \(research\); gate to level 1 open: 1 of 2 checks passed\.[\s\S]*Go on to their questions\?/),
    ]);
    expect(r.code).toBe(0);
    expect(r.transcript).not.toMatch(/prototype\/written/);
    expect([...r.answers.get("idea")!.values()].map((a) => a.answer)).toEqual(["yes", "no"]);
    expect(r.answers.get("prototype")).toBeUndefined();
  }));

  it("goes on through the later gates when asked to, and offers to stop only once", () => withTempDir(async (dir) => {
    const r = await interview(dir, [
      notNow(),
      choose("none", "No traits (project.traits: []): 1 question will not be asked — right?"),
      ...answer("yes"), ...answer("partial"),
      choose("go-on", "Go on to their questions?"),
      ...answer("yes"), ...answer("no"),
      ...answer("no"), ...answer("no"),
    ]);
    expect(r.code).toBe(0);
    expect(r.transcript).toMatch(/1\. Prototype: gate not passed/);
    expect(r.answers.get("product")?.get("reviewed")?.answer).toBe("no");
  }));
});
