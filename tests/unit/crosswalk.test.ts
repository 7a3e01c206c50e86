import { describe, expect, it } from "vitest";
import { coverage, coverageFindings, shownPercent, type Crosswalk, type FrameworkItem } from "../../src/core/crosswalk.js";
import { score } from "../../src/core/score.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

const pack = makePack([
  { id: "p", questions: [{ id: "a" }, { id: "b" }, { id: "gen", appliesTo: ["generative-ai"] }] },
], { traits: [{ id: "generative-ai", description: "generates" }] });

function item(id: string, questions: string[], notCovered: string | null = null): FrameworkItem {
  return {
    id, title: `Item ${id}`, group: "G", article: null, paragraph: null, notCovered,
    questions: questions.map((q) => ({ principle: "p", question: q, rationale: `why ${q}` })),
  };
}

const crosswalk: Crosswalk = {
  framework: { id: "fw", title: "Framework", version: "1", source: "https://example.org", reuse: "r", note: "" },
  groups: [{ id: "G", title: "Group" }],
  items: [item("both", ["a", "b"]), item("only-a", ["a"]), item("gen-only", ["gen"]), item("none", [], "not asked"), item("gen-and-b", ["gen", "b"])],
  file: "fw.yaml",
};

type Spec = Parameters<typeof makeAnswers>[0]["p"];

function statuses(answers: Spec, traits?: string[]) {
  const a = makeAnswers({ p: answers });
  if (traits) a.project.traits = traits;
  const c = coverage(crosswalk, score(pack, a));
  return Object.fromEntries(c.items.map((i) => [i.item.id, i.status]));
}

describe("coverage of a framework item", () => {
  it("is met when every mapped question that applies is yes", () => {
    expect(statuses({ a: "yes", b: "yes", gen: "yes" }, ["generative-ai"])).toEqual({ both: "met", "only-a": "met", "gen-only": "met", none: "unmapped", "gen-and-b": "met" });
  });

  it("is a gap when every mapped question is no, and unmapped items stay unmapped", () => {
    expect(statuses({ a: "no", b: "no", gen: "no" }, ["generative-ai"])).toEqual({ both: "gap", "only-a": "gap", "gen-only": "gap", none: "unmapped", "gen-and-b": "gap" });
  });

  it("is partial when at least one is yes or partial but not all are yes", () => {
    expect(statuses({ a: "yes", b: "no" })).toMatchObject({ both: "partial", "only-a": "met" });
    expect(statuses({ a: "partial", b: "partial" })).toMatchObject({ both: "partial", "only-a": "partial" });
    expect(statuses({ a: null, b: "partial" })).toMatchObject({ both: "partial", "only-a": "gap" });
  });

  it("counts n/a as met only with notes: n/a without them is unanswered", () => {
    expect(statuses({ a: { answer: "n/a", notes: "no such data" }, b: "yes" })).toMatchObject({ both: "met", "only-a": "met" });
    expect(statuses({ a: { answer: "n/a", notes: "" }, b: "yes" })).toMatchObject({ both: "partial", "only-a": "gap" });
  });

  it("leaves out questions that do not apply, and is unmapped when none of its questions applies", () => {
    const a = makeAnswers({ p: { a: "yes", b: "yes", gen: "no" } });
    const c = coverage(crosswalk, score(pack, a));
    const byId = new Map(c.items.map((i) => [i.item.id, i]));
    expect(byId.get("gen-and-b")!.status).toBe("met");
    expect(byId.get("gen-and-b")!.questions.map((q) => q.answer)).toEqual(["does-not-apply", "yes"]);
    expect(byId.get("gen-only")!.status).toBe("unmapped");
    expect(byId.get("gen-only")!.reason).toMatch(/applies/);
    expect(byId.get("none")!.reason).toBe("not asked");
  });

  it("counts each status, and the percentage is of the mapped items only", () => {
    const c = coverage(crosswalk, score(pack, makeAnswers({ p: { a: "yes", b: "no" } })));
    expect(c.counts).toEqual({ met: 1, partial: 1, gap: 1, unmapped: 2 });
    expect(c.mapped).toBe(3);
    expect(c.percent).toBeCloseTo(100 / 3);
    expect(shownPercent(c)).toBe("33%");
  });
});

describe("FRAMEWORK_COVERAGE", () => {
  const assessment = score(pack, makeAnswers({ p: { a: "yes", b: "no" } }));

  it("is an error at answers: when fewer than the minimum share of mapped items are met", () => {
    const [f, ...rest] = coverageFindings(assessment, [crosswalk], 34);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: "FRAMEWORK_COVERAGE", severity: "error", principle: null, question: null, line: 9, column: 1 });
    expect(f!.message).toContain("--framework fw");
  });

  it("is not raised at or above the minimum, nor without one", () => {
    expect(coverageFindings(assessment, [crosswalk], 33)).toEqual([]);
    expect(coverageFindings(assessment, [crosswalk], null)).toEqual([]);
  });

  it("fails a framework with no mapped item for any minimum above 0", () => {
    const empty: Crosswalk = { ...crosswalk, items: [item("none", [], "not asked")] };
    expect(coverageFindings(assessment, [empty], 1).map((f) => f.code)).toEqual(["FRAMEWORK_COVERAGE"]);
    expect(coverageFindings(assessment, [empty], 0)).toEqual([]);
  });
});
