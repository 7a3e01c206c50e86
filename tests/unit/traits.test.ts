import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, findings } from "../../src/core/findings.js";
import { questionApplies, score } from "../../src/core/score.js";
import { InputError, type Diagnostic } from "../../src/errors.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { agreeWithFullParser } from "../helpers/agree.js";
import { makeAnswers, makePack } from "../helpers/builders.js";
import { FIXTURES, withTempDir } from "../helpers/run.js";

const PACK_DIR = join(FIXTURES, "traits-pack");
const pack = loadPack(PACK_DIR, process.cwd(), PACK_DIR);
const file = (name: string, text: string) => ({ file: name, text, bytes: new TextEncoder().encode(text) });
const fixture = (name: string) => readFileSync(join(FIXTURES, "traits-answers", name), "utf8");

/** The diagnostics of loading the traits pack after `edit` changed one of its files. */
function packProblems(name: string, edit: (text: string) => string): Promise<Diagnostic[]> {
  return withTempDir((dir) => {
    cpSync(PACK_DIR, dir, { recursive: true });
    writeFileSync(join(dir, name), edit(readFileSync(join(dir, name), "utf8")));
    try {
      loadPack(dir, dir, dir);
    } catch (error) {
      if (error instanceof InputError) return error.diagnostics;
      throw error;
    }
    throw new Error("the pack loaded");
  });
}

function answerProblems(text: string): Diagnostic[] {
  try {
    parseAnswers(file("a.yaml", text), pack);
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error("the answers loaded");
}

const minimal = (project: string, answers = "") => `version: 1\nproject:\n  name: X\n${project}answers:\n${answers}`;

describe("a pack with traits and retired questions", () => {
  it("loads its traits, each question's applies-to and its retired ids", () => {
    expect(pack.traits.map((t) => t.id)).toEqual(["generative-ai", "third-party-model", "personal-data", "automated-decision"]);
    expect(pack.traits[0]!.description).toMatch(/generates text/);
    const questions = pack.principles.flatMap((p) => p.questions);
    expect(questions.find((q) => q.id === "output-evaluated")!.appliesTo).toEqual(["generative-ai"]);
    expect(questions.find((q) => q.id === "core-one")!.appliesTo).toEqual([]);
    expect(pack.retired).toEqual([
      { id: "alpha/old-access", replacedBy: ["beta/least-privilege"], note: "Merged; access control is asked once, under beta." },
      { id: "alpha/old-double", replacedBy: ["alpha/core-one", "alpha/core-two"], note: "Split into two questions." },
      { id: "beta/dropped", replacedBy: [], note: "No longer asked." },
    ]);
  });

  it("refuses applies-to naming a trait the pack does not declare, at its position, with a suggestion", async () => {
    const problems = await packProblems("alpha.yaml", (t) => t.replace("applies-to: [generative-ai]", "applies-to: [generative-a1]"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 28, column: 18, hint: "did you mean 'generative-ai'?" });
    expect(problems[0]!.message).toMatch(/applies to the trait 'generative-a1', which pack.yaml does not declare/);
  });

  it("refuses applies-to in a pack that declares no traits, saying where to declare them", async () => {
    const problems = await packProblems("pack.yaml", (t) => t.replace(/^traits:[\s\S]*?(?=^retired:)/m, ""));
    expect(problems.map((p) => p.message)).toEqual([
      "question 'output-evaluated' applies to the trait 'generative-ai', which pack.yaml does not declare",
      "question 'vendor-reviewed' applies to the trait 'third-party-model', which pack.yaml does not declare",
      "question 'vendor-reviewed' applies to the trait 'generative-ai', which pack.yaml does not declare",
    ]);
    expect(problems[0]!.hint).toMatch(/declare it under traits: in pack.yaml/);
  });

  it("refuses a malformed retired id and a replacement that is not a question", async () => {
    const malformed = await packProblems("pack.yaml", (t) => t.replace("id: alpha/old-access", "id: old-access"));
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toMatchObject({ line: 26, column: 9 });
    expect(malformed[0]!.message).toMatch(/'retired.0.id' has the wrong form \(found 'old-access'\)/);
    const missing = await packProblems("pack.yaml", (t) => t.replace("replaced-by: [beta/least-privilege]", "replaced-by: [beta/least-privileges]"));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ line: 27, column: 19, hint: "did you mean 'beta/least-privilege'?" });
    expect(missing[0]!.message).toBe("retired 'alpha/old-access' is replaced by 'beta/least-privileges', which is not a question of the pack");
  });

  it("refuses a retired id that is still a question, a retired id listed twice and a trait declared twice", async () => {
    const still = await packProblems("pack.yaml", (t) => t.replace("id: beta/dropped", "id: beta/least-privilege"));
    expect(still.map((p) => p.message)).toEqual(["'beta/least-privilege' is listed as retired but is still a question of the pack"]);
    const twice = await packProblems("pack.yaml", (t) => t.replace("id: beta/dropped", "id: alpha/old-access"));
    expect(twice.map((p) => p.message)).toEqual(["retired id 'alpha/old-access' is listed twice"]);
    const trait = await packProblems("pack.yaml", (t) => t.replace("id: personal-data", "id: generative-ai"));
    expect(trait.map((p) => p.message)).toEqual(["trait 'generative-ai' is declared twice"]);
  });
});

describe("an answers file with traits, intended use and risk", () => {
  it("reads project.traits, intended-use and risk, the same on the fast and the full path", () => {
    const answers = parseAnswers(file("assistant.yaml", fixture("assistant.yaml")), pack);
    expect(answers.project).toMatchObject({ traits: ["third-party-model"], risk: "limited" });
    expect(answers.project.intendedUse).toMatch(/^Drafts replies/);
    expect(agreeWithFullParser(file("assistant.yaml", fixture("assistant.yaml")), pack)).toBe("fast");
  });

  it("refuses a trait the pack does not declare, at the item, with a suggestion (and the fast path stands aside)", () => {
    const text = minimal("  traits: [third-party-model, genAI, personal-dat]\n");
    const problems = answerProblems(text);
    expect(problems.map((p) => [p.line, p.column, p.message, p.hint])).toEqual([
      [4, 31, "unknown trait 'genAI' in project.traits: pack 'traits-demo' does not declare it", expect.stringMatching(/^known traits: generative-ai, third-party-model/)],
      [4, 38, "unknown trait 'personal-dat' in project.traits: pack 'traits-demo' does not declare it", "did you mean 'personal-data'?"],
    ]);
    expect(agreeWithFullParser(file("a.yaml", text), pack)).toBe("slow");
  });

  it("refuses a risk outside the EU AI Act's three levels, suggesting the closest", () => {
    const problems = answerProblems(minimal("  risk: High\n"));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/'project.risk' must be one of minimal, limited, high \(found 'High'\)/);
    expect(problems[0]!.hint).toBe("did you mean 'high'?");
  });

  it("loads answers to retired questions apart from the others, and still refuses unknown ids", () => {
    const answers = parseAnswers(file("old-version.yaml", fixture("old-version.yaml")), pack);
    expect(answers.retired.map((r) => [r.retired.id, r.answer.answer, r.position.line])).toEqual([
      ["alpha/old-access", "partial", 12], ["alpha/old-double", "no", 19], ["beta/dropped", null, 22],
    ]);
    expect(answers.retired[0]!.answer).toMatchObject({ notes: "Production only.", evidence: ["docs/access.md"] });
    expect([...answers.answers.get("alpha")!.keys()]).toEqual(["core-one"]);
    expect(agreeWithFullParser(file("old-version.yaml", fixture("old-version.yaml")), pack)).toBe("slow");
    const unknown = answerProblems(minimal("", "  alpha:\n    old-acces: yes\n"));
    expect(unknown.map((p) => p.message)).toEqual(["unknown question 'old-acces' in principle 'alpha'"]);
  });

  it("accepts a principle no longer in the pack when it holds retired questions only", () => {
    const gonePack = { ...pack, retired: [...pack.retired, { id: "gamma/old-one", replacedBy: [], note: "" }] };
    const answers = parseAnswers(file("a.yaml", minimal("", "  gamma:\n    old-one: yes\n")), gonePack);
    expect(answers.retired.map((r) => r.retired.id)).toEqual(["gamma/old-one"]);
    expect(answers.answers.has("gamma")).toBe(false);
    expect(() => parseAnswers(file("a.yaml", minimal("", "  gamma:\n    other: yes\n")), gonePack)).toThrow(/unknown question 'other' in principle 'gamma'/);
  });
});

describe("scoring with traits", () => {
  const traitPack = makePack([
    { id: "p", questions: [{ id: "always" }, { id: "gen", weight: 2, appliesTo: ["generative-ai"] }, { id: "either", appliesTo: ["generative-ai", "personal-data"] }] },
  ]);
  const withTraits = (traits: string[] | undefined, spec: Parameters<typeof makeAnswers>[0]) => {
    const answers = makeAnswers(spec);
    if (traits) answers.project.traits = traits;
    return answers;
  };

  it("applies a question when the system has one of its traits, and always when it names none", () => {
    const [always, gen, either] = traitPack.principles[0]!.questions as [never, never, never];
    expect([questionApplies(always, []), questionApplies(gen, []), questionApplies(either, ["personal-data"]), questionApplies(gen, ["personal-data"])]).toEqual([true, false, true, false]);
  });

  it("leaves a question that does not apply out of the score and the counts, whatever its answer", () => {
    const p = score(traitPack, withTraits(undefined, { p: { always: "yes", gen: "no" } })).principles[0]!;
    expect(p.questions.map((q) => q.question.id)).toEqual(["always"]);
    expect(p.notApplying.map((q) => [q.question.id, q.answer?.answer ?? null])).toEqual([["gen", "no"], ["either", null]]);
    expect(p.score).toBe(100);
    expect(p.counts).toEqual({ yes: 1, partial: 0, no: 0, na: 0, unanswered: 0 });
  });

  it("scores and asks for it once the system has the trait", () => {
    const a = score(traitPack, withTraits(["generative-ai"], { p: { always: "yes", gen: "no" } }));
    const p = a.principles[0]!;
    expect(p.questions.map((q) => q.question.id)).toEqual(["always", "gen", "either"]);
    expect(p.score).toBe(25); // (1 + 2·0 + 0) / 4
    expect(findings(a, DEFAULT_POLICY, "2026-11-20").map((f) => [f.code, f.question])).toEqual([["UNANSWERED", "either"]]);
  });

  it("warns with DOES_NOT_APPLY for yes, partial or no given to a question that does not apply, but not for n/a or empty", () => {
    const a = score(traitPack, withTraits(["personal-data"], { p: { always: "yes", gen: { answer: "partial" }, either: "yes" } }));
    const found = findings(a, DEFAULT_POLICY, "2026-11-20");
    expect(found.map((f) => [f.code, f.severity, f.principle, f.question])).toEqual([["DOES_NOT_APPLY", "warning", "p", "gen"]]);
    expect(found[0]!.message).toMatch(/p\/gen applies only to systems with the trait generative-ai, which project.traits does not list/);
    const quiet = score(traitPack, withTraits([], { p: { always: "yes", gen: { answer: "n/a", notes: "not generative" }, either: null } }));
    expect(findings(quiet, DEFAULT_POLICY, "2026-11-20")).toEqual([]);
  });
});

describe("findings for retired questions", () => {
  it("warns with RETIRED_QUESTION at each entry, naming where it went, and still passes", () => {
    const answers = parseAnswers(file("old-version.yaml", fixture("old-version.yaml")), pack);
    const a = score(pack, answers);
    const found = findings(a, { ...DEFAULT_POLICY, allowUnanswered: true }, "2026-11-20").filter((f) => f.code === "RETIRED_QUESTION");
    expect(found.map((f) => [f.severity, f.principle, f.question, f.line, f.column])).toEqual([
      ["warning", "alpha", "old-access", 12, 5], ["warning", "alpha", "old-double", 19, 5], ["warning", "beta", "dropped", 22, 5],
    ]);
    expect(found[0]!.message).toMatch(/asked now as beta\/least-privilege; 'rml-assess init --upgrade old-version.yaml' moves the answer there/);
    expect(found[1]!.message).toMatch(/what it asked is now alpha\/core-one, alpha\/core-two; answer each of them, then remove this entry/);
    expect(found[2]!.message).toMatch(/no question replaces it; remove the entry \(No longer asked\.\)/);
    // Not scored: alpha has core-one yes and core-two unanswered, whatever old-double says.
    expect(a.principles[0]!.score).toBe(50);
  });

  it("says to merge by hand, not to run init --upgrade, when the replacement is answered already", () => {
    const text = fixture("old-version.yaml").replace(/least-privilege:\s*$/, "least-privilege: yes\n");
    const a = score(pack, parseAnswers(file("old-version.yaml", text), pack));
    const found = findings(a, { ...DEFAULT_POLICY, allowUnanswered: true }, "2026-11-20").find((f) => f.question === "old-access")!;
    expect(found.message).toMatch(/asked now as beta\/least-privilege; that question has an answer already: merge this one into it by hand, then remove this entry/);
    expect(found.message).not.toMatch(/init --upgrade/);
  });
});
