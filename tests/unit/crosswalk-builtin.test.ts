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
function assessed(value: AnswerValue) {
  const answers = makeAnswers(Object.fromEntries(pack.principles.map((p) => [p.id, Object.fromEntries(p.questions.map((q) => [q.id, value]))])));
  answers.project.traits = pack.traits.map((t) => t.id);
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

  it("list every paragraph of EU AI Act Articles 9-15, and 27 and 50, with their article and paragraph", () => {
    const c = load("eu-ai-act");
    expect([...new Set(c.items.map((i) => i.article))]).toEqual([9, 10, 11, 12, 13, 14, 15, 27, 50]);
    const paragraphs = (article: number) => [...new Set(c.items.filter((i) => i.article === article).map((i) => Number(i.paragraph!.split("(")[0])))];
    // Paragraph counts of the Regulation's articles as published (Art. 9 has 10, Art. 10 has 6, ...).
    expect([9, 10, 11, 12, 13, 14, 15, 27, 50].map(paragraphs)).toEqual([10, 6, 3, 3, 3, 5, 5, 5, 7].map((n) => Array.from({ length: n }, (_, i) => i + 1)));
    for (const i of c.items) {
      expect(i.group).toBe(`Art. ${i.article}`);
      expect(i.id).toBe(`Art. ${i.article}(${i.paragraph!.split("(")[0]})${i.paragraph!.slice(i.paragraph!.split("(")[0]!.length)}`);
    }
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

  for (const id of ["nist-ai-rmf", "eu-ai-act", "iso-42001"]) {
    it(`${id}: all-yes answers meet every mapped item, all-no leave each a gap, unmapped items stay unmapped`, () => {
      const c = load(id);
      const mapped = c.items.filter((i) => i.notCovered === null).map((i) => i.id);
      const unmapped = c.items.filter((i) => i.notCovered !== null).map((i) => i.id);
      expect(mapped.length).toBeGreaterThan(0);
      for (const [value, status] of [["yes", "met"], ["no", "gap"]] as const) {
        const result = coverage(c, assessed(value));
        expect(result.items.filter((i) => i.status === status).map((i) => i.item.id)).toEqual(mapped);
        expect(result.items.filter((i) => i.status === "unmapped").map((i) => i.item.id)).toEqual(unmapped);
      }
    });
  }
});
