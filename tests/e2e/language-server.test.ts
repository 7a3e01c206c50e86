import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPack } from "../../src/load/pack.js";
import { SEVERITY, YamlLanguageServer } from "../helpers/language-server.js";
import { REPO, runInProcess } from "../helpers/run.js";

/*
 * The answers schema as an editor uses it: the yaml-language-server npm package (the server of VS
 * Code's YAML extension, also run by Neovim, Helix, Zed and others) is started over stdio, opens an
 * answers file whose header `init` wrote, follows it into the installed package's
 * schema/answers/responsible-ml.schema.json, and is asked what an editor asks.
 */

const pack = loadPack(join(REPO, "principles"), REPO, "built-in");
const principle = pack.principles.find((p) => p.id === "human-augmentation")!;

let dir: string;
let server: YamlLanguageServer;
let header: string;

beforeAll(async () => {
  // A project with rml-assess installed as a dependency: node_modules/rml-assess is this repository.
  dir = mkdtempSync(join(tmpdir(), "rml-assess-lsp-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO, join(dir, "node_modules", "rml-assess"), "dir");
  mkdirSync(join(dir, "ml"));
  const init = await runInProcess(["init", "ml/rml-assessment.yaml"], { cwd: dir });
  expect(init.code, init.stderr).toBe(0);
  header = readFileSync(join(dir, "ml", "rml-assessment.yaml"), "utf8").split("\n")[0]!;
  expect(header).toBe("# yaml-language-server: $schema=../node_modules/rml-assess/schema/answers/responsible-ml.schema.json");
  server = new YamlLanguageServer();
  await server.start(dir);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Writes an answers file under ml/ (with init's header) and opens it in the server; its URI. */
async function openAnswers(name: string, body: string): Promise<{ uri: string; lines: string[] }> {
  const text = `${header}\nversion: 1\nproject:\n  name: Card fraud scoring\nanswers:\n${body}`;
  const file = join(dir, "ml", name);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  await server.open(uri, text);
  return { uri, lines: text.split("\n") };
}

/** The 0-based line of the first line holding `needle`. */
const lineOf = (lines: string[], needle: string) => {
  const i = lines.findIndex((l) => l.includes(needle));
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return i;
};

describe("yaml-language-server with a pack's answers schema", () => {
  it("completes, inside a principle, that principle's question ids and no other's", async () => {
    const { uri, lines } = await openAnswers("complete.yaml", "  human-augmentation:\n    impact-of-errors: yes\n    \n");
    const at = lineOf(lines, "impact-of-errors") + 1;
    const labels = (await server.completion(uri, at, 4)).map((i) => i.label);
    const expected = principle.questions.map((q) => q.id).filter((id) => id !== "impact-of-errors");
    expect(labels.sort(), server.log).toEqual(expect.arrayContaining(expected));
    // Nothing from another principle, no retired id, and no question already answered.
    const others = pack.principles.filter((p) => p !== principle).flatMap((p) => p.questions.map((q) => q.id)).filter((id) => !expected.includes(id));
    expect(labels.filter((l) => others.includes(l))).toEqual([]);
    expect(labels).not.toContain("review-before-full-automation");
    expect(labels).not.toContain("impact-of-errors");
    // Each offered id comes with its question's text.
    const item = (await server.completion(uri, at, 4)).find((i) => i.label === "human-review-decision")!;
    const doc = typeof item.documentation === "string" ? item.documentation : (item.documentation as { value: string }).value;
    expect(doc).toContain(principle.questions.find((q) => q.id === "human-review-decision")!.text);
  });

  it("completes a level's question ids in a level pack's file (mltrl)", async () => {
    const init = await runInProcess(["init", "ml/mltrl.yaml", "--pack", "mltrl"], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    const file = join(dir, "ml", "mltrl.yaml");
    const mltrlHeader = readFileSync(file, "utf8").split("\n")[0]!;
    expect(mltrlHeader).toBe("# yaml-language-server: $schema=../node_modules/rml-assess/schema/answers/mltrl.schema.json");
    const text = `${mltrlHeader}\nversion: 1\npack: mltrl\nproject:\n  name: Anomaly detector\nanswers:\n  first-principles:\n    \n`;
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    await server.open(uri, text);
    const levels = loadPack(join(REPO, "packs", "mltrl"), REPO, "built-in");
    const labels = (await server.completion(uri, text.split("\n").indexOf("    "), 4)).map((i) => i.label);
    expect(labels.sort()).toEqual(levels.principles[0]!.questions.map((q) => q.id).sort());
  });

  it("completes principle ids under answers:", async () => {
    const { uri, lines } = await openAnswers("principles.yaml", "  \n");
    const labels = (await server.completion(uri, lineOf(lines, "answers:") + 1, 2)).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(pack.principles.map((p) => p.id)));
  });

  it("shows a question's text when hovering over its id", async () => {
    const { uri, lines } = await openAnswers("hover.yaml", "  human-augmentation:\n    impact-of-errors: yes\n");
    const text = await server.hover(uri, lineOf(lines, "impact-of-errors"), 8);
    const question = principle.questions.find((q) => q.id === "impact-of-errors")!;
    expect(text).toContain(question.text);
    expect(text).toContain(question.guidance.slice(0, 60));
    expect(text).toContain("human-augmentation/impact-of-errors");
  });

  it("marks a misspelt principle or question id as an error and a retired id as deprecated", async () => {
    const body = [
      "  human-augmentation:",
      "    impact-of-errors: yes",
      "    human-review-decison: no",
      "    review-before-full-automation: yes",
      "  human-augmentaton:",
      "    impact-of-errors: yes",
      "",
    ].join("\n");
    const { uri, lines } = await openAnswers("mistakes.yaml", body);
    const misspelt = lineOf(lines, "human-review-decison");
    const retired = lineOf(lines, "review-before-full-automation");
    const wrongPrinciple = lineOf(lines, "human-augmentaton");
    const on = (line: number) => (d: { range: { start: { line: number } } }) => d.range.start.line === line;
    const diagnostics = await server.diagnosticsFor(uri, (items) => [misspelt, retired, wrongPrinciple].every((l) => items.some(on(l))));
    expect(diagnostics.find(on(misspelt))).toMatchObject({ severity: SEVERITY.error, message: expect.stringContaining("human-review-decison") });
    expect(diagnostics.find(on(wrongPrinciple))).toMatchObject({ severity: SEVERITY.error, message: expect.stringContaining("human-augmentaton") });
    // The retired id is accepted (no "not allowed") but marked with the schema's deprecation
    // message, which names its replacement. yaml-language-server publishes every schema problem,
    // warnings included, as an error ("Convert all warnings to errors" in its validation handler).
    const deprecated = diagnostics.filter(on(retired));
    expect(deprecated).toHaveLength(1);
    expect(deprecated[0]!.message).toMatch(/^Retired in responsible-ml \d+\.\d+\.\d+\. It is asked now as human-augmentation\/supervised-introduction\./);
    expect([SEVERITY.error, SEVERITY.warning]).toContain(deprecated[0]!.severity);
    // The correct entries are left alone.
    expect(diagnostics.filter((d) => ![misspelt, retired, wrongPrinciple].includes(d.range.start.line))).toEqual([]);
  });
});
