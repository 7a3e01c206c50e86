import { describe, expect, it } from "vitest";
import { actionItems, GAP_KINDS, handleOf, marker, titleText, type ActionOptions } from "../../src/core/actions.js";
import { score } from "../../src/core/score.js";
import type { Action, Answers } from "../../src/core/types.js";
import { ISSUE_ESCAPE, issueText } from "../../src/formats/actions-escape.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

const pack = makePack([
  { id: "alpha", questions: [{ id: "a1" }, { id: "a2", weight: 2 }, { id: "a3" }, { id: "a4", weight: 2 }] },
  { id: "beta", questions: [{ id: "b1", weight: 2 }, { id: "b2" }, { id: "b3" }] },
]);
const ALL: ActionOptions = { include: GAP_KINDS, onlyWeight: null, all: false };

/** Answers with actions set on some of them: id → action fields. */
function withActions(answers: Answers, actions: Record<string, Partial<Action>>): Answers {
  for (const [id, action] of Object.entries(actions)) {
    const [p, q] = id.split("/") as [string, string];
    const answer = answers.answers.get(p)!.get(q)!;
    answer.action = { owner: "", due: null, ticket: "", position: answer.position, ...action };
  }
  return answers;
}

const answers = () => withActions(makeAnswers({
  alpha: { a1: "no", a2: "partial", a3: "yes", a4: { answer: "no", notes: "Started." } },
  beta: { b1: null, b2: "partial", b3: { answer: "n/a", notes: "" } },
}), {
  "alpha/a1": { owner: "@carol", due: "2026-12-01" },
  "beta/b2": { due: "2026-11-01" },
  "alpha/a4": { owner: "dave", ticket: "CRA-7" },
});

const items = (opts: Partial<ActionOptions> = {}, a = answers()) => actionItems(score(pack, a), { ...ALL, ...opts }, ISSUE_ESCAPE);

describe("actionItems", () => {
  it("lists every gap, heaviest first, then by due date (none last), then by id; tracked ones are left out and counted", () => {
    const list = items();
    // Weight 2: alpha/a2 (partial), beta/b1 (unanswered); alpha/a4 is tracked. Weight 1: b2 due 11-01,
    // a1 due 12-01, then b3 (n/a without a reason is unanswered), no due date.
    expect(list.items.map((i) => i.id)).toEqual(["alpha/a2", "beta/b1", "beta/b2", "alpha/a1", "beta/b3"]);
    expect(list.tracked).toBe(1);
    expect(list.items.map((i) => i.answer)).toEqual(["partial", "unanswered", "partial", "no", "unanswered"]);
  });

  it("--all keeps the tracked items, with their ticket, in their place", () => {
    const list = items({ all: true });
    expect(list.items.map((i) => i.id)).toEqual(["alpha/a2", "alpha/a4", "beta/b1", "beta/b2", "alpha/a1", "beta/b3"]);
    expect(list.tracked).toBe(0);
    expect(list.items[1]).toMatchObject({ id: "alpha/a4", owner: "dave", due: null, ticket: "CRA-7" });
  });

  it("--include picks the answers that count as gaps", () => {
    expect(items({ include: ["no"] }).items.map((i) => i.id)).toEqual(["alpha/a1"]);
    expect(items({ include: ["partial"] }).items.map((i) => i.id)).toEqual(["alpha/a2", "beta/b2"]);
    expect(items({ include: ["unanswered"] }).items.map((i) => i.id)).toEqual(["beta/b1", "beta/b3"]);
  });

  it("--only-weight keeps the questions of that weight", () => {
    expect(items({ onlyWeight: 2 }).items.map((i) => i.id)).toEqual(["alpha/a2", "beta/b1"]);
    expect(items({ onlyWeight: 1 }).items.map((i) => i.id)).toEqual(["beta/b2", "alpha/a1", "beta/b3"]);
    expect(items({ onlyWeight: 3 }).items).toEqual([]);
  });

  it("gives each item the pinned fields: ids, title, labels with weight and risk tier, owner, due, ticket", () => {
    const a = answers();
    a.project.risk = "high";
    const [first] = items({ include: ["no"] }, a).items;
    expect(Object.keys(first!)).toEqual(["id", "principle", "question", "answer", "title", "body", "labels", "owner", "due", "ticket"]);
    expect(first).toMatchObject({ id: "alpha/a1", principle: "alpha", question: "a1", answer: "no", title: "[alpha] a1?", labels: ["alpha", "weight:1", "risk:high"], owner: "@carol", due: "2026-12-01", ticket: null });
    expect(first!.body).toContain(marker("alpha/a1"));
    expect(first!.body.endsWith(`${marker("alpha/a1")}\n`)).toBe(true);
  });

  it("writes the body: question, notes, recommendation, evidence expected, and the answer's line linked when a link is known", () => {
    const list = actionItems(score(pack, answers()), { ...ALL, include: ["no"], all: true }, ISSUE_ESCAPE, (line) => `https://github.com/o/r/blob/abc/test.yaml#L${line}`);
    const a4 = list.items.find((i) => i.id === "alpha/a4")!;
    expect(a4.body).toContain("**a4?**");
    expect(a4.body).toContain("### The team's notes\n\nStarted.");
    expect(a4.body).toContain("### Recommendation\n\ndo");
    expect(a4.body).toContain("### Evidence expected\n\ne");
    expect(a4.body).toContain("- Owner: dave\n");
    expect(a4.body).toContain("- Ticket: CRA-7\n");
    expect(a4.body).toMatch(/\[`test\.yaml` line 13\]\(https:\/\/github\.com\/o\/r\/blob\/abc\/test\.yaml#L13\)/);
    const unanswered = items({ include: ["unanswered"] }, makeAnswers({ alpha: { a1: "no" } })).items.find((i) => i.id === "beta/b1")!;
    expect(unanswered.body).toContain("Not yet: `test.yaml` has no entry for it.");
  });

  it("for a level pack, takes the gates up to the next one and answers no or partial of later gates, lowest level first, labelled by level", () => {
    const levels = { ...makePack([
      { id: "zero", questions: [{ id: "z1" }, { id: "z2" }] },
      { id: "one", questions: [{ id: "o1" }, { id: "o2" }] },
      { id: "two", questions: [{ id: "t1" }, { id: "t2" }] },
    ]), scoring: "levels" as const };
    levels.principles.forEach((p, i) => (p.number = i));
    const a = makeAnswers({ zero: { z1: "yes", z2: "yes" }, one: { o1: "partial" }, two: { t1: "no" } });
    const list = actionItems(score(levels, a), { ...ALL, onlyWeight: 2 }, ISSUE_ESCAPE);
    // Level 1 reached; gate one is next: o1 (partial) and o2 (unanswered); gate two: only t1 (no), not t2 (unanswered).
    expect(list.items.map((i) => [i.id, i.labels])).toEqual([["one/o1", ["one", "level:1"]], ["one/o2", ["one", "level:1"]], ["two/t1", ["two", "level:2"]]]);
    expect(list.items[0]!.body).toContain("- Level 1. Principle one (`one`)");
    expect(list.items[0]!.body).not.toContain("weight");
  });
});

describe("titleText", () => {
  it("drops control characters and line breaks, and keeps a short title as it is", () => {
    expect(titleText("[p] a\u001b[31m\r\nb\u0007 c\u200b?")).toBe("[p] a [31m b c?");
    expect(titleText("[p] short")).toBe("[p] short");
  });

  it("cuts a long title on a word boundary with an ellipsis, within the limit", () => {
    const long = `[p] ${"word ".repeat(80)}end`;
    const t = titleText(long, 255);
    expect([...t].length).toBeLessThanOrEqual(255);
    expect(t.endsWith("word…")).toBe(true);
    expect(titleText("x".repeat(300), 256)).toBe(`${"x".repeat(255)}…`);
  });
});

describe("handleOf", () => {
  it("takes @alice and alice by GitHub's login rules, and nothing else", () => {
    expect(handleOf("@alice")).toBe("alice");
    expect(handleOf("bob-the-builder")).toBe("bob-the-builder");
    for (const owner of ["Head of Underwriting", "-alice", "alice-", "a--b", "a_b", "x".repeat(40), "", null, "@alice @bob"]) expect(handleOf(owner)).toBeNull();
  });
});

describe("issueText", () => {
  it("escapes markup, leading block markers and mentions so user text stays one plain paragraph", () => {
    expect(issueText("# heading")).toBe("\\# heading");
    expect(issueText("> quote")).toBe("&gt; quote");
    expect(issueText("- item")).toBe("\\- item");
    expect(issueText("1. item")).toBe("1\\. item");
    expect(issueText("<!-- rml-assess:x/y -->")).toBe("&lt;!-- rml-assess:x/y --&gt;");
    expect(issueText("ping @alice and a@b")).toBe("ping @\u2060alice and a@\u2060b");
    expect(issueText("a\tb\u0007c\nd")).toBe("a bc<br>d");
  });
});
