import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, parseDocument, type YAMLMap } from "yaml";
import { interviewCommand, type InterviewOptions } from "../../src/commands/interview.js";
import { collectIds } from "../../src/cli-args.js";
import { InputError, UsageError } from "../../src/errors.js";
import type { Io } from "../../src/io/io.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { answer, choose, ctrlC, enter, escape, metadata, notNow, say, scriptedPrompts, type Step } from "../helpers/prompts.js";
import { FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

/** A pack of two principles with two questions each, so a whole interview stays short. */
const pack = join(FIXTURES, "two-principle-pack");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  transcript: string;
}

/** Runs `interview` in-process with a terminal's IO and the scripted real prompts. */
async function interview(dir: string, file: string, opts: InterviewOptions, script: Step[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: dir,
    env: { NO_COLOR: "1" },
    now: () => new Date("2026-11-20T12:00:00Z"),
    stdoutIsTTY: true,
    stderrIsTTY: true,
    stdinIsTTY: true,
    columns: 100,
  };
  const driver = scriptedPrompts(script);
  const code = await interviewCommand(file, opts, io, driver.prompts);
  expect(driver.remaining(), "every scripted step was used").toEqual([]);
  return { code, stdout, stderr, transcript: driver.transcript() };
}

function answersOf(path: string, packDir: string) {
  const text = readFileSync(path, "utf8");
  return parseAnswers({ file: path, text, bytes: new TextEncoder().encode(text) }, loadPack(packDir, process.cwd(), packDir));
}

function answerOf(path: string, packDir: string, principle: string, question: string) {
  return answersOf(path, packDir).answers.get(principle)?.get(question);
}

describe("interview", () => {
  it("creates a new file: metadata first, then every question, each answer saved as given", () => withTempDir(async (dir) => {
    const file = join(dir, "team.yaml");
    const r = await interview(dir, "team.yaml", { pack }, [
      ...metadata({ name: "Card fraud scoring", owner: "Payments ML", assessors: [["A. Example", "ML engineer"], ["B. Other", ""]] }),
      choose("yes", /principle 1 of 2 · question 1 of 2 · 1 of 4 overall +alpha\/a-one/),
      say("Reviewed with ops.", "Notes (optional)"),
      say("docs/a.md, https://wiki.example.org/x", "Evidence"),
      // The path is not in the repository: the interview says so, and keeps it when asked to.
      choose("keep", /docs\/a\.md does not exist in the repository \(paths are relative to the answers\s+file's directory\)\. Keep it\?/),
      ...answer("partial"),
      choose("n/a", "beta/b-one"),
      // Enter without notes is refused for n/a; the prompt stays until a reason is typed.
      { expect: "Notes (required for n/a", keys: ["enter", { expect: "n/a needs notes saying why" }, { type: "Not used here." }, "enter"] },
      enter("Evidence"),
      ...answer("no"),
    ]);
    expect(r.code).toBe(0);
    // The principle's title, number and commitment open it; each question shows its guidance.
    expect(r.transcript).toMatch(/━━ 1\. Alpha care ━+\nCommitment: I commit to alpha care\./);
    expect(r.transcript).toMatch(/principle 2 of 2 · question 2 of 2 · 4 of 4 overall +beta\/b-two\nDo you b two\?\nGuidance: Guidance for b-two\./);
    expect(r.transcript).toContain("✔ Created team.yaml: 4 questions in 2 principles.");

    const a = answersOf(file, pack);
    expect(a.project).toMatchObject({ name: "Card fraud scoring", owner: "Payments ML", description: "" });
    expect(a.assessors).toEqual([{ name: "A. Example", role: "ML engineer" }, { name: "B. Other", role: "" }]);
    expect(a.date).toBe("2026-11-20");
    expect(a.answers.get("alpha")!.get("a-one")).toMatchObject({ answer: "yes", notes: "Reviewed with ops.", evidence: ["docs/a.md", "https://wiki.example.org/x"] });
    expect(a.answers.get("alpha")!.get("a-two")).toMatchObject({ answer: "partial", notes: "", evidence: [] });
    expect(a.answers.get("beta")!.get("b-one")).toMatchObject({ answer: "n/a", notes: "Not used here." });
    expect(a.answers.get("beta")!.get("b-two")!.answer).toBe("no");
    // Built like `init`'s template: same header and comments.
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toContain("Check it with: npx rml-assess check team.yaml");
    expect(text).toContain("  # 1. Alpha care: I commit to alpha care.\n  alpha:\n    # Do you a one?\n    a-one:\n      answer: yes # yes | partial | no | n/a\n");

    // The end: check's summary, the weakest principles and what to do next.
    expect(r.stdout).toContain("Interview over: 4 of 4 questions answered in team.yaml.");
    expect(r.stdout).toMatch(/Overall 38\/100 Initial/);
    expect(r.stdout).toContain("✔ passed");
    expect(r.stdout).toMatch(/Weakest principles:\n  2\. Beta care: 0 \(Initial\), 1 question not yet a yes\n  1\. Alpha care: 75 \(Established\), 1 question not yet a yes\n/);
    expect(r.stdout).toContain("rml-assess report team.yaml -o assessment-report.md");
    expect(r.stdout).toContain("rml-assess check team.yaml");
    expect(r.stdout).not.toContain("rml-assess interview team.yaml");
    expect((await runInProcess(["check", "team.yaml", "--pack", pack], { cwd: dir })).code).toBe(0);
  }));

  it("resumes a half-done file at its first unanswered question, asking only what is open", () => withTempDir(async (dir) => {
    const file = join(dir, "half.yaml");
    writeFileSync(file, "version: 1\nproject:\n  name: Half\nanswers:\n  alpha:\n    a-one: yes\n    a-two:\n  beta:\n    b-one: partial\n");
    const r = await interview(dir, "half.yaml", { pack }, [
      notNow(/half\.yaml: Half, 2 of 4 questions answered\.\n[\s\S]*The file has no owner, description, intended use, risk level, repository, assessors, date\.\n[\s\S]*Fill them in now\?/),
      choose("no", /2 questions to answer\.\n[\s\S]*alpha\/a-two/),
      enter(), enter(),
      choose("yes", /principle 2 of 2 · question 2 of 2 · 4 of 4 overall +beta\/b-two/),
      enter(), enter(),
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe("version: 1\nproject:\n  name: Half\nanswers:\n  alpha:\n    a-one: yes\n    a-two: no\n  beta:\n    b-one: partial\n    b-two: yes\n");
    expect(r.transcript).not.toContain("alpha/a-one");
  }));

  it("fills in the details an existing file lacks, offering the folder's name visibly, and can be declined", () => withTempDir(async (dir) => {
    const team = join(dir, "fraud-team");
    mkdirSync(team);
    expect((await runInProcess(["init", "a.yaml", "--pack", pack], { cwd: team })).code).toBe(0);
    const before = readFileSync(join(team, "a.yaml"), "utf8");
    const r = await interview(team, "a.yaml", { pack }, [
      { expect: /The file has no project name \(now 'fraud-team', the folder's name\), owner, description, intended\s+use, risk level, repository, assessors\./, keys: [{ choose: "fill" }] },
      say("Card fraud scoring", "Name of the ML system (Enter keeps 'fraud-team', the folder's name)"),
      say("Payments ML", "Owner"), enter("Description"), say("Scores card payments for fraud review", "Intended use"), choose("limited", "Risk level"),
      say("https://git.example.org/fraud", "Repository"),
      say("A. Example", "Assessor 1"), say("ML engineer", "Role of A. Example"), enter("Assessor 2"),
      ctrlC("alpha/a-one"),
    ]);
    expect(r.code).toBe(130);
    const a = answersOf(join(team, "a.yaml"), pack);
    expect(a.project).toMatchObject({ name: "Card fraud scoring", owner: "Payments ML", description: "", intendedUse: "Scores card payments for fraud review", risk: "limited", repository: "https://git.example.org/fraud" });
    expect(a.assessors).toEqual([{ name: "A. Example", role: "ML engineer" }]);
    // Only the lines of the details changed: the template's comments are all still there.
    const comments = (text: string) => text.split("\n").filter((l) => l.trimStart().startsWith("#"));
    expect(comments(readFileSync(join(team, "a.yaml"), "utf8"))).toEqual(comments(before));

    // Declined ("not now"), nothing changes; a complete file is not asked at all.
    const again = await interview(team, "a.yaml", { pack }, [notNow("The file has no description."), ctrlC("alpha/a-one")]);
    expect(again.code).toBe(130);
    expect(answersOf(join(team, "a.yaml"), pack).project.description).toBe("");
  }));

  it("says up front how many questions and how long they take, and gives each principle's score when it is done", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "t.yaml"), "version: 1\nproject: { name: T, owner: O, description: D, intended-use: U, risk: minimal, repository: R }\nassessors: [{ name: A }]\ndate: 2026-11-20\nanswers:\n");
    const r = await interview(dir, "t.yaml", { pack }, [
      ...answer("yes", undefined, undefined).map((s, i) => (i === 0 ? { ...s, expect: /4 questions to answer\.\nAbout 28 words of questions and guidance: about 5 minutes for one person alone, 10–15 minutes for a\s+team/ } : s)),
      ...answer("no"),
      choose("quit", /✔ 1\. Alpha care so far: 50\/100 \(\w+\), 2 of 2 answered; still open: 2 questions in 1 principle\./),
    ]);
    expect(r.code).toBe(0);
    expect(r.transcript).toMatch(/stop at any point with 'save and quit' or\s+Ctrl-C/);
    expect(r.stdout).toContain("Saved and stopped: 2 of 4 questions answered in t.yaml.");
    expect(r.stdout).toContain(`  - carry on where you stopped:\n      rml-assess interview t.yaml --pack ${pack}\n`);
  }));

  it("ends with the findings summarised per principle, and a review stopped with Ctrl-C resumes where it stopped", () => withTempDir(async (dir) => {
    expect((await runInProcess(["init", "all.yaml"], { cwd: dir })).code).toBe(0);
    // init writes no traits key, so the interview asks for them (none ticked here).
    const r = await interview(dir, "all.yaml", {}, [notNow(), enter("What is the system?"), choose("quit")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(\d+ findings summarised per principle; add --verbose to list each one\)/);
    expect(r.stdout).toMatch(/UNANSWERED +human-augmentation: \d+ unanswered \(lines /);
    expect(r.stdout.split("\n").filter((l) => l.includes("UNANSWERED")).length).toBeLessThan(20);

    writeFileSync(join(dir, "r.yaml"), "version: 1\nproject: { name: R, owner: O, description: D, intended-use: U, risk: minimal, repository: R }\nassessors: [{ name: A }]\ndate: 2026-11-20\nanswers:\n  alpha: { a-one: yes }\n");
    const review = await interview(dir, "r.yaml", { pack, review: true }, [enter("Answer (currently yes)"), choose("partial", "alpha/a-two"), say("Half typed"), ctrlC("Evidence")]);
    expect(review.code).toBe(130);
    expect(review.stderr).toContain(`run 'rml-assess interview r.yaml --pack ${pack} --review --jump alpha/a-two' to continue.`);
  }));

  it("--jump starts at a principle or a question, asking it even when answered; unknown ids are refused", () => withTempDir(async (dir) => {
    const file = join(dir, "j.yaml");
    writeFileSync(file, "version: 1\nproject: { name: J, owner: O, description: D, intended-use: U, risk: minimal, repository: R }\nassessors: [{ name: A }]\ndate: 2026-11-20\nanswers:\n  beta:\n    b-one: yes\n");
    const r = await interview(dir, "j.yaml", { pack, jump: "beta/b-one" }, [
      choose("no", /beta\/b-one[\s\S]*Answer \(currently yes\)/), enter(), enter(),
      choose("partial", "beta/b-two"), enter(), enter(),
    ]);
    expect(r.code).toBe(0);
    expect(r.transcript).not.toContain("alpha/a-one");
    expect(answerOf(file, pack, "beta", "b-one")!.answer).toBe("no");
    const p = await interview(dir, "j.yaml", { pack, jump: "alpha" }, [ctrlC("alpha/a-one")]);
    expect(p.code).toBe(130);
    await expect(interview(dir, "j.yaml", { pack, jump: "alpah" }, [])).rejects.toThrow(/unknown principle 'alpah' for --jump.*/);
    await expect(interview(dir, "j.yaml", { pack, jump: "beta/b-three" }, [])).rejects.toThrow(/unknown question 'b-three' in principle 'beta'/);
    await expect(interview(dir, "j.yaml", { pack, jump: "alpha", principle: ["beta"] }, [])).rejects.toThrow(/outside the principles chosen/);
  }));

  it("clear answer leaves the question unanswered with its notes; save and quit stops with exit 0", () => withTempDir(async (dir) => {
    const file = join(dir, "c.yaml");
    writeFileSync(file, "version: 1\nproject: { name: C, owner: O, description: D, intended-use: U, risk: minimal, repository: R }\nassessors: [{ name: A }]\ndate: 2026-11-20\nanswers:\n  alpha:\n    a-one:\n      answer: yes  # checked\n      notes: Kept.\n    a-two: no\n");
    const r = await interview(dir, "c.yaml", { pack, review: true }, [
      choose("clear", "alpha/a-one"),
      choose("clear", "alpha/a-two"),
      choose("quit", "beta/b-one"),
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("    a-one:\n      answer:  # checked\n      notes: Kept.\n    a-two:\n");
    expect(answerOf(file, pack, "alpha", "a-one")).toMatchObject({ answer: null, notes: "Kept." });
    // A review resumes where it stopped.
    expect(r.stdout).toContain(`rml-assess interview c.yaml --pack ${pack} --review --jump beta/b-one`);
  }));

  it("Esc goes back: from a choice to the previous question, from notes to the question's choice", () => withTempDir(async (dir) => {
    const file = join(dir, "e.yaml");
    writeFileSync(file, "version: 1\nproject: { name: E, owner: O, description: D, intended-use: U, risk: minimal, repository: R }\nassessors: [{ name: A }]\ndate: 2026-11-20\nanswers:\n");
    const r = await interview(dir, "e.yaml", { pack }, [
      ...answer("yes"),
      escape("alpha/a-two"),
      choose("partial", /alpha\/a-one[\s\S]*currently yes/), escape("Notes"),
      choose("no", /alpha\/a-one[\s\S]*currently partial/), say("Not yet."), enter(),
      ctrlC("alpha/a-two"),
    ]);
    expect(r.code).toBe(130);
    expect(answerOf(file, pack, "alpha", "a-one")).toMatchObject({ answer: "no", notes: "Not yet." });
  }));

  it("says so when nothing is left to answer", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "done.yaml"), "version: 1\nproject:\n  name: Done\nanswers:\n  alpha: { a-one: yes, a-two: yes }\n  beta: { b-one: yes, b-two: yes }\n");
    const r = await interview(dir, "done.yaml", { pack }, [notNow()]);
    expect(r.code).toBe(0);
    expect(r.transcript).toContain("Every question is answered; add --review to go through them again.");
    expect(r.stdout).toMatch(/Overall 100\/100 Leading/);
  }));

  it("--review walks every question with its answer preselected; Enter keeps the file byte-identical", () => withTempDir(async (dir) => {
    const file = join(dir, "full.yaml");
    const original = `version: 1
project:
  name: Full
answers:
  alpha:
    a-one:
      answer: partial   # being finished
      notes: >-
        A folded note that
        spans two lines.
      evidence: [docs/one.md, docs/two.md]
    a-two: no  # shorthand
  beta:
    b-one:
      answer: n/a
      notes: Does not apply.
    b-two: yes
`;
    writeFileSync(file, original);
    // One Enter keeps an unchanged answer: "keep" is preselected.
    const keep = (current: string): Step[] => [{ expect: new RegExp(`Answer \\(currently ${current.replace("/", "\\/")}\\)\\n[\\s\\S]*❯ \\d\\. keep ${current.replace("/", "\\/")}`), keys: ["enter"] }];
    const r = await interview(dir, "full.yaml", { pack, review: true }, [
      notNow(),
      { expect: "4 questions to review; the current answer is preselected", keys: [{ choose: "partial" }] },
      { expect: "Notes (optional) A folded note that spans two lines.", keys: ["enter"] },
      { expect: "docs/one.md, docs/two.md", keys: ["enter"] },
      ...keep("no"),
      ...keep("n/a"),
      ...keep("yes"),
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(original);

    // Changing one answer in review touches only that answer.
    expect(r.transcript).toContain("✔ Answer (currently no) kept no");
    const again = await interview(dir, "full.yaml", { pack, review: true }, [
      notNow(),
      choose("yes"), enter(), say("docs/one.md"),
      ...keep("no"), ...keep("n/a"), ...keep("yes"),
    ]);
    expect(again.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(original.replace("answer: partial   #", "answer: yes   #").replace("evidence: [docs/one.md, docs/two.md]", "evidence:\n        - docs/one.md"));
  }));

  it("goes back to the previous question, with its answer preselected", () => withTempDir(async (dir) => {
    const file = join(dir, "back.yaml");
    writeFileSync(file, "version: 1\nproject:\n  name: Back\nanswers:\n");
    const r = await interview(dir, "back.yaml", { pack }, [
      notNow(),
      // Back is shown but cannot be chosen on the first question.
      { expect: "← back (this is the first question)", keys: [{ choose: "yes" }] }, enter(), enter(),
      choose("back", "alpha/a-two"),
      choose("partial", /alpha\/a-one[\s\S]*Answer \(currently yes\)/), say("Only the EU model."), enter(),
      ...answer("yes"), // a-two again
      choose("back", "beta/b-one"),
      choose("back", /alpha\/a-two[\s\S]*currently yes/),
      choose("no", "alpha/a-one"), enter("Only the EU model."), enter(),
      ...answer("yes"), // a-two
      ...answer("yes"), // b-one
      ...answer("yes"), // b-two
    ]);
    expect(r.code).toBe(0);
    expect(answerOf(file, pack, "alpha", "a-one")).toMatchObject({ answer: "no", notes: "Only the EU model." });
    expect(answersOf(file, pack).answers.get("beta")!.get("b-two")!.answer).toBe("yes");
    // Going back into the previous principle shows its heading again.
    expect(r.transcript.match(/━━ 1\. Alpha care/g)).toHaveLength(2);
  }));

  it("skip leaves a question unanswered (or keeps its answer) and goes on", () => withTempDir(async (dir) => {
    const file = join(dir, "skip.yaml");
    writeFileSync(file, "version: 1\nproject:\n  name: Skip\nanswers:\n  beta:\n    b-one: partial\n");
    const before = readFileSync(file, "utf8");
    const r = await interview(dir, "skip.yaml", { pack, review: true }, [
      notNow(),
      { keys: [{ type: "5" }, { expect: "Leave it unanswered for now" }, "enter"] },
      choose("skip"),
      { keys: [{ type: "5" }, { expect: "Keep the current answer (partial) with its notes and evidence" }, "enter"] },
      ...answer("yes"),
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(`${before}    b-two: yes\n`);
    expect(r.stdout).toContain("Interview over: 2 of 4 questions answered in skip.yaml.");
    expect(r.stdout).toMatch(/error +UNANSWERED +alpha\/a-one is unanswered/);
    expect(r.stdout).toContain("  - answer the 2 open questions:\n      rml-assess interview skip.yaml\n");
  }));

  it("--principle limits the walk to the principles named", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "p.yaml"), "version: 1\nproject:\n  name: P\nanswers:\n");
    const r = await interview(dir, "p.yaml", { pack, principle: ["beta"] }, [
      notNow(),
      // Principles keep their number in the pack: beta is principle 2 of 2 even when walked alone.
      ...answer("yes"), ctrlC("principle 2 of 2 · question 2 of 2 · 2 of 2 chosen"),
    ]);
    expect(r.code).toBe(130);
    expect(r.transcript).not.toContain("alpha/");
    expect(r.stderr).toBe(`\nStopped: 1 answer saved in p.yaml; run 'rml-assess interview p.yaml --principle beta --pack ${pack}' to continue.\n`);
    await expect(interview(dir, "p.yaml", { pack, principle: ["betta"] }, [])).rejects.toThrow(UsageError);
    await expect(interview(dir, "p.yaml", { pack, principle: ["betta"] }, [])).rejects.toThrow(/unknown principle 'betta'/);
  }));

  it("Ctrl-C ends with exit 130, every answer given so far saved, and how to continue", () => withTempDir(async (dir) => {
    const file = join(dir, "stop.yaml");
    const r = await interview(dir, "stop.yaml", { pack }, [
      ...metadata({ name: "Stopper" }),
      ...answer("yes", "First."),
      choose("no"), say("Second."), ctrlC("Evidence"),
    ]);
    expect(r.code).toBe(130);
    // The choice and the notes of the question being answered were saved as they were given.
    expect(r.stderr).toBe(`\nStopped: 2 answers saved in stop.yaml; run 'rml-assess interview stop.yaml --pack ${pack}' to continue. The evidence being typed for alpha/a-two was not saved.\n`);
    expect(answerOf(file, pack, "alpha", "a-one")).toMatchObject({ answer: "yes", notes: "First." });
    expect(answerOf(file, pack, "alpha", "a-two")).toMatchObject({ answer: "no", notes: "Second.", evidence: [] });

    const early = await interview(dir, "early.yaml", { pack }, [ctrlC("Name of the ML system")]);
    expect(early.code).toBe(130);
    expect(early.stderr).toContain("Stopped before early.yaml was created; nothing was saved.");
    expect(existsSync(join(dir, "early.yaml"))).toBe(false);
  }));

  it("refuses an invalid answers file or a missing directory before asking anything", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "bad.yaml"), "version: 1\nproject:\n  name: Bad\nanswers:\n  alpha:\n    a-one: maybe\n");
    await expect(interview(dir, "bad.yaml", { pack }, [])).rejects.toThrow(InputError);
    await expect(interview(dir, "no/such/dir/x.yaml", { pack }, [])).rejects.toThrow(/cannot create no\/such\/dir\/x\.yaml: its directory does not exist/);
    expect(collectIds("a,b", undefined)).toEqual(["a", "b"]);
    expect(collectIds("c", ["a", "b"])).toEqual(["a", "b", "c"]);
  }));

  it("says which answer could not be saved when the file cannot be written, and keeps the earlier ones", () => withTempDir(async (dir) => {
    const sub = join(dir, "meeting");
    mkdirSync(sub);
    writeFileSync(join(sub, "a.yaml"), "version: 1\nproject:\n  name: A\nanswers:\n");
    await expect(interview(dir, "meeting/a.yaml", { pack }, [
      notNow(),
      ...answer("yes"),
      { keys: [{ meanwhile: () => rmSync(sub, { recursive: true }) }, { choose: "no" }] },
    ])).rejects.toThrow(/cannot save the answer to meeting\/a\.yaml \(ENOENT\)/);
  }));

  it("refuses to run without a terminal (exit 2), pointing at init and check", () => withTempDir(async (dir) => {
    const r = await runInProcess(["interview"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/standard input is not one/);
    expect(r.stderr).toMatch(/rml-assess init rml-assessment\.yaml.*rml-assess check rml-assessment\.yaml/);
    expect(existsSync(join(dir, "rml-assessment.yaml"))).toBe(false);
  }));

  it("keeps the comments, key order and formatting of a hand-edited file", () => withTempDir(async (dir) => {
    const file = join(dir, "hand.yaml");
    const original = `# Our assessment of the fraud model.
# Reviewed every quarter.
version: 1
answers:   # what we found
  # Beta first: we did it first.
  beta:
    b-two: yes    # confirmed by audit
    b-one:
      notes: >-
        Folded notes that a person wrapped
        by hand, and that must stay wrapped.
      answer: partial
  alpha:
    # The first alpha question.
    a-one:
project:
  name: Fraud   # the product name
pack: mini
`;
    writeFileSync(file, original);
    const r = await interview(dir, "hand.yaml", { pack }, [
      notNow(),
      ...answer("no", "Not yet: planned for Q3.", "docs/plan.md"), // a-one
      choose("keep", "docs/plan.md does not exist"),
      ...answer("yes", "Done."), // a-two
    ]);
    expect(r.code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text).toBe(`# Our assessment of the fraud model.
# Reviewed every quarter.
version: 1
answers:   # what we found
  # Beta first: we did it first.
  beta:
    b-two: yes    # confirmed by audit
    b-one:
      notes: >-
        Folded notes that a person wrapped
        by hand, and that must stay wrapped.
      answer: partial
  alpha:
    # The first alpha question.
    a-one:
      answer: no
      notes: "Not yet: planned for Q3."
      evidence:
        - docs/plan.md
    a-two:
      answer: yes
      notes: Done.
project:
  name: Fraud   # the product name
pack: mini
`);
    // Every comment is still there, in the same order, and so is the order of keys.
    const comments = (t: string) => t.split("\n").filter((l) => l.includes("#")).map((l) => l.slice(l.indexOf("#")));
    expect(comments(text)).toEqual(comments(original));
    const keys = (t: string) => (parseDocument(t).contents as YAMLMap).items.map((p) => (isScalar(p.key) ? p.key.value : null));
    expect(keys(text)).toEqual(keys(original));
    const beta = parseDocument(text).getIn(["answers", "beta"]);
    expect(isMap(beta) && beta.items.map((p) => (isScalar(p.key) ? p.key.value : null))).toEqual(["b-two", "b-one"]);
    expect((await runInProcess(["check", "hand.yaml", "--pack", pack], { cwd: dir })).code).toBe(0);
  }));

  it("walks the whole built-in pack from an empty file to a passing assessment", () => withTempDir(async (dir) => {
    const builtIn = loadPack(BUILTIN_PACK_DIR, dir, "built-in");
    const total = builtIn.principles.reduce((n, p) => n + p.questions.length, 0);
    const last = builtIn.principles.at(-1)!.questions.length;
    // Every trait ticked (space, then down to the next), so every question of the pack is asked.
    const tickAll: Step = { expect: "What is the system?", keys: [...builtIn.traits.flatMap((_, i) => (i ? ["down", "space"] : ["space"])), "enter"] as Step["keys"] };
    const script: Step[] = [...metadata({ name: "Everything" }), tickAll];
    for (let i = 0; i < total; i++) script.push(...answer(i % 9 === 0 ? "partial" : "yes"));
    const r = await interview(dir, "all.yaml", {}, script);
    expect(r.code).toBe(0);
    expect(r.transcript).toContain(`principle 8 of 8 · question ${last} of ${last} · ${total} of ${total} overall`);
    expect(r.stdout).toContain(`Interview over: ${total} of ${total} questions answered in all.yaml.`);
    // Each partial given without notes is a PARTIAL_WITHOUT_NOTE warning, which does not fail.
    const partials = Math.ceil(total / 9);
    expect(r.stdout).toContain(`✔ passed (0 errors, ${partials} warnings)`);
    expect((await runInProcess(["check", "all.yaml"], { cwd: dir })).code).toBe(0);
  }), 90_000); // every question of the built-in pack through the real prompts: allow for a loaded machine
});
