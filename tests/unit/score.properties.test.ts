import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { score } from "../../src/core/score.js";
import type { Assessment } from "../../src/core/types.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";

const pack = loadPack(BUILTIN_PACK_DIR, process.cwd(), "built-in");

type Value = "yes" | "partial" | "no" | "n/a" | null;
/** One question's entry as a team might write it: absent, the answer alone, or a mapping with notes. */
type Entry = undefined | { answer: Value; notes: string | null; shorthand: boolean };
type Sheet = Record<string, Record<string, Entry> | undefined>;

const entry: fc.Arbitrary<Entry> = fc.option(fc.record({
  answer: fc.constantFrom<Value>("yes", "partial", "no", "n/a", null),
  notes: fc.option(fc.string({ unit: "grapheme", maxLength: 30 })),
  shorthand: fc.boolean(),
}), { nil: undefined, freq: 4 });

/** Random but valid answers to the built-in pack: any subset of principles and questions, any answers. */
const sheet: fc.Arbitrary<Sheet> = fc.record(Object.fromEntries(pack.principles.map((p) => [
  p.id, fc.option(fc.record(Object.fromEntries(p.questions.map((q) => [q.id, entry]))), { nil: undefined, freq: 6 }),
])));

/** The sheet as an answers file's text, the way the tool reads it from disk. */
function toText(s: Sheet, name = "Fraud scoring"): string {
  const answers: Record<string, Record<string, unknown>> = {};
  for (const [p, questions] of Object.entries(s)) {
    if (!questions) continue;
    answers[p] = {};
    for (const [q, e] of Object.entries(questions)) {
      if (!e) continue;
      answers[p][q] = e.shorthand && e.notes === null ? e.answer : { answer: e.answer, notes: e.notes };
    }
  }
  // Every trait listed, so every question of the pack applies and counts.
  return stringify({ version: 1, project: { name, traits: pack.traits.map((t) => t.id) }, answers });
}

function assess(s: Sheet): Assessment {
  const text = toText(s);
  return score(pack, parseAnswers({ file: "answers.yaml", text, bytes: new TextEncoder().encode(text) }, pack));
}

/** A question of the pack picked by index, so shrinking stays meaningful. */
const question = fc.nat().map((n) => {
  const all = pack.principles.flatMap((p) => p.questions.map((q) => ({ principle: p.id, question: q.id })));
  return all[n % all.length]!;
});

function withEntry(s: Sheet, at: { principle: string; question: string }, e: Entry): Sheet {
  return { ...s, [at.principle]: { ...s[at.principle], [at.question]: e } };
}

const inRange = (n: number | null) => n === null || (Number.isInteger(n) && n >= 0 && n <= 100);

describe("scoring properties (random valid answers files of the built-in pack)", () => {
  it("every score is a whole number from 0 to 100, or none when all is n/a", () => {
    fc.assert(fc.property(sheet, (s) => {
      const a = assess(s);
      expect(inRange(a.score)).toBe(true);
      for (const p of a.principles) expect(inRange(p.score)).toBe(true);
      expect(a.score === null).toBe(a.principles.every((p) => p.score === null));
    }), { numRuns: 200 });
  });

  it("changing one answer from no to yes never lowers its principle's score or the overall score", () => {
    fc.assert(fc.property(sheet, question, fc.option(fc.string({ maxLength: 20 })), (s, at, notes) => {
      const before = assess(withEntry(s, at, { answer: "no", notes, shorthand: notes === null }));
      const after = assess(withEntry(s, at, { answer: "yes", notes, shorthand: notes === null }));
      const principle = (a: Assessment) => a.principles.find((p) => p.principle.id === at.principle)!;
      expect(principle(after).score!).toBeGreaterThanOrEqual(principle(before).score!);
      expect(principle(after).exact!).toBeGreaterThan(principle(before).exact!);
      expect(after.score!).toBeGreaterThanOrEqual(before.score!);
      for (const p of after.principles) {
        if (p.principle.id !== at.principle) expect(p.exact).toBe(before.principles.find((b) => b.principle.id === p.principle.id)!.exact);
      }
    }), { numRuns: 200 });
  });

  it("answering questions n/a (with notes) never changes another principle's score", () => {
    fc.assert(fc.property(sheet, fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 9 }), (s, pi, qis) => {
      const principle = pack.principles[pi % pack.principles.length]!;
      let changed = s;
      for (const qi of qis) {
        const q = principle.questions[qi % principle.questions.length]!;
        changed = withEntry(changed, { principle: principle.id, question: q.id }, { answer: "n/a", notes: "Not applicable: no people are affected.", shorthand: false });
      }
      const before = assess(s);
      const after = assess(changed);
      for (const p of after.principles) {
        if (p.principle.id === principle.id) continue;
        const b = before.principles.find((x) => x.principle.id === p.principle.id)!;
        expect([p.score, p.exact, p.counts]).toEqual([b.score, b.exact, b.counts]);
      }
    }), { numRuns: 200 });
  });
});
