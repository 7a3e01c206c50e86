import { describe, expect, it } from "vitest";
import { changeKind, diffAssessments, isRegression } from "../../src/core/diff.js";
import { DEFAULT_POLICY, findings, passes } from "../../src/core/findings.js";
import { score } from "../../src/core/score.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

const pack = makePack([
  { id: "x", questions: [{ id: "a" }, { id: "b", weight: 3 }] },
  { id: "y", questions: [{ id: "a" }, { id: "b" }] },
]);

describe("changeKind", () => {
  it("orders yes > partial > no, and sets n/a and unanswered apart", () => {
    expect(changeKind("no", "partial")).toBe("improved");
    expect(changeKind("partial", "yes")).toBe("improved");
    expect(changeKind("yes", "partial")).toBe("regressed");
    expect(changeKind("partial", "no")).toBe("regressed");
    expect(changeKind(null, "no")).toBe("answered");
    expect(changeKind("yes", null)).toBe("unanswered");
    expect(changeKind("n/a", "yes")).toBe("changed");
    expect(changeKind("no", "n/a")).toBe("changed");
    expect(["regressed", "unanswered"].every((k) => isRegression(k as never))).toBe(true);
    expect(["improved", "answered", "changed"].some((k) => isRegression(k as never))).toBe(false);
  });
});

describe("diffAssessments", () => {
  const before = score(pack, makeAnswers({ x: { a: "yes", b: "partial" }, y: { a: { answer: "no", evidence: ["old.md", "kept.md"] }, b: null } }));
  const after = score(pack, makeAnswers({ x: { a: "partial", b: "yes" }, y: { a: { answer: "no", evidence: ["kept.md", "new.md"] }, b: { answer: "n/a", notes: "no users" } } }));
  const d = diffAssessments(before, after);

  it("takes its scores from the scoring rule, as check rounds them, and subtracts the rounded scores", () => {
    expect([d.before.score, d.after.score]).toEqual([before.score, after.score]);
    expect(d.delta).toBe((after.score as number) - (before.score as number));
    for (const p of d.principles) {
      const b = before.principles.find((x) => x.principle.id === p.id)!.score;
      const a = after.principles.find((x) => x.principle.id === p.id)!.score;
      expect([p.before, p.after, p.delta]).toEqual([b, a, a !== null && b !== null ? a - b : null]);
    }
    // x: (1 + 3×0.5)/4 = 62.5 → 63 before; (0.5 + 3)/4 = 87.5 → 88 after.
    expect(d.principles[0]).toMatchObject({ id: "x", before: 63, after: 88, delta: 25 });
  });

  it("lists each changed answer with its kind and the new notes, and no unchanged one", () => {
    expect(d.changes.map((c) => [c.principle, c.question, c.before, c.after, c.kind, c.notes])).toEqual([
      ["x", "a", "yes", "partial", "regressed", ""],
      ["x", "b", "partial", "yes", "improved", ""],
      ["y", "b", null, "n/a", "answered", "no users"],
    ]);
  });

  it("lists evidence added and removed per question", () => {
    expect(d.evidence).toEqual([{ principle: "y", question: "a", added: ["new.md"], removed: ["old.md"] }]);
  });

  it("gives null for a principle with no scorable question, and null deltas beside it", () => {
    const na = { answer: "n/a" as const, notes: "not used" };
    const d2 = diffAssessments(before, score(pack, makeAnswers({ x: { a: "yes", b: "yes" }, y: { a: na, b: na } })));
    expect(d2.principles[1]).toEqual({ id: "y", title: "Principle y", before: 0, after: null, delta: null });
  });

  it("names questions one pack version has and the other lacks", () => {
    const newer = makePack([{ id: "x", questions: [{ id: "a" }, { id: "c" }] }, { id: "y", questions: [{ id: "a" }, { id: "b" }] }]);
    const d3 = diffAssessments(before, score(newer, makeAnswers({ x: { a: "yes", c: "yes" } })));
    expect([d3.questionsAdded, d3.questionsRetired]).toEqual([["x/c"], ["x/b"]]);
    expect(d3.changes.map((c) => `${c.principle}/${c.question}`)).not.toContain("x/c");
  });
});

describe("regression findings", () => {
  const baseline = score(pack, makeAnswers({ x: { a: "yes", b: "yes" }, y: { a: "partial", b: "partial" } }));
  const now = score(pack, makeAnswers({ x: { a: "no", b: "yes" }, y: { a: "yes" } }));
  const policy = { ...DEFAULT_POLICY, allowUnanswered: true, baseline: "HEAD:test.yaml" };

  it("adds SCORE_REGRESSION for the overall score and each lower principle, at answers: and the principle's key", () => {
    const found = findings(now, policy, "2026-11-20", baseline).filter((f) => f.code === "SCORE_REGRESSION");
    // x: 100 → 75 (b weighs 3); y: 50 → 50; overall: 75 → 62.5, rounded 63.
    expect(found.map((f) => [f.principle, f.severity, f.line, f.column])).toEqual([[null, "error", 9, 1], ["x", "error", 9, 3]]);
    expect(found[0]!.message).toContain("63");
  });

  it("adds ANSWER_REGRESSION per answer that got worse, at the answer in the new file, a warning by default", () => {
    const found = findings(now, policy, "2026-11-20", baseline).filter((f) => f.code === "ANSWER_REGRESSION");
    expect(found.map((f) => `${f.principle}/${f.question}:${f.severity}@${f.line}:${f.column}`)).toEqual(["y/b:warning@10:3", "x/a:warning@10:7"]);
    expect(found.map((f) => f.message)).toEqual(["y/b went from partial to unanswered since the baseline", "x/a went from yes to no since the baseline"]);
  });

  it("makes answer regressions errors with noRegressions, and none without a baseline", () => {
    const strict = findings(now, { ...policy, noRegressions: true }, "2026-11-20", baseline).filter((f) => f.code === "ANSWER_REGRESSION");
    expect(strict.every((f) => f.severity === "error") && strict.length === 2).toBe(true);
    expect(findings(now, policy, "2026-11-20").some((f) => f.code.endsWith("REGRESSION"))).toBe(false);
  });

  it("passes when nothing got worse", () => {
    const same = findings(baseline, policy, "2026-11-20", baseline);
    expect(same.filter((f) => f.code.endsWith("REGRESSION"))).toEqual([]);
    const higher = findings(baseline, policy, "2026-11-20", now);
    expect(higher.filter((f) => f.code.endsWith("REGRESSION")).map((f) => `${f.principle}/${f.question}`)).toEqual(["y/a"]);
    expect(passes(higher)).toBe(true);
  });
});
