import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, UsageError } from "../../src/errors.js";
import { frameworkIds, loadCrosswalk } from "../../src/load/crosswalk.js";
import { loadPack } from "../../src/load/pack.js";
import { FIXTURES, withTempDir } from "../helpers/run.js";

const PACK_DIR = join(FIXTURES, "crosswalk-pack");
const pack = loadPack(PACK_DIR, FIXTURES, PACK_DIR);

const HEAD = `framework:
  id: broken
  title: Broken
  version: "1"
  source: https://example.org/broken
  reuse: For tests.
`;

/** Loads `text` as crosswalk/broken.yaml of a copy of the fixture pack; returns its problems as `line:column message (hint)`. */
function problems(text: string): Promise<string[]> {
  return withTempDir((dir) => {
    cpSync(PACK_DIR, dir, { recursive: true });
    mkdirSync(join(dir, "crosswalk"), { recursive: true });
    writeFileSync(join(dir, "crosswalk", "broken.yaml"), text);
    try {
      loadCrosswalk(dir, "broken", pack, dir);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return error.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}${d.hint ? ` (${d.hint})` : ""}`);
    }
    return [];
  });
}

describe("crosswalk files", () => {
  it("loads a valid file with its items, groups and mapped questions", () => {
    const c = loadCrosswalk(PACK_DIR, "demo-framework", pack, FIXTURES);
    expect(c.framework.id).toBe("demo-framework");
    expect(c.groups.map((g) => g.id)).toEqual(["G1", "G2"]);
    expect(c.items.map((i) => i.id)).toEqual(["D-1", "D-2", "D-3", "D-4", "D-5"]);
    expect(c.items[0]!.questions[0]).toEqual({ principle: "alpha", question: "core-one", rationale: "Core one is the first half of the core work." });
    expect(c.items[3]!.notCovered).toBe("the demo pack has no question about it");
    expect(c.file).toBe(join("crosswalk-pack", "crosswalk", "demo-framework.yaml"));
  });

  it("lists the frameworks of a pack directory, and none for a pack without crosswalk/", () => {
    expect(frameworkIds(PACK_DIR, FIXTURES)).toEqual(["demo-framework", "second-framework"]);
    expect(frameworkIds(join(FIXTURES, "traits-pack"), FIXTURES)).toEqual([]);
  });

  it("refuses an unknown framework as a usage error with a suggestion", () => {
    expect(() => loadCrosswalk(PACK_DIR, "demo-framwork", pack, FIXTURES)).toThrow(UsageError);
    try {
      loadCrosswalk(PACK_DIR, "demo-framwork", pack, FIXTURES);
    } catch (error) {
      expect((error as UsageError).hint).toBe("did you mean 'demo-framework'?");
    }
  });

  it("rejects schema problems at their positions", async () => {
    const found = await problems(`${HEAD}  colour: red
items:
  - id: X-1
    titel: Misspelt
    questions:
      - id: alpha/core-one
`);
    expect(found).toEqual([
      expect.stringMatching(/broken\.yaml:7:3 unknown key 'colour' in 'framework'/),
      expect.stringMatching(/broken\.yaml:9:5 'items\.0' is missing the required key 'title'/),
      expect.stringMatching(/broken\.yaml:10:5 unknown key 'titel' in 'items\.0' \(did you mean 'title'\?\)/),
      expect.stringMatching(/broken\.yaml:12:9 'items\.0\.questions\.0' is missing the required key 'rationale'/),
    ]);
  });

  it("rejects a source that is not an https URL and an id with the wrong form", async () => {
    const found = await problems(HEAD.replace("https://example.org/broken", "ftp://example.org").replace("id: broken", "id: Broken Id") + "items:\n  - { id: X, title: T, not-covered: none }\n");
    expect(found).toEqual([expect.stringMatching(/:2:7 'framework\.id' has the wrong form/), expect.stringMatching(/:5:11 'framework\.source' has the wrong form/)]);
  });

  it("flags unknown and retired question ids, with a suggestion or the replacement", async () => {
    const found = await problems(`${HEAD}items:
  - id: X-1
    title: T
    questions:
      - { id: alpha/core-on, rationale: r }
      - { id: alpha/old-access, rationale: r }
      - { id: beta/dropped, rationale: r }
`);
    expect(found).toEqual([
      expect.stringMatching(/:8:5 item 'X-1' maps questions but does not say how far they cover it \(add coverage: full when yes to all of them would evidence the whole item, else coverage: partial with uncovered: saying what they do not ask\)/),
      expect.stringMatching(/:11:15 'alpha\/core-on' is not a question of the pack 'traits-demo' \(did you mean 'alpha\/core-one'\?\)/),
      expect.stringMatching(/:12:15 question 'alpha\/old-access' is retired in traits-demo 1\.1\.0 \(map beta\/least-privilege instead\)/),
      expect.stringMatching(/:13:15 question 'beta\/dropped' is retired .*\(no question replaces it; remove the mapping\)/),
    ]);
  });

  it("checks what the schema cannot: the id, repeated items and questions, groups, questions or not-covered", async () => {
    const found = await problems(`${HEAD.replace("id: broken", "id: other")}groups:
  - { id: G1, title: One }
items:
  - id: X-1
    title: T
    group: G2
    questions:
      - { id: alpha/core-one, rationale: r }
      - { id: alpha/core-one, rationale: again }
  - id: X-1
    title: Twice
    not-covered: nothing
    questions:
      - { id: alpha/core-two, rationale: r }
  - id: X-2
    title: Neither
`);
    expect(found).toEqual([
      expect.stringMatching(/:2:7 framework id 'other' does not match the file name 'broken\.yaml'/),
      expect.stringMatching(/:10:5 item 'X-1' maps questions but does not say how far they cover it/),
      expect.stringMatching(/:12:12 item 'X-1' names the group 'G2', which groups: does not list \(did you mean 'G1'\?\)/),
      expect.stringMatching(/:15:15 question 'alpha\/core-one' is mapped twice to item 'X-1'/),
      expect.stringMatching(/:16:5 item 'X-1' needs either questions: or not-covered:, not both/),
      expect.stringMatching(/:16:9 item 'X-1' is listed twice/),
      expect.stringMatching(/:21:5 item 'X-2' needs either questions: or not-covered:, and has neither/),
    ]);
  });

  it("needs coverage partial to say what is not asked, and uncovered or coverage only where they mean something", async () => {
    const found = await problems(`${HEAD}items:
  - id: X-1
    title: T
    coverage: partial
    questions:
      - { id: alpha/core-one, rationale: r }
  - id: X-2
    title: T
    coverage: full
    uncovered: misuse
    questions:
      - { id: alpha/core-one, rationale: r }
  - id: X-3
    title: T
    coverage: full
    not-covered: nothing asks it
`);
    expect(found).toEqual([
      expect.stringMatching(/:10:15 item 'X-1' is covered only in part but does not say what is not asked \(add uncovered: /),
      expect.stringMatching(/:16:16 item 'X-2' says what is uncovered, but its coverage is full/),
      expect.stringMatching(/:21:15 item 'X-3' is not covered, so it has no coverage/),
    ]);
  });

  it("reports YAML syntax errors and an empty file at their positions", async () => {
    expect(await problems(`${HEAD}items: [\n`)).toEqual([expect.stringMatching(/:7:8 YAML syntax/)]);
    expect(await problems("")).toEqual([expect.stringMatching(/:1:1 the file is empty/)]);
  });
});
