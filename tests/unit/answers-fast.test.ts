import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { answersFile } from "../../bench/generate.js";
import { answersTemplate } from "../../src/commands/init.js";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { agreeWithFullParser } from "../helpers/agree.js";
import { FIXTURES, REPO } from "../helpers/run.js";

const pack = loadPack(BUILTIN_PACK_DIR, process.cwd(), "built-in");
const file = (name: string, text: string) => ({ file: name, text, bytes: new TextEncoder().encode(text) });

/** The fast path must agree with parseAnswers: the same answers and positions, or stand aside. */
const agree = (name: string, text: string) => agreeWithFullParser(file(name, text), pack);

/** A tiny deterministic random source for the generated files. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("the fast answers parser", () => {
  it("agrees with parseAnswers on the examples, in LF and CRLF", () => {
    for (const name of ["credit-scoring.yaml", "clinical-triage.yaml"]) {
      const text = readFileSync(join(REPO, "examples", name), "utf8");
      expect(agree(name, text)).toBe("fast");
      expect(agree(name, text.replace(/\n/g, "\r\n"))).toBe("fast");
    }
  });

  it("agrees on init's template and on generated files of every shape", () => {
    expect(agree("template.yaml", answersTemplate(pack, { projectName: "x", date: "2026-11-20", schema: "s.json" }))).toBe("fast");
    const rnd = seeded(7);
    for (let i = 0; i < 40; i++) expect(agree(`gen-${i}.yaml`, answersFile(pack, i, rnd))).toBe("fast");
  });

  it("agrees on hand-written shapes: shorthand, empty values, flow style, comments, quoting", () => {
    const cases = [
      "version: 1\nproject: {name: X}\nanswers:\n  human-augmentation: {impact-of-errors: yes, scheduled-review: ~}\n",
      "version: 1\nproject:\n  name: X\nanswers:\n  human-augmentation:\n    impact-of-errors:   # later\n    scheduled-review:\n      answer:\n      notes: \"  spaced  \"\n",
      "version: 1\nproject:\n  name: 'X'\ndate: \"2026-01-02\"\nanswers:\n  bias-evaluation:\n    proxy-features:\n      answer: 'n/a'\n      notes: >-\n        folded\n        text\n      evidence: docs/a.md\n",
      "version: 1\nproject:\n  name: X\nanswers:\n",
      "version: 1\nproject:\n  name: X\nanswers:\n  human-augmentation:\n    impact-of-errors:\n      evidence:\n        - a\n        - ''\n        -   b  \n",
    ];
    for (const [i, text] of cases.entries()) expect(agree(`case-${i}.yaml`, text)).toBe("fast");
  });

  it("stands aside for every invalid or hostile fixture", () => {
    for (const dir of readdirSync(FIXTURES)) {
      for (const name of readdirSync(join(FIXTURES, dir)).filter((n) => n.endsWith(".yaml"))) {
        agree(`${dir}/${name}`, readFileSync(join(FIXTURES, dir, name), "utf8"));
      }
    }
  });

  it("stands aside for aliases, merge keys, explicit keys and duplicate keys", () => {
    const cases = [
      "version: 1\nproject: &p\n  name: X\nx: *p\nanswers: {}\n",
      "version: 1\nproject:\n  name: X\nanswers:\n  human-augmentation:\n    impact-of-errors: &a yes\n    scheduled-review: *a\n",
      "version: 1\nproject:\n  name: X\nanswers:\n  human-augmentation:\n    ? impact-of-errors\n    : yes\n",
      "version: 1\nproject:\n  name: X\nanswers:\n  human-augmentation:\n    impact-of-errors: yes\n    impact-of-errors: no\n",
    ];
    for (const [i, text] of cases.entries()) agree(`odd-${i}.yaml`, text);
  });
});
