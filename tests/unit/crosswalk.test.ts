import { describe, expect, it } from "vitest";
import { coverage, coverageFindings, headline, shownPercent, type Crosswalk, type FrameworkItem } from "../../src/core/crosswalk.js";
import type { EvidenceFacts } from "../../src/core/evidence.js";
import { score } from "../../src/core/score.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

const pack = makePack([
  { id: "p", questions: [{ id: "a" }, { id: "b" }, { id: "gen", appliesTo: ["generative-ai"] }] },
], { traits: [{ id: "generative-ai", description: "generates" }] });

function item(id: string, questions: string[], notCovered: string | null = null, extra: Partial<FrameworkItem> = {}): FrameworkItem {
  return {
    id, title: `Item ${id}`, group: "G", article: null, paragraph: null, notCovered,
    questions: questions.map((q) => ({ principle: "p", question: q, rationale: `why ${q}` })),
    coverage: notCovered === null ? "full" : null, uncovered: null, ...extra,
  };
}

const crosswalk: Crosswalk = {
  framework: { id: "fw", title: "Framework", version: "1", source: "https://example.org", reuse: "r", note: "" },
  groups: [{ id: "G", title: "Group" }],
  items: [item("both", ["a", "b"]), item("only-a", ["a"]), item("gen-only", ["gen"]), item("none", [], "not asked"), item("gen-and-b", ["gen", "b"])],
  file: "fw.yaml",
};

type Spec = Parameters<typeof makeAnswers>[0]["p"];
/** A yes that lists evidence, as a met item needs. */
const YES = { answer: "yes" as const, evidence: ["docs/e.md"] };

function covered(answers: Spec, traits?: string[], cw: Crosswalk = crosswalk, facts: EvidenceFacts | null = null) {
  const a = makeAnswers({ p: answers });
  if (traits) a.project.traits = traits;
  return coverage(cw, score(pack, a), { facts });
}
function statuses(answers: Spec, traits?: string[], cw: Crosswalk = crosswalk) {
  return Object.fromEntries(covered(answers, traits, cw).items.map((i) => [i.item.id, i.status]));
}

describe("coverage of a framework item", () => {
  it("is met when every mapped question that applies is yes with evidence, shown as not verified without --verify-evidence", () => {
    expect(statuses({ a: YES, b: YES, gen: YES }, ["generative-ai"])).toEqual({ both: "met", "only-a": "met", "gen-only": "met", none: "unmapped", "gen-and-b": "met" });
    expect(covered({ a: YES, b: YES }).items[0]!.evidence).toBe("not-verified");
  });

  it("is at most partial when a yes lists no evidence", () => {
    const c = covered({ a: "yes", b: YES });
    expect(c.items[0]!.status).toBe("partial");
    expect(c.items[0]!.limits).toEqual(["p/a is yes without evidence"]);
  });

  it("under --verify-evidence is met only when every evidence file is found, and says so", () => {
    const found: EvidenceFacts = { files: new Map([["docs/e.md", { state: "found", sha256: null }]]) };
    const missing: EvidenceFacts = { files: new Map([["docs/e.md", { state: "missing" }]]) };
    expect(covered({ a: YES, b: YES }, undefined, crosswalk, found).items[0]).toMatchObject({ status: "met", evidence: "verified" });
    const c = covered({ a: YES, b: YES }, undefined, crosswalk, missing);
    expect(c.items[0]).toMatchObject({ status: "partial", evidence: null });
    expect(c.items[0]!.limits[0]).toMatch(/evidence was not found/);
  });

  it("is at most partial when the mapping covers the item only in part, naming what is not asked", () => {
    const part: Crosswalk = { ...crosswalk, items: [item("part", ["a"], null, { coverage: "partial", uncovered: "foreseeable misuse" })] };
    const c = covered({ a: YES }, undefined, part);
    expect(c.items[0]!.status).toBe("partial");
    expect(c.items[0]!.limits).toEqual(["the mapped questions cover the item only in part: foreseeable misuse"]);
  });

  it("is at most partial when trait gating leaves one question to carry an item mapped to several", () => {
    const c = covered({ a: YES, b: YES });
    const gated = c.items.find((i) => i.item.id === "gen-and-b")!;
    expect(gated.status).toBe("partial");
    expect(gated.questions.map((q) => q.answer)).toEqual(["does-not-apply", "yes"]);
    expect(gated.limits[0]).toMatch(/only one of its questions applies/);
  });

  it("is a gap when every mapped question is no, and unmapped items stay unmapped", () => {
    expect(statuses({ a: "no", b: "no", gen: "no" }, ["generative-ai"])).toEqual({ both: "gap", "only-a": "gap", "gen-only": "gap", none: "unmapped", "gen-and-b": "gap" });
  });

  it("is partial when at least one is yes or partial but not all are yes", () => {
    expect(statuses({ a: YES, b: "no" })).toMatchObject({ both: "partial", "only-a": "met" });
    expect(statuses({ a: "partial", b: "partial" })).toMatchObject({ both: "partial", "only-a": "partial" });
    expect(statuses({ a: null, b: "partial" })).toMatchObject({ both: "partial", "only-a": "gap" });
  });

  it("counts n/a only with its reason, shown as such: an item of n/a answers is not applicable, not met", () => {
    const c = covered({ a: { answer: "n/a", notes: "no such data" }, b: YES });
    expect(c.items.find((i) => i.item.id === "both")!.status).toBe("met");
    const onlyA = c.items.find((i) => i.item.id === "only-a")!;
    expect(onlyA).toMatchObject({ status: "not-applicable", reason: "n/a: p/a: no such data" });
    expect(statuses({ a: { answer: "n/a", notes: "" }, b: YES })).toMatchObject({ both: "partial", "only-a": "gap" });
  });

  it("is unmapped when none of its questions applies", () => {
    const byId = new Map(covered({ a: YES, b: YES, gen: "no" }).items.map((i) => [i.item.id, i]));
    expect(byId.get("gen-only")!.status).toBe("unmapped");
    expect(byId.get("gen-only")!.reason).toMatch(/applies/);
    expect(byId.get("none")!.reason).toBe("not asked");
  });

  it("gives the headline over every item that applies first, and over the mapped items second", () => {
    const c = covered({ a: YES, b: "no" });
    expect(c.counts).toEqual({ met: 1, partial: 1, gap: 1, unmapped: 2, "not-applicable": 0 });
    expect(c.total).toBe(5);
    expect(c.mapped).toBe(3);
    expect(c.percent).toBeCloseTo(20);
    expect(c.mappedPercent).toBeCloseTo(100 / 3);
    expect(shownPercent(c)).toBe("20%");
    expect(headline(c)).toBe("1 of 5 items met (20%); 1 of 3 mapped items met (33%)");
  });
});

describe("FRAMEWORK_COVERAGE", () => {
  const assessment = score(pack, makeAnswers({ p: { a: YES, b: "no" } }));

  it("is an error at answers: when fewer than the minimum share of all applicable items are met (not of the mapped ones)", () => {
    const [f, ...rest] = coverageFindings(assessment, [crosswalk], 21);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: "FRAMEWORK_COVERAGE", severity: "error", principle: null, question: null, line: 9, column: 1 });
    expect(f!.message).toContain("--framework fw");
    expect(f!.message).toContain("1 of 5 items met");
  });

  it("is not raised at or above the minimum, nor without one", () => {
    expect(coverageFindings(assessment, [crosswalk], 20)).toEqual([]);
    expect(coverageFindings(assessment, [crosswalk], null)).toEqual([]);
  });

  it("fails a framework with no met item for any minimum above 0", () => {
    const empty: Crosswalk = { ...crosswalk, items: [item("none", [], "not asked")] };
    expect(coverageFindings(assessment, [empty], 1).map((f) => f.code)).toEqual(["FRAMEWORK_COVERAGE"]);
    expect(coverageFindings(assessment, [empty], 0)).toEqual([]);
  });
});
