import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { loadPack } from "../../src/load/pack.js";
import { parseAnswers } from "../../src/load/answers.js";
import { BIN, CACHE_ENV, FIXTURES, runBinary, withTempDir } from "../helpers/run.js";

const hasScript = spawnSync("script", ["--version"]).status === 0;
const ENTER = "\r";
const CTRL_C = "\x03";
const ESC = "\x1b";

/**
 * The built binary in a pseudo-terminal, through util-linux `script`: keys go to its standard
 * input, the screen comes back on its output. Nothing waits a fixed time: `waitFor` polls the
 * output for the text a person would wait to see, within a bound.
 */
class Terminal {
  private readonly child: ChildProcessWithoutNullStreams;
  private output = "";
  /** Where the next `waitFor` starts reading, so text from earlier screens does not count. */
  private mark = 0;
  readonly exited: Promise<number | null>;

  constructor(readonly cwd: string, args: string[]) {
    // `exec` makes the shell's pid (written to ./pid) the pid of the rml-assess process.
    const command = `stty cols 100 rows 50; echo $$ > pid; exec ${process.execPath} ${BIN} ${args.join(" ")}`;
    this.child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", SHELL: "/bin/sh", TERM: "xterm", NO_COLOR: "1", ...CACHE_ENV },
    });
    this.child.stdout.on("data", (d: Buffer) => void (this.output += d.toString("utf8")));
    this.child.stderr.on("data", (d: Buffer) => void (this.output += d.toString("utf8")));
    this.exited = new Promise((resolve) => this.child.on("close", (code) => resolve(code)));
  }

  get screen(): string {
    return stripVTControlCharacters(this.output).replace(/\r/g, "");
  }

  async waitFor(expected: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.screen.indexOf(expected, this.mark);
      if (at >= 0) {
        this.mark = at + expected.length;
        return;
      }
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`'${expected}' did not appear on the terminal; it shows:\n${this.screen.slice(-3000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  send(keys: string): void {
    this.child.stdin.write(keys);
  }

  pid(): number {
    return Number(readFileSync(join(this.cwd, "pid"), "utf8").trim());
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
    await this.exited;
  }
}

/** Answers the question on screen: waits for its prompts, then picks a number and fills in notes and evidence. */
async function answerQuestion(t: Terminal, id: string, choice: number, notes: string, evidence: string): Promise<void> {
  await t.waitFor(id);
  await t.waitFor("? Answer");
  t.send(`${choice}`);
  t.send(ENTER);
  await t.waitFor("? Notes");
  t.send(notes + ENTER);
  await t.waitFor("? Evidence");
  t.send(evidence + ENTER);
}

const pack = loadPack(BUILTIN_PACK_DIR, process.cwd(), "built-in");
const MINI = join(FIXTURES, "two-principle-pack");
const mini = loadPack(MINI, process.cwd(), MINI);

function answersIn(path: string) {
  const text = readFileSync(path, "utf8");
  return parseAnswers({ file: path, text, bytes: new TextEncoder().encode(text) }, pack);
}

describe("interview without a terminal (built binary)", () => {
  it("exits 2 and points at init and check, writing nothing", () => withTempDir((dir) => {
    const r = runBinary(["interview"], { cwd: dir, input: "yes\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/interview asks its questions at a terminal, and standard input is not one/);
    expect(r.stderr).toMatch(/rml-assess init rml-assessment\.yaml/);
    expect(readdirSync(dir)).toEqual([]);
    expect(runBinary(["--help"]).stdout).toMatch(/interview \[options\] \[file\]/);
  }));
});

describe.skipIf(!hasScript)("interview in a pseudo-terminal (built binary)", () => {
  it("keeps every answer given when stopped with Ctrl-C or killed, and the file stays valid", () => withTempDir(async (dir) => {
    const file = join(dir, "pty.yaml");
    // No trait is ticked: only the questions that apply to every system are asked and counted.
    const always = (p: (typeof pack.principles)[number]) => p.questions.filter((q) => !q.appliesTo.length);
    const total = pack.principles.reduce((n, p) => n + always(p).length, 0);
    const inFirst = always(pack.principles[0]!).length;

    // 1. A new file; two answers; Ctrl-C at the third question.
    const first = new Terminal(dir, ["interview", "pty.yaml"]);
    try {
      await first.waitFor("? Name of the ML system");
      // The folder's name is a default, not text on the line: what is typed replaces it.
      first.send(`Card fraud scoring${ENTER}`);
      for (const prompt of ["? Owner", "? Description", "? Intended use", "? Risk level", "? Repository", "? Assessor 1", "? Date", "? What is the system?"]) {
        await first.waitFor(prompt);
        first.send(ENTER);
      }
      await first.waitFor(`Created pty.yaml: ${total} questions in 8 principles.`);
      await answerQuestion(first, "human-augmentation/impact-of-errors", 1, "Reviewed with ops.", "docs/errors.md");
      // The path is not in the repository: the interview says so; Enter keeps it.
      await first.waitFor("docs/errors.md does not exist in the repository");
      await first.waitFor("Keep it?");
      first.send(ENTER);
      await first.waitFor("human-augmentation/human-review-decision");
      await first.waitFor("? Answer");
      first.send(`4${ENTER}`);
      // n/a refuses empty notes: the prompt stays and says why.
      await first.waitFor("? Notes (required for n/a");
      first.send(ENTER);
      await first.waitFor("n/a needs notes saying why");
      first.send(`Decisions are all reviewed.${ENTER}`);
      await first.waitFor("? Evidence");
      first.send(ENTER);
      await first.waitFor("human-augmentation/supervised-introduction");
      await first.waitFor("? Answer");
      first.send(CTRL_C);
      await first.waitFor("Stopped: 2 answers saved in pty.yaml; run 'rml-assess interview pty.yaml' to continue.");
      expect(await first.exited).toBe(130);
    } finally {
      await first.close();
    }
    let answers = answersIn(file);
    expect(answers.project.name).toBe("Card fraud scoring");
    expect(answers.answers.get("human-augmentation")!.get("impact-of-errors")).toMatchObject({ answer: "yes", notes: "Reviewed with ops.", evidence: ["docs/errors.md"] });
    expect(answers.answers.get("human-augmentation")!.get("human-review-decision")).toMatchObject({ answer: "n/a", notes: "Decisions are all reviewed." });

    // 2. It resumes at the first unanswered question; one more answer, then SIGKILL mid-question.
    const second = new Terminal(dir, ["interview", "pty.yaml"]);
    try {
      await second.waitFor(`2 of ${total} questions answered`);
      // The details left empty are offered again; "not now" goes to the questions.
      await second.waitFor("? Fill them in now?");
      second.send(`2${ENTER}`);
      await answerQuestion(second, `principle 1 of 8 · question 3 of ${inFirst} · 3 of ${total} overall`, 2, "Ten weeks of review.", "");
      await second.waitFor("human-augmentation/scheduled-review");
      await second.waitFor("? Answer");
      second.send("3");
      second.send(ENTER);
      await second.waitFor("? Notes");
      second.send("typed but never submitted");
      process.kill(second.pid(), "SIGKILL");
      await second.exited;
    } finally {
      await second.close();
    }
    answers = answersIn(file);
    const ha = answers.answers.get("human-augmentation")!;
    expect(ha.get("impact-of-errors")!.answer).toBe("yes");
    expect(ha.get("human-review-decision")!.answer).toBe("n/a");
    expect(ha.get("supervised-introduction")).toMatchObject({ answer: "partial", notes: "Ten weeks of review." });
    // The choice made before the kill is saved; the notes being typed were never given.
    expect(ha.get("scheduled-review")).toMatchObject({ answer: "no", notes: "" });
    // Only the file: no temporary file was left beside it.
    expect(readdirSync(dir).sort()).toEqual(["pid", "pty.yaml"]);
    // It still passes schema validation: check fails on the open questions (1), not on input (2).
    const check = runBinary(["check", "pty.yaml", "--format", "json"], { cwd: dir });
    expect(check.code).toBe(1);
    const result = JSON.parse(check.stdout).results[0];
    expect(result.findings.filter((f: { code: string }) => f.code === "UNANSWERED")).toHaveLength(total - 4);
  }));

  it("fills in an init'd file's details, goes back with Esc (the key typed after it is kept), saves and quits, jumps and clears", () => withTempDir(async (root) => {
    const dir = join(root, "fraud-team");
    mkdirSync(dir);
    expect(runBinary(["init", "a.yaml", "--pack", MINI], { cwd: dir }).code).toBe(0);
    const answersOf = () => {
      const text = readFileSync(join(dir, "a.yaml"), "utf8");
      return parseAnswers({ file: "a.yaml", text, bytes: new TextEncoder().encode(text) }, mini);
    };

    // 1. The details init left empty come first, the folder's name offered visibly for the project.
    const first = new Terminal(dir, ["interview", "a.yaml", "--pack", MINI]);
    try {
      await first.waitFor("The file has no project name (now 'fraud-team', the folder's name)");
      await first.waitFor("? Fill them in now?");
      first.send(ENTER);
      await first.waitFor("? Name of the ML system (Enter keeps 'fraud-team', the folder's name)");
      // Typing replaces the offered name (nothing to delete first).
      first.send(`Card fraud scoring${ENTER}`);
      await first.waitFor("? Owner");
      first.send(`Payments ML${ENTER}`);
      for (const prompt of ["? Description", "? Intended use", "? Risk level", "? Repository", "? Assessor 1"]) {
        await first.waitFor(prompt);
        first.send(ENTER);
      }
      await first.waitFor("4 questions to answer.");
      await first.waitFor("for one person alone");
      await answerQuestion(first, "alpha/a-one", 1, "", "");
      await first.waitFor("alpha/a-two");
      await first.waitFor("? Answer");
      // Esc, then a key a person types just after it: Esc goes back, and the key is not swallowed.
      first.send(ESC);
      await new Promise((resolve) => setTimeout(resolve, 200));
      first.send(`2${ENTER}`);
      await first.waitFor("? Notes");
      first.send(`Only the EU model.${ENTER}`);
      await first.waitFor("? Evidence");
      first.send(ENTER);
      await answerQuestion(first, "alpha/a-two", 3, "", "");
      await first.waitFor("1. Alpha care so far:");
      await first.waitFor("beta/b-one");
      await first.waitFor("? Answer");
      first.send(`8${ENTER}`); // save and quit: the same number on every question
      await first.waitFor("Saved and stopped: 2 of 4 questions answered in a.yaml.");
      expect(await first.exited).toBe(0);
    } finally {
      await first.close();
    }
    let a = answersOf();
    expect(a.project).toMatchObject({ name: "Card fraud scoring", owner: "Payments ML" });
    expect(a.answers.get("alpha")!.get("a-one")).toMatchObject({ answer: "partial", notes: "Only the EU model." });
    expect(a.answers.get("alpha")!.get("a-two")!.answer).toBe("no");

    // 2. --jump to an answered question, clear its answer, then Ctrl-C at the next.
    const second = new Terminal(dir, ["interview", "a.yaml", "--pack", MINI, "--jump", "alpha/a-two"]);
    try {
      await second.waitFor("? Fill them in now?");
      second.send(`2${ENTER}`);
      await second.waitFor("alpha/a-two");
      await second.waitFor("? Answer (currently no)");
      second.send(`6${ENTER}`); // clear answer
      await second.waitFor("beta/b-one");
      await second.waitFor("? Answer");
      second.send(CTRL_C);
      await second.waitFor("Stopped: 1 answer saved in a.yaml");
      expect(await second.exited).toBe(130);
    } finally {
      await second.close();
    }
    a = answersOf();
    expect(a.answers.get("alpha")!.get("a-two")!.answer).toBeNull();
    expect(a.answers.get("alpha")!.get("a-one")!.answer).toBe("partial");
  }));

  it("asks the traits after init (which writes no traits key), and saves the ones ticked", () => withTempDir(async (dir) => {
    expect(runBinary(["init", "rml-assessment.yaml"], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, "rml-assessment.yaml"), "utf8")).not.toMatch(/^ {2}traits:/m);
    const t = new Terminal(dir, ["interview"]);
    try {
      await t.waitFor("? Fill them in now?");
      t.send(`2${ENTER}`); // not now
      await t.waitFor("? What is the system?");
      t.send(` ${ENTER}`); // tick the first trait
      await t.waitFor(`Traits (project.traits): ${pack.traits[0]!.id}; questions for other traits are not asked.`);
      await t.waitFor("? Answer");
      t.send(CTRL_C);
      expect(await t.exited).toBe(130);
    } finally {
      await t.close();
    }
    expect(answersIn(join(dir, "rml-assessment.yaml")).project.traits).toEqual([pack.traits[0]!.id]);
  }));
});
