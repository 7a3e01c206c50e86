import { describe, expect, it } from "vitest";
import { InputError, type Diagnostic } from "../../src/errors.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";

const pack = loadPack(BUILTIN_PACK_DIR, process.cwd(), "built-in");

function parse(text: string) {
  return parseAnswers({ file: "a.yaml", text, bytes: new TextEncoder().encode(text) }, pack);
}

function problems(text: string): Diagnostic[] {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error("expected an InputError");
}

const head = "version: 1\nproject:\n  name: Fraud\n";

describe("answers file: valid input", () => {
  it("reads shorthand and full answers with evidence and positions", () => {
    const a = parse(`${head}answers:\n  human-augmentation:\n    impact-of-errors:\n      answer: yes\n      notes: Reviewed.\n      evidence:\n        - docs/a.md\n    scheduled-review: partial\n`);
    const ha = a.answers.get("human-augmentation")!;
    expect(ha.get("impact-of-errors")).toMatchObject({ answer: "yes", notes: "Reviewed.", evidence: ["docs/a.md"], position: { line: 7, column: 15 } });
    expect(ha.get("scheduled-review")).toMatchObject({ answer: "partial", position: { line: 11, column: 23 } });
    expect(a.positions.principles.get("human-augmentation")).toEqual({ line: 5, column: 3 });
  });

  it("keeps yes and no as strings (YAML 1.2) and reads empty answers as unanswered", () => {
    const a = parse(`${head}answers:\n  human-augmentation:\n    impact-of-errors: no\n    scheduled-review:\n    fallback-when-uncertain:\n      answer: ""\n`);
    const ha = a.answers.get("human-augmentation")!;
    expect(ha.get("impact-of-errors")!.answer).toBe("no");
    expect(ha.get("scheduled-review")!.answer).toBeNull();
    expect(ha.get("scheduled-review")!.position).toEqual({ line: 7, column: 5 });
    expect(ha.get("fallback-when-uncertain")!.answer).toBeNull();
  });

  it("reads an aliased answer as the value it refers to, pointing at the alias", () => {
    const a = parse(`${head}answers:\n  human-augmentation:\n    impact-of-errors: &same yes\n    scheduled-review: *same\n`);
    expect(a.answers.get("human-augmentation")!.get("scheduled-review")).toMatchObject({ answer: "yes", position: { line: 7, column: 23 } });
  });

  it("accepts a UTF-8 BOM and CRLF line endings", () => {
    const a = parse(`\ufeff${head}answers:\n  human-augmentation:\n    impact-of-errors: yes\n`.replace(/\n/g, "\r\n"));
    expect(a.answers.get("human-augmentation")!.get("impact-of-errors")!.answer).toBe("yes");
  });
});

describe("answers file: every kind of error, located", () => {
  const cases: { name: string; text: string; line: number; column: number; message: RegExp; hint?: RegExp }[] = [
    { name: "boolean answer", text: `${head}answers:\n  human-augmentation:\n    impact-of-errors: true\n`, line: 6, column: 23, message: /must be one of yes, partial, no, n\/a \(found true\)/ },
    { name: "unknown answer word", text: `${head}answers:\n  human-augmentation:\n    impact-of-errors:\n      answer: Yes!\n`, line: 7, column: 15, message: /found 'Yes!'/, hint: /did you mean 'yes'/ },
    { name: "unknown principle", text: `${head}answers:\n  human-augmentaton:\n    impact-of-errors: yes\n`, line: 5, column: 3, message: /unknown principle 'human-augmentaton'/, hint: /did you mean 'human-augmentation'/ },
    { name: "unknown question", text: `${head}answers:\n  human-augmentation:\n    impact-of-eror: yes\n`, line: 6, column: 5, message: /unknown question 'impact-of-eror'/, hint: /did you mean 'impact-of-errors'/ },
    { name: "missing project name", text: "version: 1\nproject:\n  owner: x\nanswers: {}\n", line: 2, column: 1, message: /'project' is missing the required key 'name'/ },
    { name: "wrong version", text: "version: 2\nproject:\n  name: x\nanswers: {}\n", line: 1, column: 10, message: /'version' must be 1/ },
    { name: "unknown top-level key", text: `${head}answers: {}\nasessors: []\n`, line: 5, column: 1, message: /unknown key 'asessors'/, hint: /did you mean 'assessors'/ },
    { name: "pack mismatch", text: `${head}pack: other-pack\nanswers: {}\n`, line: 4, column: 7, message: /answers are for pack 'other-pack'/ },
    { name: "impossible date", text: `${head}date: 2026-02-30\nanswers: {}\n`, line: 4, column: 7, message: /not a real calendar date/ },
    { name: "duplicate key", text: `${head}answers:\n  human-augmentation:\n    impact-of-errors: yes\n    impact-of-errors: no\n`, line: 7, column: 5, message: /unique/ },
    { name: "syntax error", text: `${head}answers:\n  human-augmentation: [yes\n`, line: 5, column: 23, message: /YAML syntax/, hint: /opens here is not closed/ },
    { name: "a list at the top", text: "- yes\n- no\n", line: 1, column: 1, message: /the file must be a mapping/ },
    { name: "empty file", text: "", line: 1, column: 1, message: /no content/, hint: /rml-assess init/ },
    { name: "only comments", text: "# nothing here\n# yet\n", line: 1, column: 1, message: /no content/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [first] = problems(c.text);
      expect(first).toMatchObject({ file: "a.yaml", line: c.line, column: c.column });
      expect(first!.message).toMatch(c.message);
      if (c.hint) expect(first!.hint).toMatch(c.hint);
    });
  }

  it("lists every problem in the file, not only the first", () => {
    const list = problems(`version: 3\nproject:\n  name: ""\nanswers:\n  human-augmentation:\n    impact-of-errors: maybe\n    nope: yes\n  bias: {}\n`);
    expect(list.map((d) => d.line)).toEqual([1, 3, 6, 7, 8]);
  });
});

describe("answers file: a collection used as a key", () => {
  it("is reported at its line, without a warning from the YAML library", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    try {
      const [first] = problems("version: 1\nproject:\n  name: x\n[a, b]: 1\nanswers: {}\n");
      expect(first).toMatchObject({ line: 4, column: 1, message: "unknown key '[ a, b ]' in the file" });
      await new Promise((done) => setImmediate(done)); // warnings are emitted on the next tick
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
