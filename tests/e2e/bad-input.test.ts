import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { cases, type BadInputCase } from "../fixtures/bad-input/cases.js";
import { runBinary, runInProcess, type RunResult } from "../helpers/run.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";

const DIR = "tests/fixtures/bad-input";
/** `file:line:column: message`: the shape of every line that reports a problem. */
const LOCATED = /^(.+):(\d+):(\d+): \S/;
/** `file: message`: a problem with the whole file (missing, unreadable, too large), which has no position. */
const WHOLE_FILE = /^(.+): \S/;
/** Terminal control characters other than the newline: none may reach the terminal. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "rml-assess-bad-input-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The command line of a case, with its input generated into the scratch folder when needed. */
function argsFor(c: BadInputCase, out: string): string[] {
  let file = `${DIR}/${c.name}`;
  if (c.generate) {
    file = join(scratch, c.name);
    if (!existsSync(file)) writeFileSync(file, c.generate());
  }
  const args = c.args ?? ["report", "{file}", "-o", "{out}"];
  return args.map((a) => a.replace("{file}", file).replace("{out}", out).replace("{dir}", DIR));
}

function expectOutcome(c: BadInputCase, r: RunResult, out: string): void {
  expect(r.code, r.stderr).toBe(c.exit);
  expect(r.stderr).toContain(c.message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/unexpected error/);
  expect(r.stderr).not.toMatch(CONTROL);
  if (c.exit !== 2) {
    expect(existsSync(out)).toBe(true);
    return;
  }
  expect(r.stdout).toBe("");
  expect(existsSync(out), "nothing is written for bad input").toBe(false);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines.at(-1)).toMatch(/^✖ \d+ problems? in the input; nothing was written\.$/);
  for (const line of lines.slice(0, -1)) expect(line).toMatch(c.at === "file" ? WHOLE_FILE : LOCATED);
  if (c.at === "file") expect(lines[0]).not.toMatch(LOCATED);
  else {
    const [, , line, column] = LOCATED.exec(lines[0]!)!;
    if (c.at) expect(`${line}:${column}`).toBe(c.at);
  }
  if (c.hint) expect(lines[0]).toContain(c.hint);
}

describe("hostile and broken input (built binary)", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const out = join(scratch, `${c.name}.out.md`);
    expectOutcome(c, runBinary(argsFor(c, out)), out);
  });
});

describe("hostile and broken input (in-process)", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const out = join(scratch, `${c.name}.in-process.md`);
    expectOutcome(c, await runInProcess(argsFor(c, out)), out);
  });
});
