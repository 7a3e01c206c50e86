import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interviewCommand, type InterviewOptions } from "../../src/commands/interview.js";
import type { Io } from "../../src/io/io.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { answer, choose, enter, notNow, scriptedPrompts, type Step } from "../helpers/prompts.js";
import { FIXTURES, withTempDir } from "../helpers/run.js";

/** A pack of two principles with two questions each. */
const pack = join(FIXTURES, "two-principle-pack");

/** Runs `interview` in-process with a terminal's IO and scripted prompts; resolves to its exit code and messages. */
async function interview(dir: string, file: string, opts: InterviewOptions, script: Step[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: Io = {
    stdout: () => undefined, stderr: (t) => void (stderr += t), cwd: dir, env: { NO_COLOR: "1" },
    now: () => new Date("2026-11-20T12:00:00Z"), stdoutIsTTY: true, stderrIsTTY: true, stdinIsTTY: true, columns: 100,
  };
  const driver = scriptedPrompts(script);
  const code = await interviewCommand(file, opts, io, driver.prompts);
  expect(driver.remaining(), "every scripted step was used").toEqual([]);
  return { code, stderr };
}

function answersIn(path: string) {
  const text = readFileSync(path, "utf8");
  return parseAnswers({ file: path, text, bytes: new TextEncoder().encode(text) }, loadPack(pack, process.cwd(), pack)).answers;
}

const START = "version: 1\nproject:\n  name: Shared\n# kept by everyone\nanswers:\n";

describe("two interviews on one file", () => {
  it("keep each other's answers: each save applies only its own answer to what the file holds now", () => withTempDir(async (dir) => {
    const file = join(dir, "shared.yaml");
    writeFileSync(file, START);
    const [first, second] = await Promise.all([
      interview(dir, "shared.yaml", { pack, principle: ["alpha"] }, [notNow(), ...answer("yes", "first's note"), ...answer("no")]),
      interview(dir, "shared.yaml", { pack, principle: ["beta"] }, [notNow(), ...answer("partial", "second's note"), ...answer("yes")]),
    ]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const saved = answersIn(file);
    expect(saved.get("alpha")?.get("a-one")).toMatchObject({ answer: "yes", notes: "first's note" });
    expect(saved.get("alpha")?.get("a-two")).toMatchObject({ answer: "no" });
    expect(saved.get("beta")?.get("b-one")).toMatchObject({ answer: "partial", notes: "second's note" });
    expect(saved.get("beta")?.get("b-two")).toMatchObject({ answer: "yes" });
    expect(readFileSync(file, "utf8")).toContain("# kept by everyone\n");
  }));

  it("keep an editor's save made during the interview", () => withTempDir(async (dir) => {
    const file = join(dir, "shared.yaml");
    writeFileSync(file, START);
    const editor = () => writeFileSync(file, `${START}  beta:\n    b-two: no # an editor's\n`);
    const r = await interview(dir, "shared.yaml", { pack, principle: ["alpha"] }, [
      notNow(), { keys: [{ meanwhile: editor }, { choose: "yes" }] }, enter(), enter(), ...answer("no"),
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("    b-two: no # an editor's\n");
    expect(answersIn(file).get("alpha")?.get("a-one")?.answer).toBe("yes");
  }));

  it("stop with a clear message when someone else changed the same answer, keeping theirs", () => withTempDir(async (dir) => {
    const file = join(dir, "shared.yaml");
    writeFileSync(file, START);
    const theirs = `${START}  alpha:\n    a-one: no # theirs\n`;
    await expect(interview(dir, "shared.yaml", { pack, principle: ["alpha"] }, [
      notNow(), { keys: [{ meanwhile: () => writeFileSync(file, theirs) }, { choose: "yes" }] },
    ])).rejects.toThrow(/^shared\.yaml was changed by someone else during this interview \(another interview or an editor\), and they changed answers\.alpha\.a-one too; the answer was not saved$/);
    expect(readFileSync(file, "utf8")).toBe(theirs);
  }));
});

describe("interview --review", () => {
  it("does not rewrite an answer the user leaves as it was: evidence with commas, notes with control characters", () => withTempDir(async (dir) => {
    const file = join(dir, "tricky.yaml");
    const original = [
      "version: 1", "project:", "  name: Tricky", "answers:", "  alpha:", "    a-one:", "      answer: partial",
      '      notes: "Checked\\a twice\\x1b[2K by the team"',
      '      evidence: ["docs/error analysis, v2.pdf", "https://example.org/report?pages=1,2,3&x=y"]',
      "    a-two: yes", "  beta:", "    b-one: no", "    b-two: yes", "",
    ].join("\n");
    writeFileSync(file, original);
    const r = await interview(dir, "tricky.yaml", { pack, review: true }, [
      notNow(),
      choose("partial"), enter("Checked twice by the team"), enter("https://example.org/report?pages=1,2,3&x=y"),
      enter(), enter(), enter(),
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(original);
  }));
});
