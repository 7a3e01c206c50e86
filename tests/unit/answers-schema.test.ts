import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { EDITOR_KEYWORDS, type JsonSchema } from "../../src/core/answers-schema.js";
import type { Pack } from "../../src/core/types.js";
import { schemaJson } from "../../src/formats/schema-json.js";
import { loadPack } from "../../src/load/pack.js";
import { EXAMPLES, FIXTURES, REPO } from "../helpers/run.js";

const GENERIC = JSON.parse(readFileSync(join(REPO, "schema", "answers.schema.json"), "utf8")) as JsonSchema;
const BUILT_IN: Record<string, Pack> = {
  "responsible-ml": loadPack(join(REPO, "principles"), REPO, "built-in"),
  mltrl: loadPack(join(REPO, "packs", "mltrl"), REPO, "built-in"),
};
const TRAITS_DIR = join(FIXTURES, "traits-pack");
const traitsPack = loadPack(TRAITS_DIR, REPO, TRAITS_DIR);

/** A draft-07 validator (ajv's default draft, strict: unknown keywords refused but the editors' annotations). */
function validatorOf(schema: JsonSchema): ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  return ajv.compile(schema);
}
const schemaOf = (pack: Pack) => JSON.parse(schemaJson(pack, GENERIC)) as JsonSchema;
const validators = Object.fromEntries(Object.entries(BUILT_IN).map(([id, pack]) => [id, validatorOf(schemaOf(pack))]));

/** The errors of `data` against a validator, as "path: message" lines. */
function errorsOf(validate: ValidateFunction, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath}: ${e.message}`);
}

const MINIMAL = { version: 1, project: { name: "Card fraud scoring" } };
const withAnswers = (answers: unknown, extra: object = {}) => ({ ...MINIMAL, ...extra, answers });

describe("the built-in packs' answers schemas (schema/answers/)", () => {
  it.each(Object.keys(BUILT_IN))("%s: the committed file is what the pack generates", (id) => {
    expect(readFileSync(join(REPO, "schema", "answers", `${id}.schema.json`), "utf8"), "run 'npm run build' and commit schema/answers/").toBe(schemaJson(BUILT_IN[id]!, GENERIC));
  });

  it.each(Object.keys(BUILT_IN))("%s: is a valid draft-07 schema with only the editors' annotations beyond it", (id) => {
    const schema = schemaOf(BUILT_IN[id]!);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(() => validatorOf(schema)).not.toThrow();
    // ajv in strict mode refuses unknown keywords: without the three annotations it must fail.
    expect(() => new Ajv({ strict: true, allowUnionTypes: true }).compile(schema)).toThrow(/unknown keyword: "(markdownDescription|enumDescriptions|deprecationMessage)"/);
  });

  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml"));
  it.each(examples)("examples/%s validates against its pack's schema, which its header names", (name) => {
    const text = readFileSync(join(EXAMPLES, name), "utf8");
    const data = parse(text) as { pack?: string };
    const id = data.pack ?? "responsible-ml";
    expect(errorsOf(validators[id]!, data)).toEqual([]);
    const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text.split("\n")[0]!)?.[1];
    expect(ref && resolve(dirname(join(EXAMPLES, name)), ref)).toBe(join(REPO, "schema", "answers", `${id}.schema.json`));
  });

  it("accepts the fixtures that check reads as valid", () => {
    for (const dir of ["complete-assessment", "partial-assessment"]) {
      const data = parse(readFileSync(join(FIXTURES, dir, "rml-assessment.yaml"), "utf8"));
      expect(errorsOf(validators["responsible-ml"]!, data), dir).toEqual([]);
    }
  });

  it("refuses a misspelt principle id or question id, which the generic schema accepts", () => {
    const generic = validatorOf(GENERIC);
    const typoPrinciple = withAnswers({ "human-augmentaton": { "impact-of-errors": "yes" } });
    const typoQuestion = withAnswers({ "human-augmentation": { "impact-of-error": "yes" } });
    const wrongPrinciple = withAnswers({ "bias-evaluation": { "impact-of-errors": "yes" } });
    for (const data of [typoPrinciple, typoQuestion, wrongPrinciple]) {
      expect(errorsOf(generic, data)).toEqual([]);
      expect(errorsOf(validators["responsible-ml"]!, data)).toEqual([expect.stringMatching(/must NOT have additional properties$/)]);
    }
    expect(errorsOf(validators["responsible-ml"]!, withAnswers({ "human-augmentation": { "impact-of-errors": "yes" } }))).toEqual([]);
  });

  it("accepts a retired id, marked deprecated with a description naming its replacement", () => {
    expect(errorsOf(validators["responsible-ml"]!, withAnswers({ "human-augmentation": { "review-before-full-automation": { answer: "yes", notes: "x" } } }))).toEqual([]);
    const schema = schemaOf(BUILT_IN["responsible-ml"]!);
    const retired = (((schema.properties as JsonSchema).answers as JsonSchema).properties as Record<string, JsonSchema>)["data-risk-awareness"]!.properties as Record<string, JsonSchema>;
    expect(retired.encryption).toMatchObject({ deprecated: true, deprecationMessage: expect.stringContaining("data-risk-awareness/encryption-in-transit and data-risk-awareness/encryption-at-rest") });
  });

  it("refuses answer values, traits, risk, status and a pack id that check refuses", () => {
    const v = validators["responsible-ml"]!;
    expect(errorsOf(v, withAnswers({ "human-augmentation": { "impact-of-errors": "Yes" } }))).not.toEqual([]);
    expect(errorsOf(v, withAnswers({ "human-augmentation": { "impact-of-errors": { answer: "maybe" } } }))).not.toEqual([]);
    expect(errorsOf(v, withAnswers({}, { project: { name: "x", traits: ["generative-AI"] } }))).toEqual(["/project/traits/0: must be equal to one of the allowed values"]);
    expect(errorsOf(v, withAnswers({}, { project: { name: "x", traits: ["generative-ai", "personal-data"], risk: "high" }, status: "final" }))).toEqual([]);
    expect(errorsOf(v, withAnswers({}, { project: { name: "x", risk: "severe" } }))).not.toEqual([]);
    expect(errorsOf(v, withAnswers({}, { pack: "mltrl" }))).toEqual(["/pack: must be equal to constant"]);
    expect(errorsOf(v, withAnswers({}, { pack: "responsible-ml" }))).toEqual([]);
  });

  it("mltrl: levels as sections, and claimed-level and history levels among the pack's levels", () => {
    const v = validators.mltrl!;
    expect(errorsOf(v, withAnswers({ "first-principles": { "problem-stated": "yes" } }, { pack: "mltrl", "claimed-level": 9 }))).toEqual([]);
    expect(errorsOf(v, withAnswers({ "first-principle": { "problem-stated": "yes" } }, { pack: "mltrl" }))).not.toEqual([]);
    expect(errorsOf(v, withAnswers({}, { pack: "mltrl", "claimed-level": 10 }))).toEqual(["/claimed-level: must be equal to one of the allowed values"]);
    expect(errorsOf(v, withAnswers({}, { pack: "mltrl", history: [{ level: 11, date: "2026-01-01", kind: "advance" }] }))).toEqual(["/history/0/level: must be equal to one of the allowed values"]);
    const claimed = ((schemaOf(BUILT_IN.mltrl!).properties as JsonSchema)["claimed-level"]) as JsonSchema;
    expect(claimed.enum).toEqual(BUILT_IN.mltrl!.principles.map((p) => p.number));
    expect((claimed.enumDescriptions as string[])[0]).toBe("Level 0: First principles (research).");
  });
});

describe("the answers schema of a custom pack", () => {
  const schema = schemaOf(traitsPack);
  const answers = ((schema.properties as JsonSchema).answers as JsonSchema).properties as Record<string, JsonSchema>;

  it("has its principles and question ids, retired ones deprecated, trait-gated ones said so", () => {
    expect(Object.keys(answers)).toEqual(["alpha", "beta"]);
    expect(Object.keys(answers.alpha!.properties as object)).toEqual(["core-one", "core-two", "output-evaluated", "old-access", "old-double"]);
    const alpha = answers.alpha!.properties as Record<string, JsonSchema>;
    expect(alpha["output-evaluated"]!.description).toMatch(/\(Applies only to systems whose project\.traits lists generative-ai; otherwise leave it empty\.\)$/);
    expect(alpha["old-access"]).toMatchObject({ deprecated: true, deprecationMessage: expect.stringMatching(/^Retired in traits-demo 1\.1\.0\. It is asked now as beta\/least-privilege\./) });
    expect((answers.beta!.properties as Record<string, JsonSchema>).dropped!.deprecationMessage).toMatch(/No question replaces it\./);
    const v = validatorOf(schema);
    expect(errorsOf(v, withAnswers({ alpha: { "old-access": "yes", "core-one": "no" } }))).toEqual([]);
    expect(errorsOf(v, withAnswers({ alpha: { "core-three": "no" } }))).not.toEqual([]);
  });

  it("escapes pack text: markdown and HTML stay text in a hover, controls and direction overrides are dropped", () => {
    const hostile: Pack = structuredClone(traitsPack);
    const q = hostile.principles[0]!.questions[0]!;
    q.text = "Is <img src=x onerror=alert(1)> [a link](javascript:alert(1)) **bold** \u202eevil\u001b[2K?";
    q.guidance = "line one\nline two | `code`";
    const entry = (((JSON.parse(schemaJson(hostile, GENERIC)) as JsonSchema).properties as JsonSchema).answers as JsonSchema).properties as Record<string, JsonSchema>;
    const question = (entry.alpha!.properties as Record<string, JsonSchema>)[q.id]!;
    const md = question.markdownDescription as string;
    expect(md).not.toMatch(/<img|(?<!\\)\]\(|\u202e|\u001b/);
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt; \\[a link\\](javascript:alert(1)) \\*\\*bold\\*\\*");
    expect(md).toContain("line one line two \\| \\`code\\`");
    expect(question.description).toBe("Is <img src=x onerror=alert(1)> [a link](javascript:alert(1)) **bold** evil?");
  });

  it("has an empty traits list only, for a pack that declares no traits", () => {
    const plain: Pack = { ...structuredClone(traitsPack), traits: [] };
    const v = validatorOf(schemaOf(plain));
    expect(errorsOf(v, withAnswers({}, { project: { name: "x", traits: [] } }))).toEqual([]);
    expect(errorsOf(v, withAnswers({}, { project: { name: "x", traits: ["generative-ai"] } }))).toEqual(["/project/traits: must NOT have more than 0 items"]);
  });

  it("leaves the generic schema it is built from unchanged", () => {
    const before = JSON.stringify(GENERIC);
    schemaOf(traitsPack);
    expect(JSON.stringify(GENERIC)).toBe(before);
  });
});
