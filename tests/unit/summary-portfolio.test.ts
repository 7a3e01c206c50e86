import { describe, expect, it } from "vitest";
import { score } from "../../src/core/score.js";
import { signedOffState } from "../../src/core/sign-off.js";
import { SummaryTally } from "../../src/core/summary-tally.js";
import { summaryRow, unansweredOf, type SummaryRow } from "../../src/core/summary.js";
import { PreviousSummary } from "../../src/core/summary-previous.js";
import { LevelTally, LOWEST_COUNT } from "../../src/core/summary-levels.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

const pack = makePack([{ id: "p", questions: [{ id: "a" }, { id: "b" }] }, { id: "q", questions: [{ id: "x" }] }]);
const levelPack = { ...pack, id: "levels", scoring: "levels" as const };
const row = (answers: Parameters<typeof makeAnswers>[0], over: Partial<SummaryRow> = {}): SummaryRow =>
  ({ ...summaryRow(score(pack, makeAnswers(answers)), "2026-11-20", 365, { verdict: "pass", signedOff: "no" }), ...over });

describe("signedOffState", () => {
  const signOff = (date: string) => ({ signOff: [{ name: "R", role: "", date, position: { line: 1, column: 1 } }] });
  it("is no without a sign-off, stale before the last change or when it cannot be dated, else yes", () => {
    expect(signedOffState({ signOff: [] }, { date: "2026-01-01", source: "git history" })).toBe("no");
    expect(signedOffState(signOff("2026-01-01"), { date: "2026-02-01", source: "git history" })).toBe("stale");
    expect(signedOffState(signOff("2026-02-01"), { date: "2026-02-01", source: "git history" })).toBe("yes");
    expect(signedOffState(signOff("2026-02-01"), { date: "", source: "", unverified: "git failed" })).toBe("stale");
    expect(signedOffState(signOff("2026-02-01"), null)).toBe("yes");
  });
});

describe("unansweredOf", () => {
  it("counts every section of a weighted pack, and only the gates up to the next one of a level pack", () => {
    expect(unansweredOf([1, 2, 3, 4], null)).toBe(10);
    expect(unansweredOf([1, 2, 3, 4], 1)).toBe(3);
    expect(unansweredOf([1, 2, 3, 4], 0)).toBe(1);
  });
});

describe("SummaryTally with verdicts and level packs", () => {
  it("lists high-risk assessments that do not pass (failing or not judged), and counts verdicts", () => {
    const tally = new SummaryTally([pack], "2026-11-20", 365);
    tally.add(row({ p: { a: "yes" } }, { file: "a.yaml", risk: "high", verdict: "fail" }));
    tally.add(row({ p: { a: "yes" } }, { file: "b.yaml", risk: "high", verdict: "pass" }));
    tally.add(row({ p: { a: "yes" } }, { file: "c.yaml", risk: "high", verdict: null }));
    tally.add(row({ p: { a: "yes" } }, { file: "d.yaml", risk: "limited", verdict: "fail" }));
    const t = tally.totals();
    expect(t.highRiskFailing.map((f) => [f.file, f.verdict])).toEqual([["a.yaml", "fail"], ["c.yaml", null]]);
    expect(t.verdicts).toEqual({ pass: 1, fail: 2, unknown: 1 });
  });

  it("keeps a level pack's sections out of the principle means: counts per level instead", () => {
    const tally = new SummaryTally([pack, levelPack], "2026-11-20", 365);
    tally.add(row({ p: { a: "yes", b: "no" } }));
    tally.add({ ...row({ p: { a: "yes", b: "yes" }, q: { x: "yes" } }), pack: levelPack, level: 1, score: null, band: null });
    const [weighted, levels] = tally.totals().packs;
    expect(weighted!.principles.map((p) => p.mean)).toEqual([50, 0]);
    expect(weighted!.levels).toBeNull();
    expect(levels!.principles).toEqual([]);
    expect(levels!.weakest).toEqual([]);
    expect(levels!.levels!.counts).toEqual({ 0: 0, 1: 1 });
  });
});

describe("LevelTally", () => {
  it("keeps the lowest assessments (first read among equals) and each system at its lowest component", () => {
    const tally = new LevelTally({ ...levelPack, principles: Array.from({ length: 6 }, (_, i) => ({ ...pack.principles[0]!, id: `l${i}` })) });
    const levels = [4, 2, 5, 2, 1, 3, 0, 2];
    levels.forEach((level, i) => tally.add({ ...row({}), file: `f${i}`, level, system: i % 2 ? "Payments" : "Search", component: `c${i}` }));
    const r = tally.result();
    expect(r.lowest.map((e) => [e.file, e.level])).toEqual([["f6", 0], ["f4", 1], ["f1", 2], ["f3", 2], ["f7", 2]]);
    expect(r.lowest).toHaveLength(LOWEST_COUNT);
    expect(r.systems).toEqual([
      { system: "Payments", level: 2, component: "c1", file: "f1", components: 4 },
      { system: "Search", level: 0, component: "c6", file: "f6", components: 4 },
    ]);
    expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(levels.length);
  });
});

describe("PreviousSummary", () => {
  it("gives each row its movement by file, each principle its earlier mean, and the files not seen again", () => {
    const previous = new PreviousSummary({
      file: "old.json", generated: null,
      assessments: [{ file: "a.yaml", score: 40, level: null, verdict: "fail" }, { file: "gone.yaml", score: 90, level: null, verdict: "pass" }],
      principles: [{ pack: pack.id, id: "p", mean: 25 }],
    });
    const tally = new SummaryTally([pack], "2026-11-20", 365);
    tally.compareWith(previous);
    const a = row({ p: { a: "yes", b: "no" } }, { file: "a.yaml" });
    const b = row({ p: { a: "yes" } }, { file: "new.yaml" });
    tally.add(a);
    tally.add(b);
    expect(a.previous).toEqual({ score: 40, level: null, verdict: "fail", scoreChange: a.score! - 40, levelChange: null });
    expect(b.previous).toBeNull();
    const t = tally.totals();
    expect(t.previous).toEqual({ file: "old.json", generated: null, gone: ["gone.yaml"] });
    expect(t.packs[0]!.principles[0]).toMatchObject({ previousMean: 25, change: t.packs[0]!.principles[0]!.mean! - 25 });
    expect(t.packs[0]!.principles[1]).toMatchObject({ previousMean: null, change: null });
  });
});
