import { describe, expect, it } from "vitest";
import { score } from "../../src/core/score.js";
import { SummaryTally } from "../../src/core/summary-tally.js";
import { summaryRow } from "../../src/core/summary.js";
import { csvText } from "../../src/text/csv.js";
import { bandStep } from "../../src/text/band-scale.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

const pack = makePack([{ id: "p", questions: [{ id: "a" }, { id: "b" }, { id: "c" }] }, { id: "q", questions: [{ id: "x" }] }]);
const row = (answers: Parameters<typeof makeAnswers>[0], date: string | null = "2026-11-20") =>
  summaryRow(score(pack, { ...makeAnswers(answers), date }), "2026-11-20", 365, { verdict: "pass", signedOff: "no" });

describe("SummaryTally", () => {
  it("takes the mean of the rounded principle scores, to one decimal, over the assessments that score the principle", () => {
    const tally = new SummaryTally([pack], "2026-11-20", 365);
    // p: 2/3 → 67 (rounded before averaging), 1/3 → 33, 1/2 → 50; q: 100, n/a (no score), 0.
    tally.add(row({ p: { a: "yes", b: "yes", c: "no" }, q: { x: "yes" } }));
    tally.add(row({ p: { a: "yes", b: "no", c: "no" }, q: { x: { answer: "n/a", notes: "no model" } } }));
    tally.add(row({ p: { a: "yes", b: "no", c: { answer: "n/a", notes: "not here" } }, q: { x: "no" } }));
    const [p, q] = tally.totals().packs[0]!.principles;
    expect(p).toMatchObject({ mean: 50, min: 33, max: 67, scored: 3, bands: { Initial: 0, Developing: 1, Established: 2, Advanced: 0, Leading: 0 } });
    expect(q).toMatchObject({ mean: 50, min: 0, max: 100, scored: 2 });
  });

  it("rounds the mean to one decimal, and says null when no assessment scores a principle", () => {
    const tally = new SummaryTally([pack], "2026-11-20", 365);
    // The second principle is n/a (with a reason) everywhere.
    tally.add(row({ p: { a: "yes", b: "yes", c: "no" }, q: { x: { answer: "n/a", notes: "none" } } }));
    tally.add(row({ p: { a: "yes", b: "partial", c: "partial" }, q: { x: { answer: "n/a", notes: "none" } } }));
    tally.add(row({ p: { a: "yes", b: "no" }, q: { x: { answer: "n/a", notes: "none" } } }));
    const [p, q] = tally.totals().packs[0]!.principles;
    // 67, 67, 33: 55.666… → 55.7.
    expect(p!.mean).toBe(55.7);
    expect(q).toMatchObject({ mean: null, min: null, max: null, scored: 0 });
  });

  it("lists undated and stale assessments, and files with answers to retired questions", () => {
    const tally = new SummaryTally([pack], "2026-11-20", 365);
    tally.add(row({ p: { a: "yes" } }, null));
    tally.add(row({ p: { a: "yes" } }, "2025-11-19"));
    tally.add(row({ p: { a: "yes" } }, "2025-11-20"));
    const totals = tally.totals();
    expect(totals.undated).toHaveLength(1);
    expect(totals.stale.map((s) => s.ageDays)).toEqual([366]);
    expect(totals.assessments).toBe(3);
  });
});

describe("csvText", () => {
  it.each([
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\tTAB", "'\tTAB"],
    ["\rCR", "\"'\rCR\""],
    ["a, b", "\"a, b\""],
    ["say \"hi\"", "\"say \"\"hi\"\"\""],
    ["two\nlines", "\"two\nlines\""],
    ["plain", "plain"],
  ])("writes %j as %j", (input, output) => {
    expect(csvText(input)).toBe(output);
  });
});

describe("bandStep", () => {
  it("spreads any number of bands over the six colour steps, lowest red and highest bright green", () => {
    const bands = (n: number) => ({ ...pack, bands: Array.from({ length: n }, (_, i) => ({ min: i * 10, label: `B${i}` })) });
    expect(bands(5).bands.map((b) => bandStep(bands(5), b.label))).toEqual([0, 1, 3, 4, 5]);
    expect(bands(2).bands.map((b) => bandStep(bands(2), b.label))).toEqual([0, 5]);
    expect(bandStep(bands(1), "B0")).toBe(5);
    expect(bandStep(pack, null)).toBe(-1);
  });
});
