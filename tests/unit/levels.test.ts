import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, findings } from "../../src/core/findings.js";
import { score } from "../../src/core/score.js";
import { systemLevels } from "../../src/core/systems.js";
import type { Answers, Pack } from "../../src/core/types.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

/** A level pack of four gates numbered 0-3, two questions each; `reuse/origin` applies to the reused-model trait only. */
function levelPack(): Pack {
  const pack = makePack([
    { id: "idea", questions: [{ id: "a" }, { id: "b" }] },
    { id: "proto", questions: [{ id: "a" }, { id: "b" }, { id: "origin", appliesTo: ["reused-model"] }] },
    { id: "product", questions: [{ id: "a" }, { id: "b" }] },
    { id: "deployed", questions: [{ id: "a" }, { id: "b" }] },
  ], { traits: [{ id: "reused-model", description: "d" }, { id: "started-elsewhere", description: "d" }] });
  // n/a passes a check of gate 0 only for a system started elsewhere (na-allowed-for).
  return { ...pack, scoring: "levels", principles: pack.principles.map((p, i) => ({ ...p, number: i, phase: `phase ${i}`, naAllowedFor: i === 0 ? ["started-elsewhere"] : [] })) };
}

function withLevels(answers: Answers, claimed: number | null): Answers {
  return { ...answers, claimedLevel: claimed };
}

const codes = (list: { code: string; principle: string | null; question: string | null }[]) => list.map((f) => `${f.code} ${f.principle}/${f.question}`);

describe("level scoring", () => {
  const pack = levelPack();

  it("counts consecutive gates passed from gate 0: yes, or n/a with notes where allowed, passes; partial, no, bare n/a and n/a not allowed do not", () => {
    const given = { idea: { a: "yes", b: { answer: "n/a", notes: "why" } }, proto: { a: "yes", b: "yes" }, product: { a: "partial", b: "yes" }, deployed: { a: "yes", b: "yes" } } as const;
    const elsewhere = makeAnswers(given);
    elsewhere.project.traits = ["started-elsewhere"];
    const passedTwo = score(pack, elsewhere);
    expect(passedTwo.levels?.level).toBe(2);
    expect(passedTwo.levels?.current.id).toBe("product");
    expect(passedTwo.levels?.next.open.map((q) => q.question.id)).toEqual(["a"]);
    const notAllowed = score(pack, makeAnswers(given));
    expect(notAllowed.levels?.level).toBe(0);
    expect(notAllowed.levels?.next.open.map((q) => q.naNotAllowed)).toEqual([true]);
    expect(codes(findings(notAllowed, DEFAULT_POLICY, "2026-11-20"))).toEqual(["NA_NOT_ALLOWED idea/b"]);
    const bareNa = score(pack, makeAnswers({ idea: { a: "yes", b: "n/a" } }));
    expect(bareNa.levels?.level).toBe(0);
    expect(bareNa.levels?.next.open.map((q) => q.status)).toEqual(["unanswered"]);
  });

  it("stops at the last section's number, whose questions are ongoing checks, and leaves the weighted figures out", () => {
    const all = score(pack, makeAnswers({ idea: { a: "yes", b: "yes" }, proto: { a: "yes", b: "yes" }, product: { a: "yes", b: "yes" }, deployed: { a: "no", b: "no" } }));
    expect(all.levels).toMatchObject({ level: 3, top: 3 });
    expect(all.levels?.next.section.principle.id).toBe("deployed");
    expect(all.score).toBeNull();
    expect(all.weakest).toBeNull();
  });

  it("does not let a question of a trait the system lacks hold a gate back, and does when the trait is listed", () => {
    const given = { idea: { a: "yes", b: "yes" }, proto: { a: "yes", b: "yes" } } as const;
    expect(score(pack, makeAnswers(given)).levels?.level).toBe(2);
    const reused = makeAnswers(given);
    reused.project.traits = ["reused-model"];
    expect(score(pack, reused).levels?.level).toBe(1);
  });

  it("asks only up to the next gate: later gates' questions are not unanswered", () => {
    const a = score(pack, makeAnswers({ idea: { a: "yes", b: "yes" }, proto: { a: "no" } }));
    expect(codes(findings(a, DEFAULT_POLICY, "2026-11-20"))).toEqual(["UNANSWERED proto/b"]);
  });

  it("fails a claimed level the gates do not support with LEVEL_NOT_MET at each open question below it", () => {
    const answers = makeAnswers({ idea: { a: "yes", b: "partial" }, proto: { a: "yes", b: "no" } });
    const a = score(pack, withLevels(answers, 2));
    expect(a.levels?.level).toBe(0);
    const found = findings(a, DEFAULT_POLICY, "2026-11-20").filter((f) => f.code === "LEVEL_NOT_MET");
    expect(codes(found)).toEqual(["LEVEL_NOT_MET idea/b", "LEVEL_NOT_MET proto/b"]);
    expect(found[0]).toMatchObject({ severity: "error", line: answers.answers.get("idea")!.get("b")!.position.line });
    expect(findings(score(pack, withLevels(answers, 0)), DEFAULT_POLICY, "2026-11-20").filter((f) => f.code === "LEVEL_NOT_MET")).toEqual([]);
  });

  it("fails below the policy's min-level with BELOW_MIN_LEVEL, and not at it", () => {
    const a = score(pack, makeAnswers({ idea: { a: "yes", b: "yes" }, proto: { a: "no", b: "no" } }));
    expect(codes(findings(a, { ...DEFAULT_POLICY, minLevel: 2 }, "2026-11-20"))).toEqual(["BELOW_MIN_LEVEL null/null"]);
    expect(findings(a, { ...DEFAULT_POLICY, minLevel: 1 }, "2026-11-20")).toEqual([]);
  });

  it("leaves a weighted pack's assessment without levels", () => {
    const weighted = makePack([{ id: "p", questions: [{ id: "a" }] }]);
    const a = score(weighted, withLevels(makeAnswers({ p: { a: "yes" } }), 5));
    expect(a.levels).toBeUndefined();
    expect(a.score).toBe(100);
    expect(findings(a, { ...DEFAULT_POLICY, minLevel: 3 }, "2026-11-20")).toEqual([]);
  });
});

describe("systemLevels", () => {
  it("gives each system its lowest component's level, systems and components sorted", () => {
    const systems = systemLevels([
      { system: "Shop", component: "Search", file: "b.yaml", level: 5 },
      { system: "Ads", component: "Bidder", file: "c.yaml", level: 7 },
      { system: "Shop", component: "Ranker", file: "a.yaml", level: 3 },
    ]);
    expect(systems).toEqual([
      { system: "Ads", level: 7, components: [{ component: "Bidder", file: "c.yaml", level: 7 }] },
      { system: "Shop", level: 3, components: [{ component: "Ranker", file: "a.yaml", level: 3 }, { component: "Search", file: "b.yaml", level: 5 }] },
    ]);
  });
});
