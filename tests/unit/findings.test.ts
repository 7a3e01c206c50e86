import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, findings, passes } from "../../src/core/findings.js";
import { score } from "../../src/core/score.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

const pack = makePack([
  { id: "x", questions: [{ id: "a" }, { id: "b" }] },
  { id: "y", questions: [{ id: "a" }, { id: "b" }] },
]);

describe("policy findings", () => {
  it("finds unanswered and n/a-without-reason questions at their answers, failing by default", () => {
    const a = score(pack, makeAnswers({ x: { a: "yes", b: null }, y: { a: "n/a", b: "yes" } }));
    const list = findings(a, DEFAULT_POLICY);
    expect(list.map((f) => [f.code, f.principle, f.question, f.line, f.severity])).toEqual([
      ["UNANSWERED", "x", "b", 11, "error"],
      ["NA_WITHOUT_REASON", "y", "a", 12, "error"],
    ]);
    expect(passes(list)).toBe(false);
  });

  it("points at the principle's key when a question is absent, and at answers: when the principle is", () => {
    const a = score(pack, makeAnswers({ x: { a: "yes" } }));
    const list = findings(a, DEFAULT_POLICY);
    expect(list.map((f) => `${f.principle}/${f.question}@${f.line}:${f.column}`)).toEqual([
      "y/a@9:1", "y/b@9:1", "x/b@9:3",
    ]);
  });

  it("downgrades unanswered to warnings with allowUnanswered", () => {
    const a = score(pack, makeAnswers({ x: { a: "yes" } }));
    const list = findings(a, { ...DEFAULT_POLICY, allowUnanswered: true });
    expect(list.every((f) => f.severity === "warning")).toBe(true);
    expect(passes(list)).toBe(true);
  });

  it("fails on the overall and per-principle minimums, and not at exactly the minimum", () => {
    const a = score(pack, makeAnswers({ x: { a: "yes", b: "yes" }, y: { a: "yes", b: "no" } })); // 100, 50 → 75
    expect(findings(a, { ...DEFAULT_POLICY, minScore: 75 })).toEqual([]);
    expect(findings(a, { ...DEFAULT_POLICY, minScore: 76 }).map((f) => f.code)).toEqual(["BELOW_MIN_SCORE"]);
    const low = findings(a, { ...DEFAULT_POLICY, minPrincipleScore: 60 });
    expect(low.map((f) => [f.code, f.principle, f.line])).toEqual([["PRINCIPLE_BELOW_MIN_SCORE", "y", 10]]);
  });
});
