import { describe, expect, it } from "vitest";
import { daysBetween, DEFAULT_POLICY, findings, passes, principleMinimum } from "../../src/core/findings.js";
import { score } from "../../src/core/score.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

const TODAY = "2026-11-20";

const pack = makePack([
  { id: "x", questions: [{ id: "a" }, { id: "b" }] },
  { id: "y", questions: [{ id: "a" }, { id: "b" }] },
]);

describe("policy findings", () => {
  it("finds unanswered and n/a-without-reason questions at their answers, failing by default", () => {
    const a = score(pack, makeAnswers({ x: { a: "yes", b: null }, y: { a: "n/a", b: "yes" } }));
    const list = findings(a, DEFAULT_POLICY, TODAY);
    expect(list.map((f) => [f.code, f.principle, f.question, f.line, f.severity])).toEqual([
      ["UNANSWERED", "x", "b", 11, "error"],
      ["NA_WITHOUT_REASON", "y", "a", 12, "error"],
    ]);
    expect(passes(list)).toBe(false);
  });

  it("warns about a partial answer without notes at the answer, and fails on it only under requirePartialNotes", () => {
    const a = score(pack, makeAnswers({ x: { a: "partial", b: { answer: "partial", notes: "Half the stores." } }, y: { a: "partial", b: { answer: "partial", notes: "  " } } }));
    const warned = findings(a, DEFAULT_POLICY, TODAY);
    expect(warned.map((f) => [f.code, f.principle, f.question, f.severity])).toEqual([
      ["PARTIAL_WITHOUT_NOTE", "x", "a", "warning"],
      ["PARTIAL_WITHOUT_NOTE", "y", "a", "warning"],
      ["PARTIAL_WITHOUT_NOTE", "y", "b", "warning"],
    ]);
    expect(warned[0]!.message).toBe("x/a is partial without notes; say what is in place and what is missing");
    expect(passes(warned)).toBe(true);
    const strict = findings(a, { ...DEFAULT_POLICY, requirePartialNotes: true }, TODAY);
    expect(strict.map((f) => f.severity)).toEqual(["error", "error", "error"]);
    expect(passes(strict)).toBe(false);
    // allow-unanswered does not soften it: it is about an answer given, not a missing one.
    expect(findings(a, { ...DEFAULT_POLICY, requirePartialNotes: true, allowUnanswered: true }, TODAY).every((f) => f.severity === "error")).toBe(true);
    // The answer is still scored as partial.
    expect(a.principles[0]!.score).toBe(50);
    // Yes, no and n/a without notes are not this finding.
    const others = score(pack, makeAnswers({ x: { a: "yes", b: "no" }, y: { a: { answer: "n/a", notes: "Not used." }, b: "yes" } }));
    expect(findings(others, { ...DEFAULT_POLICY, requirePartialNotes: true }, TODAY)).toEqual([]);
  });

  it("points at the principle's key when a question is absent, and at answers: when the principle is", () => {
    const a = score(pack, makeAnswers({ x: { a: "yes" } }));
    const list = findings(a, DEFAULT_POLICY, TODAY);
    expect(list.map((f) => `${f.principle}/${f.question}@${f.line}:${f.column}`)).toEqual([
      "y/a@9:1", "y/b@9:1", "x/b@9:3",
    ]);
  });

  it("downgrades unanswered to warnings with allowUnanswered", () => {
    const a = score(pack, makeAnswers({ x: { a: "yes" } }));
    const list = findings(a, { ...DEFAULT_POLICY, allowUnanswered: true }, TODAY);
    expect(list.every((f) => f.severity === "warning")).toBe(true);
    expect(passes(list)).toBe(true);
  });

  it("fails on the overall and per-principle minimums, and not at exactly the minimum", () => {
    const a = score(pack, makeAnswers({ x: { a: "yes", b: "yes" }, y: { a: "yes", b: "no" } })); // 100, 50 → 75
    expect(findings(a, { ...DEFAULT_POLICY, minScore: 75 }, TODAY)).toEqual([]);
    expect(findings(a, { ...DEFAULT_POLICY, minScore: 76 }, TODAY).map((f) => f.code)).toEqual(["BELOW_MIN_SCORE"]);
    const low = findings(a, { ...DEFAULT_POLICY, minPrincipleScore: 60 }, TODAY);
    expect(low.map((f) => [f.code, f.principle, f.line])).toEqual([["PRINCIPLE_BELOW_MIN_SCORE", "y", 10]]);
  });
});

describe("policy keys added for CI", () => {
  it("min-score-for replaces min-principle-score for its principle only", () => {
    const a = score(pack, makeAnswers({ x: { a: "yes", b: "no" }, y: { a: "yes", b: { answer: "partial", notes: "Half." } } })); // x 50, y 75
    const policy = { ...DEFAULT_POLICY, minPrincipleScore: 70, principleMinScores: new Map([["x", 40]]) };
    expect(findings(a, policy, TODAY)).toEqual([]);
    const stricter = { ...DEFAULT_POLICY, minPrincipleScore: 40, principleMinScores: new Map([["y", 80]]) };
    expect(findings(a, stricter, TODAY).map((f) => [f.code, f.principle, f.message])).toEqual([
      ["PRINCIPLE_BELOW_MIN_SCORE", "y", "Principle y scores 75, below the minimum of 80"],
    ]);
    expect(principleMinimum(stricter, "x")).toBe(40);
    expect(principleMinimum(stricter, "y")).toBe(80);
    expect(principleMinimum(DEFAULT_POLICY, "x")).toBeNull();
  });

  it("require-evidence finds a yes or partial without evidence at its answer, and nothing else", () => {
    const a = score(pack, makeAnswers({
      x: { a: "yes", b: { answer: "partial", notes: "Half.", evidence: ["docs/b.md"] } },
      y: { a: "no", b: { answer: "n/a", notes: "no users" } },
    }));
    expect(findings(a, DEFAULT_POLICY, TODAY)).toEqual([]);
    const list = findings(a, { ...DEFAULT_POLICY, requireEvidence: true }, TODAY);
    expect(list.map((f) => [f.code, f.severity, f.principle, f.question, f.line, f.column])).toEqual([["MISSING_EVIDENCE", "error", "x", "a", 10, 7]]);
    expect(passes(list)).toBe(false);
  });

  it("require-evidence stays an error when unanswered questions are allowed", () => {
    const a = score(pack, makeAnswers({ x: { a: { answer: "partial", notes: "Half." }, b: null }, y: { a: "yes", b: "yes" } }));
    const list = findings(a, { ...DEFAULT_POLICY, requireEvidence: true, allowUnanswered: true }, TODAY);
    expect(list.map((f) => [f.code, f.severity])).toEqual([
      ["MISSING_EVIDENCE", "error"], ["UNANSWERED", "warning"], ["MISSING_EVIDENCE", "error"], ["MISSING_EVIDENCE", "error"],
    ]);
  });

  it("max-age-days finds a stale date at the date, counting whole days to today", () => {
    const answered = { x: { a: "yes", b: "yes" }, y: { a: "yes", b: "yes" } } as const;
    const a = score(pack, { ...makeAnswers(answered), date: "2026-10-21" }); // 30 days before TODAY
    expect(findings(a, { ...DEFAULT_POLICY, maxAgeDays: 30 }, TODAY)).toEqual([]);
    const stale = findings(a, { ...DEFAULT_POLICY, maxAgeDays: 29 }, TODAY);
    expect(stale.map((f) => [f.code, f.severity, f.line, f.column])).toEqual([["STALE", "error", 5, 7]]);
    expect(stale[0]!.message).toContain("dated 2026-10-21, 30 days ago");
    expect(findings(a, DEFAULT_POLICY, "2099-01-01")).toEqual([]);
  });

  it("max-age-days with no date in the file is a MISSING_DATE finding", () => {
    const a = score(pack, { ...makeAnswers({ x: { a: "yes", b: "yes" }, y: { a: "yes", b: "yes" } }), date: null });
    expect(findings(a, DEFAULT_POLICY, TODAY)).toEqual([]);
    expect(findings(a, { ...DEFAULT_POLICY, maxAgeDays: 365 }, TODAY).map((f) => f.code)).toEqual(["MISSING_DATE"]);
  });

  it("counts days across month, year and leap-day boundaries", () => {
    expect(daysBetween("2026-11-20", "2026-11-20")).toBe(0);
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-11-21", "2026-11-20")).toBe(-1);
  });
});
