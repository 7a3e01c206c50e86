import { describe, expect, it } from "vitest";
import { InputError, listed, MAX_LISTED, type Diagnostic } from "../../src/errors.js";
import { parseAnswers } from "../../src/load/answers.js";
import { validate as validateAnswers } from "../../src/generated/answers.js";
import { schemaDiagnostics } from "../../src/load/schema.js";
import { MAX_DEPTH, MAX_TOKENS, parseYaml, toData } from "../../src/load/yaml.js";
import { score } from "../../src/core/score.js";
import { makePack } from "../helpers/builders.js";

function parsed(text: string) {
  const { source, diagnostics } = parseYaml("a.yaml", text);
  expect(diagnostics).toEqual([]);
  return source!;
}

describe("parseYaml bounds", () => {
  it("accepts nesting up to the limit and refuses one level more, where it happens", () => {
    // The parser's stack holds the document and one entry per open collection.
    const flow = (n: number) => `k: ${"[".repeat(n)}${"]".repeat(n)}\n`;
    expect(parseYaml("a.yaml", flow(MAX_DEPTH - 3)).diagnostics).toEqual([]);
    const deep = parseYaml("a.yaml", flow(MAX_DEPTH + 10)).diagnostics;
    expect(deep).toHaveLength(1);
    expect(deep[0]).toMatchObject({ line: 1, message: `the YAML is nested more than ${MAX_DEPTH} levels deep here` });
    expect(deep[0]!.column).toBeGreaterThan(MAX_DEPTH - 5);
  });

  it("refuses block nesting as well as flow nesting", () => {
    const text = Array.from({ length: 500 }, (_, i) => `${" ".repeat(i)}k${i}:\n`).join("");
    expect(parseYaml("a.yaml", text).diagnostics[0]!.message).toMatch(/nested more than/);
  });

  it("refuses more tokens than the limit without reading the rest", () => {
    const r = parseYaml("a.yaml", `list: [${"1, ".repeat(MAX_TOKENS)}1]\n`);
    expect(r.source).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining("more than 20,000 YAML tokens") })]);
  });

  it("lists every syntax error up to the listing limit, then says there are more", () => {
    const some = parseYaml("a.yaml", "a: 1\na: 2\nb: \"open\nc:\td\n").diagnostics;
    expect(some.map((d) => `${d.line}:${d.column}`)).toEqual(["2:1", "3:4"]);
    expect(some.map((d) => d.hint)).toEqual([expect.stringContaining("each key may appear once"), "the quote that opens here is not closed"]);
    const many = parseYaml("a.yaml", Array.from({ length: 80 }, () => "k: 1\n").join("")).diagnostics;
    expect(many).toHaveLength(MAX_LISTED + 1);
    expect(many.at(-1)).toMatchObject({ line: MAX_LISTED + 2, message: expect.stringContaining("too many problems") });
  });
});

describe("unclosed quotes and brackets", () => {
  it("are reported where they open, not where the parser gave up", () => {
    const d = parseYaml("a.yaml", "a: [1, [2, 3\nb: {x: 1\nc: \"ok\"\nd: 'open\n").diagnostics;
    expect(d.map((x) => [`${x.line}:${x.column}`, x.hint])).toEqual([
      ["1:4", "the '[' that opens here is not closed with ']'"],
      ["1:8", "the '[' that opens here is not closed with ']'"],
      ["2:4", "the '{' that opens here is not closed with '}'"],
      ["4:4", "the quote that opens here is not closed"],
    ]);
  });
});

describe("aliases", () => {
  it("expands ordinary aliases", () => {
    expect(toData(parsed("a: &n Reviewed weekly.\nb: *n\n"))).toEqual({ data: { a: "Reviewed weekly.", b: "Reviewed weekly." } });
  });

  it("stops a billion-laughs expansion at the alias that starts it", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const [from, to] of [["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"]]) lines.push(`${to}: &${to} [${Array(10).fill(`*${from}`).join(", ")}]`);
    const r = toData(parsed(`${lines.join("\n")}\n`));
    expect(r).toEqual({ error: expect.objectContaining({ line: 2, column: 8, message: expect.stringContaining("expand to more than 100 copies") }) });
  });

  it("names an alias without an anchor, where it stands", () => {
    expect(toData(parsed("a: 1\nb: [1, *missing]\n"))).toEqual({ error: expect.objectContaining({ line: 2, column: 8, message: "the alias '*missing' has no anchor '&missing' before it" }) });
  });
});

describe("keys named __proto__, constructor and prototype are plain data", () => {
  const text = "__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}\nnested:\n  __proto__: [1]\n";

  it("become own properties in plain data, leaving every prototype alone", () => {
    const src = parsed(text);
    for (const data of [(toData(src) as { data: Record<string, unknown> }).data, src.doc.toJS() as Record<string, unknown>]) {
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(Object.hasOwn(data, "__proto__")).toBe(true);
      expect(Object.keys(data)).toEqual(["__proto__", "constructor", "nested"]);
      expect((data as { polluted?: unknown }).polluted).toBeUndefined();
      expect(Object.hasOwn(data.nested as object, "__proto__")).toBe(true);
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("are reported by schema validation as unknown keys, without polluting anything", () => {
    const src = parsed(`version: 1\nproject: {name: x, __proto__: {name: 5}}\n${text}answers: {}\n`);
    const problems: Diagnostic[] = schemaDiagnostics(validateAnswers, src, (toData(src) as { data: unknown }).data);
    expect(problems.map((p) => p.message)).toEqual([
      "unknown key '__proto__' in 'project'", "unknown key '__proto__' in the file", "unknown key 'constructor' in the file", "unknown key 'nested' in the file",
    ]);
    expect(({} as { name?: unknown }).name).toBeUndefined();
  });

  it("work as principle and question ids of a pack that uses them", () => {
    const pack = makePack([{ id: "constructor", questions: [{ id: "prototype" }, { id: "constructor" }] }, { id: "prototype", questions: [{ id: "value-of" }] }]);
    const answersText = "version: 1\nproject: {name: x}\nanswers:\n  constructor:\n    prototype: yes\n    constructor: no\n  prototype:\n    value-of: partial\n";
    const answers = parseAnswers({ file: "a.yaml", text: answersText, bytes: new TextEncoder().encode(answersText) }, pack);
    expect(answers.answers.get("constructor")!.get("prototype")!.answer).toBe("yes");
    const a = score(pack, answers);
    expect(a.principles.map((p) => p.score)).toEqual([50, 50]);
    expect(Object.getPrototypeOf(answers.answers.get("constructor"))).toBe(Map.prototype);
  });
});

describe("listed", () => {
  const d = (file: string, line: number, message = "bad"): Diagnostic => ({ file, line, column: 1, message });

  it("sorts by file and position and drops repeats", () => {
    expect(listed([d("b", 2), d("a", 9), d("b", 1), d("a", 9)])).toEqual([d("a", 9), d("b", 1), d("b", 2)]);
  });

  it("keeps the first MAX_LISTED problems of each file and says where the unlisted ones start", () => {
    const many = Array.from({ length: MAX_LISTED + 30 }, (_, i) => d("a", i + 1));
    const out = listed([...many, d("b", 1)]);
    expect(out.filter((x) => x.file === "a")).toHaveLength(MAX_LISTED + 1);
    expect(out[MAX_LISTED]).toMatchObject({ file: "a", line: MAX_LISTED + 1, message: expect.stringContaining("too many problems") });
    expect(out.at(-1)).toEqual(d("b", 1));
  });

  it("is what parseAnswers throws: every problem located, at most MAX_LISTED and a pointer to the rest", () => {
    const text = `version: 1\nproject: {name: x}\nanswers:\n  human-augmentation:\n${Array.from({ length: 200 }, (_, i) => `    q${i}: maybe\n`).join("")}`;
    const pack = makePack([{ id: "human-augmentation", questions: [{ id: "impact-of-errors" }] }]);
    try {
      parseAnswers({ file: "a.yaml", text, bytes: new Uint8Array() }, pack);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).diagnostics).toHaveLength(MAX_LISTED + 1);
    }
  });
});
