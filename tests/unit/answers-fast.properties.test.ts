import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../../src/io/read.js";
import { parseAnswers } from "../../src/load/answers.js";
import { parseAnswersFast } from "../../src/load/answers-fast.js";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { agreeWithFullParser } from "../helpers/agree.js";
import { mutate, mutation } from "../helpers/mutations.js";
import { EXAMPLES } from "../helpers/run.js";

const pack = loadPack(BUILTIN_PACK_DIR, process.cwd(), "built-in");
const SOURCES = ["credit-scoring.yaml", "clinical-triage.yaml"].map((f) => new Uint8Array(readFileSync(join(EXAMPLES, f))));

describe("the fast answers parser on randomly broken files", () => {
  it("never accepts what the full parser rejects, and agrees with it when it accepts", () => {
    const broken = fc.record({ source: fc.nat({ max: SOURCES.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
      .map(({ source, mutations }) => mutations.reduce(mutate, SOURCES[source]!));
    fc.assert(fc.property(broken, (bytes) => {
      // The files as the CLI reads them: decoded, byte-order mark dropped.
      const decoded = decodeUtf8("answers.yaml", bytes);
      if ("error" in decoded) return;
      agreeWithFullParser({ file: "answers.yaml", text: decoded.text, bytes }, pack);
    }), { numRuns: 500 });
  });

  it("stands aside for explicit tags and a %YAML 1.1 directive, two cases the property found", () => {
    const head = "version: 1\nproject: {name: x}\nanswers:\n  human-augmentation:\n";
    for (const text of [`${head}    impact-of-errors:\n      answer: !!str yes\n`, `%YAML 1.1\n---\n${head}    impact-of-errors: no\n`]) {
      expect(parseAnswersFast({ file: "a.yaml", text, bytes: new Uint8Array() }, pack)).toBeNull();
    }
    // The full parser reads `yes` under YAML 1.1 as true and says so.
    expect(() => parseAnswers({ file: "a.yaml", text: "%YAML 1.1\n---\nversion: 1\nproject: {name: x}\nanswers: {human-augmentation: {impact-of-errors: yes}}\n", bytes: new Uint8Array() }, pack)).toThrow(/found true/);
  });
});
