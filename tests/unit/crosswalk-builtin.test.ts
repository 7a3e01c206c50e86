import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coverage } from "../../src/core/crosswalk.js";
import { score } from "../../src/core/score.js";
import type { AnswerValue } from "../../src/core/types.js";
import { frameworkIds, loadCrosswalk } from "../../src/load/crosswalk.js";
import { loadPack } from "../../src/load/pack.js";
import { makeAnswers } from "../helpers/builders.js";
import { REPO } from "../helpers/run.js";

const PRINCIPLES = join(REPO, "principles");
const pack = loadPack(PRINCIPLES, REPO, "built-in");
const load = (id: string) => loadCrosswalk(PRINCIPLES, id, pack, REPO);

/** Every question of the built-in pack answered `value`, by a system with every trait, so every question applies. */
function assessed(value: AnswerValue, traits: string[] = pack.traits.map((t) => t.id)) {
  // A yes lists evidence, as a met item needs.
  const answer = value === "yes" ? { answer: value, evidence: ["docs/evidence.md"] } : value;
  const answers = makeAnswers(Object.fromEntries(pack.principles.map((p) => [p.id, Object.fromEntries(p.questions.map((q) => [q.id, answer]))])));
  answers.project.traits = traits;
  return score(pack, answers);
}

const range = (prefix: string, counts: number[]) => counts.flatMap((n, i) => Array.from({ length: n }, (_, j) => `${prefix} ${i + 1}.${j + 1}`));

describe("the built-in crosswalk files", () => {
  it("are the three frameworks, each valid against its schema and the pack (every question id current)", () => {
    expect(frameworkIds(PRINCIPLES, REPO)).toEqual(["eu-ai-act", "iso-42001", "nist-ai-rmf"]);
    for (const id of frameworkIds(PRINCIPLES, REPO)) expect(load(id).framework.id).toBe(id);
  });

  it("list all 72 NIST AI RMF 1.0 subcategories, each once, under its function", () => {
    const c = load("nist-ai-rmf");
    const expected = [...range("GOVERN", [7, 3, 2, 3, 2, 2]), ...range("MAP", [6, 3, 5, 2, 2]), ...range("MEASURE", [3, 13, 3, 3]), ...range("MANAGE", [4, 4, 2, 3])];
    expect(expected).toHaveLength(72);
    expect(c.items.map((i) => i.id)).toEqual(expected);
    for (const i of c.items) expect(i.id.startsWith(`${i.group} `)).toBe(true);
  });

  it("list every paragraph of EU AI Act Articles 9-15, and 27 and 50, with their article and paragraph, and Articles 4, 5, 26, 72 and 73 as a whole", () => {
    const c = load("eu-ai-act");
    expect([...new Set(c.items.map((i) => i.article))]).toEqual([4, 5, 9, 10, 11, 12, 13, 14, 15, 26, 27, 50, 72, 73]);
    const paragraphs = (article: number) => [...new Set(c.items.filter((i) => i.article === article).map((i) => Number(i.paragraph!.split("(")[0])))];
    // Paragraph counts of the Regulation's articles as published (Art. 9 has 10, Art. 10 has 6, ...).
    expect([9, 10, 11, 12, 13, 14, 15, 27, 50].map(paragraphs)).toEqual([10, 6, 3, 3, 3, 5, 5, 5, 7].map((n) => Array.from({ length: n }, (_, i) => i + 1)));
    for (const i of c.items) {
      expect(i.group).toBe(`Art. ${i.article}`);
      if (i.paragraph === null) expect(i.id).toBe(`Art. ${i.article}`);
      else expect(i.id).toBe(`Art. ${i.article}(${i.paragraph.split("(")[0]})${i.paragraph.slice(i.paragraph.split("(")[0]!.length)}`);
    }
    expect(c.items.filter((i) => i.paragraph === null).map((i) => i.id)).toEqual(["Art. 4", "Art. 5", "Art. 26", "Art. 72", "Art. 73"]);
  });

  it("scope the EU AI Act's articles by risk tier and role: 9-15, 72 and 73 high-risk providers, 26 and 27 high-risk deployers", () => {
    const c = load("eu-ai-act");
    for (const i of c.items) {
      const a = i.article!;
      if ((a >= 9 && a <= 15) || a === 72 || a === 73) expect(i.scope, i.id).toEqual({ risk: ["high"], role: ["provider"] });
      else if (a === 26 || a === 27) expect(i.scope, i.id).toEqual({ risk: ["high"], role: ["deployer"] });
      else if (a === 4 || a === 5) expect(i.scope ?? null, i.id).toBeNull();
    }
    expect(c.jurisdictions).toContain("eu");
    expect(c.jurisdictions).toHaveLength(28);
  });

  it("list the 38 control ids of ISO/IEC 42001 Annex A, grouped by clause", () => {
    const c = load("iso-42001");
    expect(c.items).toHaveLength(38);
    expect(new Set(c.items.map((i) => i.id)).size).toBe(38);
    for (const i of c.items) expect(i.id).toMatch(new RegExp(`^${i.group.replace(".", "\\.")}\\.\\d`));
    expect(c.groups.map((g) => g.id)).toEqual(["A.2", "A.3", "A.4", "A.5", "A.6", "A.7", "A.8", "A.9", "A.10"]);
  });

  it("give every mapping a one-line rationale and every item that is not covered a reason", () => {
    for (const id of frameworkIds(PRINCIPLES, REPO)) {
      for (const item of load(id).items) {
        expect(item.questions.length > 0 || (item.notCovered ?? "").length > 0).toBe(true);
        for (const q of item.questions) expect(q.rationale).toMatch(/^[^\n]{10,300}$/);
      }
    }
  });

  it("record for every mapped item whether its questions cover it fully or in part, and what a partial one leaves out", () => {
    for (const id of frameworkIds(PRINCIPLES, REPO)) {
      for (const item of load(id).items.filter((i) => i.notCovered === null)) {
        expect(["full", "partial"]).toContain(item.coverage);
        if (item.coverage === "partial") expect(item.uncovered).toMatch(/^[^\n]{10,400}$/);
      }
    }
  });

  for (const id of ["nist-ai-rmf", "eu-ai-act", "iso-42001"]) {
    it(`${id}: all-yes answers meet every fully covered item and leave partly covered ones partial, all-no leave each a gap, unmapped items stay unmapped`, () => {
      const c = load(id);
      const applying = c.items.filter((i) => i.notCovered === null);
      const full = applying.filter((i) => i.coverage === "full").map((i) => i.id);
      const part = applying.filter((i) => i.coverage === "partial").map((i) => i.id);
      const unmapped = c.items.filter((i) => i.notCovered !== null).map((i) => i.id);
      expect(full.length).toBeGreaterThan(0);
      const yes = coverage(c, assessed("yes"));
      expect(yes.items.filter((i) => i.status === "met").map((i) => i.item.id)).toEqual(full);
      expect(yes.items.filter((i) => i.status === "partial").map((i) => i.item.id)).toEqual(part);
      const no = coverage(c, assessed("no"));
      expect(no.items.filter((i) => i.status === "gap").map((i) => i.item.id)).toEqual(applying.map((i) => i.id));
      for (const result of [yes, no]) expect(result.items.filter((i) => i.status === "unmapped").map((i) => i.item.id)).toEqual(unmapped);
    });
  }
});

// Each mapping a model-risk review found wrong (issue 28): with every question answered yes (with
// evidence) its item used to be met; none of them is met now, and each says why.
describe("the mappings found wrong no longer give their old verdict", () => {
  const yes = (id: string, traits?: string[]) => new Map(coverage(load(id), assessed("yes", traits)).items.map((i) => [i.item.id, i]));
  const nist = yes("nist-ai-rmf");
  const eu = yes("eu-ai-act");
  const iso = yes("iso-42001");
  const mapped = (c: ReturnType<typeof yes>, item: string) => c.get(item)!.questions.map((q) => `${q.principle}/${q.question}`);
  const cases: [string, () => void][] = [
    ["NIST GOVERN 1.5: event-triggered reassessment is not periodic review of the risk process", () => expect(nist.get("GOVERN 1.5")).toMatchObject({ status: "unmapped", reason: expect.stringMatching(/periodic review/) })],
    ["NIST GOVERN 2.2: operator or security training is not AI-risk training", () => expect(nist.get("GOVERN 2.2")).toMatchObject({ status: "unmapped", reason: expect.stringMatching(/AI risk management training/) })],
    ["NIST MAP 5.2: data-handling feedback is not engagement on impacts", () => expect(nist.get("MAP 5.2")!.status).toBe("unmapped")],
    ["NIST MEASURE 2.6: not met for a non-generative system by the fallback question alone", () => {
      const plain = yes("nist-ai-rmf", []).get("MEASURE 2.6")!;
      expect(plain.status).toBe("partial");
      expect(plain.limits.join(" ")).toMatch(/only one of its questions applies/);
      expect(nist.get("MEASURE 2.6")!.status).toBe("partial");
    }],
    ["NIST MEASURE 4.2: reviewing explanations is not validating trustworthiness in deployment", () => {
      expect(mapped(nist, "MEASURE 4.2")).not.toContain("explainability-by-justification/explanations-reviewed-by-experts");
      expect(nist.get("MEASURE 4.2")!.status).toBe("partial");
    }],
    ["NIST MANAGE 2.4: rollback, override and fallback do not deactivate a system", () => expect(nist.get("MANAGE 2.4")).toMatchObject({ status: "partial", item: { uncovered: expect.stringMatching(/deactivating/) } })],
    ["EU 9(2)(b): foreseeable misuse is not asked", () => expect(eu.get("Art. 9(2)(b)")).toMatchObject({ status: "partial", item: { uncovered: expect.stringMatching(/misuse/) } })],
    ["EU 9(5): residual risk is never judged", () => expect(eu.get("Art. 9(5)")).toMatchObject({ status: "partial", item: { uncovered: expect.stringMatching(/residual risk/) } })],
    ["EU 11(1): three questions do not stand for all of Annex IV", () => expect(eu.get("Art. 11(1)")).toMatchObject({ status: "partial", item: { uncovered: expect.stringMatching(/Annex IV/) } })],
    ["EU 15(3): the instructions for use are not asked", () => expect(eu.get("Art. 15(3)")).toMatchObject({ status: "partial", item: { uncovered: expect.stringMatching(/instructions for use/) } })],
    ["EU 15(5): the model supply chain is mapped too", () => expect(mapped(eu, "Art. 15(5)")).toContain("data-risk-awareness/model-supply-chain")],
    ["EU 27(1)(a): the intended-use statement is not a fundamental-rights impact assessment", () => expect(eu.get("Art. 27(1)(a)")).toMatchObject({ status: "partial", item: { uncovered: expect.stringMatching(/fundamental rights impact assessment itself/) } })],
    ["EU 50(1): labelling generated output is not telling people they interact with an AI", () => expect(eu.get("Art. 50(1)")).toMatchObject({ status: "unmapped", reason: expect.stringMatching(/interacting with an AI system is not asked/) })],
    ["ISO A.3.3: user feedback on data handling is not reporting of concerns", () => expect(iso.get("A.3.3")!.status).toBe("unmapped")],
    ["ISO A.5.5: the workforce analysis alone is not societal impact", () => expect(iso.get("A.5.5")).toMatchObject({ status: "partial", item: { uncovered: expect.stringMatching(/beyond work/) } })],
    ["ISO A.6.1.3: a release process is not a responsible design process", () => expect(iso.get("A.6.1.3")!.status).toBe("unmapped")],
    ["ISO A.9.4: writing down the intended use does not ensure it", () => expect(iso.get("A.9.4")).toMatchObject({ status: "partial", item: { uncovered: expect.stringMatching(/used as intended/) } })],
    ["ISO A.7.6: reproducible retraining is not data-preparation criteria", () => {
      expect(mapped(iso, "A.7.6")).not.toContain("reproducible-operations/reproducible-training");
      expect(iso.get("A.7.6")!.status).toBe("partial");
    }],
  ];
  for (const [name, check] of cases) it(name, check);
});

describe("the EU AI Act's dates", () => {
  const note = load("eu-ai-act").framework.note;
  const docs = readFileSync(join(REPO, "docs", "crosswalk.md"), "utf8");
  const section = docs.slice(docs.indexOf("### EU AI Act: when the mapped articles apply"), docs.indexOf("## How an item gets its status"));
  const dates = (text: string) => [...new Set(text.match(/\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/g))];

  it("agree between the mapping file and docs/crosswalk.md, each enacted date with its article", () => {
    expect(dates(note).length).toBeGreaterThanOrEqual(8);
    for (const d of dates(note)) expect(section, d).toContain(d);
    for (const [date, source] of [["2 February 2025", "Art. 113(a)"], ["2 August 2025", "Art. 113(b)"], ["2 August 2026", "Art. 113"], ["2 August 2027", "Art. 113(c)"]]) {
      const row = section.split("\n").find((l) => l.startsWith(`| ${date} |`));
      expect(row, date).toContain(source);
      expect(note).toContain(date);
    }
    expect(note).toMatch(/Annex III/);
    expect(note).toMatch(/Annex I\b/);
  });

  it("call the delay a proposal with its reference, and never say it was agreed", () => {
    for (const text of [note, section]) {
      expect(text).toContain("COM(2025) 836");
      expect(text).toMatch(/[Pp]roposed, not in force/);
      for (const sentence of text.split(/(?<=\.)\s+/)) expect(sentence).not.toMatch(/\bagreed\b|\badopted\b/);
    }
  });
});
