import { describe, expect, it } from "vitest";
import { bandFor, roundScore, score } from "../../src/core/score.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

const four = makePack([{ id: "p", questions: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }] }]);

describe("principle score", () => {
  const cases: { name: string; answers: Record<string, unknown>; score: number | null; counts: Record<string, number> }[] = [
    { name: "all yes", answers: { a: "yes", b: "yes", c: "yes", d: "yes" }, score: 100, counts: { yes: 4, partial: 0, no: 0, na: 0, unanswered: 0 } },
    { name: "all no", answers: { a: "no", b: "no", c: "no", d: "no" }, score: 0, counts: { yes: 0, partial: 0, no: 4, na: 0, unanswered: 0 } },
    { name: "partial is half", answers: { a: "partial", b: "partial", c: "yes", d: "no" }, score: 50, counts: { yes: 1, partial: 2, no: 1, na: 0, unanswered: 0 } },
    { name: "absent questions count 0", answers: { a: "yes" }, score: 25, counts: { yes: 1, partial: 0, no: 0, na: 0, unanswered: 3 } },
    { name: "null answer is unanswered", answers: { a: "yes", b: null, c: "yes", d: "yes" }, score: 75, counts: { yes: 3, partial: 0, no: 0, na: 0, unanswered: 1 } },
    { name: "n/a with notes is left out", answers: { a: "yes", b: { answer: "n/a", notes: "no humans involved" }, c: "yes", d: "no" }, score: 67, counts: { yes: 2, partial: 0, no: 1, na: 1, unanswered: 0 } },
    { name: "n/a without notes counts as unanswered", answers: { a: "yes", b: "n/a", c: "yes", d: "no" }, score: 50, counts: { yes: 2, partial: 0, no: 1, na: 0, unanswered: 1 } },
    { name: "all n/a gives null", answers: { a: { answer: "n/a", notes: "x" }, b: { answer: "n/a", notes: "x" }, c: { answer: "n/a", notes: "x" }, d: { answer: "n/a", notes: "x" } }, score: null, counts: { yes: 0, partial: 0, no: 0, na: 4, unanswered: 0 } },
    { name: "halves round up (62.5 → 63)", answers: { a: "yes", b: "yes", c: "partial", d: "no" }, score: 63, counts: { yes: 2, partial: 1, no: 1, na: 0, unanswered: 0 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = score(four, makeAnswers({ p: c.answers as never }));
      expect(a.principles[0]!.score).toBe(c.score);
      expect(a.principles[0]!.counts).toEqual(c.counts);
    });
  }

  it("weights questions", () => {
    const pack = makePack([{ id: "p", questions: [{ id: "heavy", weight: 3 }, { id: "light" }] }]);
    expect(score(pack, makeAnswers({ p: { heavy: "yes", light: "no" } })).principles[0]!.score).toBe(75);
    expect(score(pack, makeAnswers({ p: { heavy: "no", light: "yes" } })).principles[0]!.score).toBe(25);
    expect(score(pack, makeAnswers({ p: { heavy: "partial", light: "yes" } })).principles[0]!.exact).toBeCloseTo(62.5);
  });
});

describe("overall score", () => {
  const pack = makePack([
    { id: "x", questions: [{ id: "a" }, { id: "b" }, { id: "c" }] },
    { id: "y", weight: 2, questions: [{ id: "a" }] },
    { id: "z", questions: [{ id: "a" }] },
  ]);

  it("is the principle-weighted mean of unrounded principle scores", () => {
    // x = 33.33…, y = 100 (weight 2), z = 0 → (33.33 + 200 + 0) / 4 = 58.33 → 58
    const a = score(pack, makeAnswers({ x: { a: "yes", b: "no", c: "no" }, y: { a: "yes" }, z: { a: "no" } }));
    expect(a.principles.map((p) => p.score)).toEqual([33, 100, 0]);
    expect(a.score).toBe(58);
    expect(a.band).toBe("Established");
    expect(a.weakest).toEqual({ principle: pack.principles[2], score: 0 });
  });

  it("uses unrounded principle scores, not rounded ones", () => {
    // x = 16.67 (rounds to 17), y = 100 (w2), z = 0: unrounded mean (16.67+200)/4 = 54.17 → 54;
    // rounded first would be (17+200)/4 = 54.25 → 54 as well, so use a case where they differ:
    const p2 = makePack([{ id: "x", questions: [{ id: "a" }, { id: "b" }, { id: "c" }] }, { id: "y", questions: [{ id: "a" }, { id: "b" }] }]);
    // x: partial,no,no = 16.666…; y: yes,partial = 75 → mean 45.833 → 46; rounded-first (17+75)/2 = 46 too.
    // x: yes,partial,no = 50; y: partial,no = 25 → 37.5 → 38 (halves up)
    expect(score(p2, makeAnswers({ x: { a: "yes", b: "partial", c: "no" }, y: { a: "partial", b: "no" } })).score).toBe(38);
    // x: yes,yes,partial = 83.33; y: no,partial = 25 → 54.1666 → 54; rounded-first (83+25)/2 = 54.
    // x: partial,partial,yes = 66.67; y: yes,no → 50 → 58.33 → 58; rounded-first (67+50)/2 = 58.5 → 59.
    expect(score(p2, makeAnswers({ x: { a: "partial", b: "partial", c: "yes" }, y: { a: "yes", b: "no" } })).score).toBe(58);
  });

  it("leaves all-n/a principles out of the overall score and the weakest", () => {
    const a = score(pack, makeAnswers({ x: { a: "yes", b: "yes", c: "yes" }, y: { a: { answer: "n/a", notes: "batch only" } }, z: { a: "partial" } }));
    expect(a.principles[1]!.score).toBeNull();
    expect(a.principles[1]!.band).toBeNull();
    expect(a.score).toBe(75); // (100 + 50) / 2
    expect(a.weakest?.principle.id).toBe("z");
  });

  it("is null when every principle is all n/a", () => {
    const one = makePack([{ id: "x", questions: [{ id: "a" }] }]);
    const a = score(one, makeAnswers({ x: { a: { answer: "n/a", notes: "r" } } }));
    expect(a.score).toBeNull();
    expect(a.band).toBeNull();
    expect(a.weakest).toBeNull();
  });

  it("picks the first principle in pack order on a tie for weakest", () => {
    const a = score(pack, makeAnswers({ x: { a: "no", b: "no", c: "no" }, y: { a: "yes" }, z: { a: "no" } }));
    expect(a.weakest?.principle.id).toBe("x");
  });
});

describe("rounding and bands", () => {
  it("rounds halves up and survives binary noise", () => {
    expect(roundScore(62.5)).toBe(63);
    expect(roundScore(62.49999999999999)).toBe(63);
    expect(roundScore(62.4)).toBe(62);
    expect(roundScore(0.5)).toBe(1);
    expect(roundScore(99.5)).toBe(100);
  });

  it("maps scores to the default bands at their edges", () => {
    const bands = makePack([]).bands;
    expect([0, 24, 25, 49, 50, 74, 75, 89, 90, 100].map((s) => bandFor(bands, s))).toEqual([
      "Initial", "Initial", "Developing", "Developing", "Established", "Established", "Advanced", "Advanced", "Leading", "Leading",
    ]);
    expect(bandFor(bands, null)).toBeNull();
  });
});
