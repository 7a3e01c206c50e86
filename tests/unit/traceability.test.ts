import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";

/**
 * Holds principles/README.md to the built-in pack's own files: the traceability tables, the
 * overview table and the trait table must say exactly what the questions' refs, weights and
 * applies-to say. The YAML is read directly, so the test does not depend on what the loader keeps.
 */

interface RawQuestion { id: string; refs: string[]; weight?: number; "applies-to"?: string[] }
interface RawPrinciple { id: string; questions: RawQuestion[] }
interface RawPack { principles: string[]; traits?: { id: string; description: string }[]; retired?: { id: string; "replaced-by"?: string[]; note?: string }[] }

const pack = parse(readFileSync(join(BUILTIN_PACK_DIR, "pack.yaml"), "utf8")) as RawPack;
const principles = pack.principles.map((id) => parse(readFileSync(join(BUILTIN_PACK_DIR, `${id}.yaml`), "utf8")) as RawPrinciple);
const questions = principles.flatMap((p) => p.questions.map((q) => ({ key: `${p.id}/${q.id}`, principle: p.id, ...q })));
const readme = readFileSync(join(BUILTIN_PACK_DIR, "README.md"), "utf8");

/** The lines of one `##`/`###` section of the README, up to the next heading of any level. */
function section(heading: string): string[] {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => l.replace(/^#+ /, "") === heading);
  if (start < 0) throw new Error(`no section "${heading}" in principles/README.md`);
  const end = lines.findIndex((l, i) => i > start && /^#{2,3} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Table rows of a section as arrays of trimmed cells, header and separator left out. */
function rows(heading: string): string[][] {
  return section(heading)
    .filter((l) => l.startsWith("|"))
    .slice(2)
    .map((l) => l.slice(1, -1).split("|").map((c) => c.trim()));
}

const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const MLMM_SIZES = [9, 7, 5, 13, 8, 6, 7, 8];
const MLMM_ITEMS = MLMM_SIZES.flatMap((n, i) => Array.from({ length: n }, (_, k) => `${i + 1}.${k + 1}`));

describe("the pack's references", () => {
  it("cite only the documented sources, in the documented keys", () => {
    const key = /^(RML [1-8]|MLMM \d\.\d{1,2}|deon [A-E]\.[1-5]|ML Test Score (Data|Model|Infrastructure|Monitor) [1-7]|EU AI Act Art\. \d{1,3}(\(\d{1,2}\)(\([a-z]\))?)?|NIST AI RMF (GOVERN|MAP|MEASURE|MANAGE) \d\.\d{1,2})$/;
    for (const q of questions) for (const ref of q.refs) expect(ref, q.key).toMatch(key);
    for (const q of questions) expect(new Set(q.refs).size, `${q.key} repeats a ref`).toBe(q.refs.length);
  });

  it("cite only MLMM items that exist", () => {
    for (const q of questions) for (const ref of q.refs.filter((r) => r.startsWith("MLMM "))) expect(MLMM_ITEMS, q.key).toContain(ref.slice(5));
  });
});

describe("the traceability table in principles/README.md", () => {
  const table = new Map(rows("Traceability: MLMM items to questions").map((cells) => [cells[0]!, cells]));

  it("has one row per MLMM item, in order", () => {
    expect([...table.keys()]).toEqual(MLMM_ITEMS);
  });

  it("lists for each item exactly the questions whose refs cite it", () => {
    for (const item of MLMM_ITEMS) {
      const cited = questions.filter((q) => q.refs.includes(`MLMM ${item}`)).map((q) => q.key).sort();
      const listed = ticked(table.get(item)![2]!).sort();
      expect(listed, `MLMM ${item}`).toEqual(cited);
    }
  });

  it("gives a reason for every item that no question cites", () => {
    for (const item of MLMM_ITEMS) {
      const [, , covered, note] = table.get(item)!;
      if (ticked(covered!).length === 0) {
        expect(covered, `MLMM ${item}`).toBe("set aside");
        expect(note!.length, `MLMM ${item} needs a reason`).toBeGreaterThan(20);
      }
    }
  });

  it("lists every question without an MLMM ref, with exactly its refs", () => {
    const listed = rows("Questions with no MLMM counterpart").map(([q, sources]) => [ticked(q!)[0], sources!.split(", ").sort()]);
    const expected = questions.filter((q) => !q.refs.some((r) => r.startsWith("MLMM "))).map((q) => [q.key, [...q.refs].sort()]);
    expect(listed).toEqual(expected);
  });
});

describe("the overview tables in principles/README.md", () => {
  it("count each principle's questions and name its weight-2 questions", () => {
    const table = rows("The principles and their questions").filter((cells) => /^\d$/.test(cells[0]!));
    expect(table.map((cells) => ticked(cells[2]!)[0])).toEqual(pack.principles.map((id) => `${id}.yaml`));
    principles.forEach((p, i) => {
      const [, , , always, withTrait, weighted] = table[i]!;
      expect(Number(always), p.id).toBe(p.questions.filter((q) => !q["applies-to"]).length);
      expect(Number(withTrait), p.id).toBe(p.questions.filter((q) => q["applies-to"]).length);
      expect(ticked(weighted!).sort(), p.id).toEqual(p.questions.filter((q) => q.weight === 2).map((q) => q.id).sort());
    });
  });

  it("list the questions behind each trait", () => {
    const table = rows("Traits: questions that apply only where they fit");
    expect(table.map((cells) => ticked(cells[0]!)[0])).toEqual((pack.traits ?? []).map((t) => t.id));
    for (const cells of table) {
      const trait = ticked(cells[0]!)[0]!;
      const expected = questions.filter((q) => q["applies-to"]?.includes(trait)).map((q) => q.key).sort();
      expect(ticked(cells[2]!).sort(), trait).toEqual(expected);
    }
  });
});

describe("the pack's traits and retired ids", () => {
  const traits = new Set((pack.traits ?? []).map((t) => t.id));

  it("declares at least the four traits the issue names, each used by a question", () => {
    for (const id of ["generative-ai", "third-party-model", "personal-data", "automated-decision"]) {
      expect(traits).toContain(id);
      expect(questions.some((q) => q["applies-to"]?.includes(id)), id).toBe(true);
    }
  });

  it("lets questions apply only to declared traits, and keeps 5 to 12 questions per principle for every system", () => {
    for (const q of questions) for (const t of q["applies-to"] ?? []) expect(traits, q.key).toContain(t);
    for (const p of principles) {
      const always = p.questions.filter((q) => !q["applies-to"]).length;
      expect(always, p.id).toBeGreaterThanOrEqual(5);
      expect(always, p.id).toBeLessThanOrEqual(12);
    }
  });

  it("retires only ids that no longer exist, each pointing at current questions", () => {
    const current = new Set(questions.map((q) => q.key));
    for (const r of pack.retired ?? []) {
      expect(current.has(r.id), r.id).toBe(false);
      for (const to of r["replaced-by"] ?? []) expect(current.has(to), `${r.id} -> ${to}`).toBe(true);
    }
    const listed = rows("Retired ids").map(([from, to]) => [ticked(from!)[0], ticked(to!).sort()]);
    expect(listed).toEqual((pack.retired ?? []).map((r) => [r.id, [...(r["replaced-by"] ?? [])].sort()]));
  });
});
