import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, type Diagnostic } from "../../src/errors.js";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { REPO, withTempDir } from "../helpers/run.js";

const IDS = ["human-augmentation", "bias-evaluation", "explainability-by-justification", "reproducible-operations", "displacement-strategy", "practical-accuracy", "trust-by-privacy", "data-risk-awareness"];

describe("the built-in pack", () => {
  const pack = loadPack(BUILTIN_PACK_DIR, process.cwd(), "built-in");

  it("has the eight principles in order, each with cited questions", () => {
    expect(pack.id).toBe("responsible-ml");
    expect(pack.principles.map((p) => p.id)).toEqual(IDS);
    expect(pack.principles.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const p of pack.principles) {
      // How many apply to every system is checked against the YAML in traceability.test.ts.
      expect(p.questions.length).toBeGreaterThanOrEqual(5);
      expect(p.commitment?.text).toMatch(/^I commit to .+\.$/);
      for (const q of p.questions) expect(q.refs.length).toBeGreaterThan(0);
    }
  });

  it("quotes the commitments exactly as the principles page states them", () => {
    const page = readFileSync(join(REPO, "tests", "fixtures", "principles-page", "commitments.txt"), "utf8");
    const quoted = page.split("\n").filter((line) => line.startsWith("I commit to"));
    expect(quoted).toHaveLength(16);
    for (const p of pack.principles) expect(quoted).toContain(p.commitment?.text);
  });

  it("accounts for every MLMM item in the traceability table", () => {
    const table = readFileSync(join(BUILTIN_PACK_DIR, "README.md"), "utf8");
    const sizes = [9, 7, 5, 13, 8, 6, 7, 8];
    sizes.forEach((n, i) => {
      for (let k = 1; k <= n; k++) expect(table, `MLMM ${i + 1}.${k}`).toMatch(new RegExp(`\\|\\s*(MLMM )?${i + 1}\\.${k}\\s*\\|`));
    });
  });

  it("has a stable fingerprint over its files", () => {
    expect(pack.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(loadPack(BUILTIN_PACK_DIR, process.cwd(), "built-in").fingerprint).toBe(pack.fingerprint);
  });
});

/** Copies the built-in pack, lets the test break one file, and returns every diagnostic. */
function brokenPack(edit: (dir: string) => void): Promise<Diagnostic[]> {
  return withTempDir((dir) => {
    cpSync(BUILTIN_PACK_DIR, dir, { recursive: true });
    edit(dir);
    try {
      loadPack(dir, dir, dir);
    } catch (error) {
      if (error instanceof InputError) return error.diagnostics;
      throw error;
    }
    throw new Error("expected the pack to be rejected");
  });
}

function replaceIn(dir: string, file: string, from: string | RegExp, to: string) {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture edit did not apply to ${file}`);
  writeFileSync(path, next);
}

describe("a broken pack", () => {
  it("names a principle file that is missing, at its line in pack.yaml", async () => {
    const [d] = await brokenPack((dir) => rmSync(join(dir, "trust-by-privacy.yaml")));
    expect(d).toMatchObject({ file: "pack.yaml", message: expect.stringMatching(/trust-by-privacy.yaml does not exist/) });
    expect(d!.line).toBe(readFileSync(join(BUILTIN_PACK_DIR, "pack.yaml"), "utf8").split("\n").findIndex((l) => l.includes("- trust-by-privacy")) + 1);
  });

  it("reports a question missing a required key", async () => {
    const list = await brokenPack((dir) => replaceIn(dir, "bias-evaluation.yaml", /\n    red-flag:/, "\n    red-flg:"));
    expect(list.map((d) => d.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/'questions.0' is missing the required key 'red-flag'/),
      expect.stringMatching(/unknown key 'red-flg'/),
    ]));
    expect(list.every((d) => d.file === "bias-evaluation.yaml")).toBe(true);
  });

  it("reports a duplicate question id", async () => {
    const list = await brokenPack((dir) => replaceIn(dir, "human-augmentation.yaml", "id: human-review-decision", "id: impact-of-errors"));
    expect(list[0]!.message).toMatch(/question id 'impact-of-errors' is used twice/);
  });

  it("reports an id that does not match its file name", async () => {
    const list = await brokenPack((dir) => replaceIn(dir, "practical-accuracy.yaml", /^id: practical-accuracy/m, "id: accuracy"));
    expect(list[0]).toMatchObject({ file: "practical-accuracy.yaml", message: expect.stringMatching(/does not match the file name/) });
  });

  it("reports problems in several files at once", async () => {
    const list = await brokenPack((dir) => {
      replaceIn(dir, "pack.yaml", /^version: .*$/m, "version: one");
      replaceIn(dir, "human-augmentation.yaml", /^number: 1/m, "number: first");
    });
    // pack.yaml is read first; its schema error stops before principles, so fix it and look again.
    expect(list.map((d) => d.file)).toEqual(["pack.yaml"]);
    expect(list[0]!.message).toMatch(/'version' has the wrong form/);
  });

  it("reports bands that do not rise", async () => {
    const list = await brokenPack((dir) => replaceIn(dir, "pack.yaml", "{ min: 50, label: Established }", "{ min: 20, label: Established }"));
    expect(list[0]!.message).toMatch(/bands must rise/);
  });

  it("says when the directory is not a pack", async () => {
    const list = await brokenPack((dir) => rmSync(join(dir, "pack.yaml")));
    expect(list[0]!.message).toBe("no such file");
    expect(list[0]!.hint).toMatch(/pack.yaml/);
  });
});

describe("a level pack's folder", () => {
  const MLTRL = join(REPO, "packs", "mltrl");
  /** Copies the MLTRL pack and edits its pack.yaml. */
  const edited = (edit: (text: string) => string) => withTempDir((dir) => {
    cpSync(MLTRL, dir, { recursive: true });
    writeFileSync(join(dir, "pack.yaml"), edit(readFileSync(join(dir, "pack.yaml"), "utf8")));
    try {
      return { pack: loadPack(dir, dir, dir), problems: [] as string[] };
    } catch (error) {
      if (error instanceof InputError) return { pack: null, problems: error.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`) };
      throw error;
    }
  });

  it("lists its sections under levels:, and the TRL card's topics come from its card-topics", () => {
    const pack = loadPack(MLTRL, REPO, "built-in");
    expect(readFileSync(join(MLTRL, "pack.yaml"), "utf8")).toMatch(/^levels:$/m);
    expect(pack.principles.map((p) => p.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pack.cardTopics?.map((t) => t.title)).toEqual(["What is tested, and what is not", "Data considerations", "Ethics checklist", "Requirements and V&V", "Coupled components"]);
  });

  it("still reads principles: in a level pack written before levels: existed", async () => {
    const { pack } = await edited((t) => t.replace(/^levels:$/m, "principles:"));
    expect(pack?.principles).toHaveLength(10);
  });

  it("rejects both lists, neither list, levels: in a weighted pack, and a card topic naming no question of the pack", async () => {
    expect((await edited((t) => t.replace(/^levels:$/m, "principles: [first-principles]\nlevels:"))).problems).toEqual([expect.stringMatching(/both principles: and levels:/)]);
    expect((await edited((t) => t.replace(/^levels:$/m, "unlisted:").replace(/^unlisted:\n(  - .*\n)+/m, ""))).problems).toEqual([expect.stringMatching(/^1:1 pack.yaml lists no sections/)]);
    expect((await edited((t) => t.replace(/^scoring: levels$/m, "scoring: weighted"))).problems).toContainEqual(expect.stringMatching(/levels: lists the sections of a level pack, but this pack scores by weight/));
    const typo = await edited((t) => t.replace("[first-principles/data-readiness-noted,", "[first-principles/data-readyness-noted,"));
    expect(typo.problems).toEqual([expect.stringMatching(/^\d+:\d+ card topic 'Data considerations' names 'first-principles\/data-readyness-noted', which is not a question of this pack$/)]);
  });
});
