import { describe, expect, it } from "vitest";
import { newEvidence, probeFindings, probeRows, runProbes, type FileLook } from "../../src/core/probes.js";
import type { Answer, Answers, Pack, Probe } from "../../src/core/types.js";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { mkdirSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES, REPO, withTempDir } from "../helpers/run.js";
import { InputError } from "../../src/errors.js";

// The pure core of repository probes: globs and literal text over a list of files, read only
// through the reader it is given; what a match suggests and what an absence contradicts.

const probe = (p: Partial<Probe> & { what: string; files: string[] }): Probe => ({ contains: [], suggests: false, contradictsYes: false, ...p });

function packOf(probes: Record<string, Probe[]>): Pack {
  return {
    id: "t", title: "T", version: "1.0.0", source: "", description: "", origin: "test", fingerprint: "0".repeat(64), scoring: "weighted",
    answerOptions: [], bands: [], traits: [], retired: [],
    principles: [{
      id: "ops", number: 1, title: "Ops", summary: "", weight: 1, naAllowedFor: [],
      questions: Object.entries(probes).map(([id, list]) => ({ id, text: id, guidance: "", redFlag: "", recommendation: "", evidence: "", refs: ["T"], weight: 1, appliesTo: [], probes: list })),
    }],
  };
}

/** A reader over an in-memory repository: text by path, or a look to return as it is. */
function reader(files: Record<string, string | FileLook>, asked: string[] = []) {
  return (path: string, wantText: boolean): FileLook => {
    asked.push(`${path}${wantText ? " (text)" : ""}`);
    const f = files[path];
    if (f === undefined) return { state: "missing" };
    if (typeof f !== "string") return f;
    return { state: "file", text: wantText ? f.toLowerCase() : null };
  };
}

const at = (line: number): Answer["position"] => ({ line, column: 15 });
function answersOf(given: Record<string, { answer: Answer["answer"]; evidence?: string[]; line: number }>): Answers {
  const questions = new Map<string, Answer>(Object.entries(given).map(([id, a]) => [id, {
    answer: a.answer, notes: "", evidence: a.evidence ?? [], evidenceEntries: [], action: null, position: at(a.line),
  }]));
  return { file: "a.yaml", answers: new Map([["ops", questions]]) } as unknown as Answers;
}

describe("runProbes", () => {
  const pack = packOf({
    card: [probe({ what: "model card", files: ["**/model_card*.md"], suggests: true })],
    locked: [probe({ what: "lock file", files: ["**/poetry.lock", "**/uv.lock"], suggests: true, contradictsYes: true })],
    fair: [probe({ what: "fairness library", files: ["**/requirements*.txt", "**/*.ipynb"], contains: ["Fairlearn", "aif360"], suggests: true })],
    lint: [
      probe({ what: "linter configuration", files: [".flake8"], contradictsYes: true }),
      probe({ what: "linter configuration", files: ["pyproject.toml"], contains: ["[tool.ruff"], contradictsYes: true }),
    ],
  });

  it("suggests files by glob (case-insensitive, dot files and nested folders included) and by literal text", () => {
    const asked: string[] = [];
    const scan = runProbes(pack, ["docs/MODEL_CARD.md", "README.md", "requirements-dev.txt", "notebooks/eval.ipynb", "src/app.py"], reader({
      "docs/MODEL_CARD.md": "# card", "README.md": "fairlearn", "requirements-dev.txt": "FAIRLEARN==0.10\n", "notebooks/eval.ipynb": "{\"cells\": []}", "src/app.py": "",
    }, asked));
    const q = (id: string) => scan.questions.find((x) => x.question === id)!;
    expect(q("card").found).toEqual(["docs/MODEL_CARD.md"]);
    expect(q("fair").found).toEqual(["requirements-dev.txt"]);
    // Only candidates are looked at, and text is read only where a probe has text to find.
    expect(asked.sort()).toEqual(["docs/MODEL_CARD.md", "notebooks/eval.ipynb (text)", "requirements-dev.txt (text)"]);
    expect(scan.complete).toBe(true);
    expect(scan.files).toBe(5);
  });

  it("holds a contradiction only when no alternative of the same `what` matched", () => {
    const none = runProbes(pack, ["pyproject.toml"], reader({ "pyproject.toml": "[tool.black]\n" }));
    expect(none.questions.find((q) => q.question === "lint")!.contradictions).toEqual([{ what: "linter configuration", state: "holds" }]);
    const ruff = runProbes(pack, ["pyproject.toml"], reader({ "pyproject.toml": "[tool.ruff]\nline-length = 100\n" }));
    expect(ruff.questions.find((q) => q.question === "lint")!.contradictions).toEqual([{ what: "linter configuration", state: "none" }]);
    const flake = runProbes(pack, [".flake8"], reader({ ".flake8": "[flake8]\n" }));
    expect(flake.questions.find((q) => q.question === "lint")!.contradictions[0]!.state).toBe("none");
  });

  it("never counts a refused or missing file: a refused candidate leaves the contradiction undecided; a limit makes the scan incomplete", () => {
    const scan = runProbes(pack, ["uv.lock", "docs/model_card.md", "requirements.txt"], reader({
      "uv.lock": { state: "refused", reason: "a symbolic link (probes never follow links)" },
      "requirements.txt": { state: "refused", reason: "not read: over the limit", limit: true },
    }));
    const q = (id: string) => scan.questions.find((x) => x.question === id)!;
    expect(q("locked").found).toEqual([]);
    expect(q("locked").contradictions).toEqual([{ what: "lock file", state: "undecided" }]);
    expect(q("card").found).toEqual([]); // listed by git, gone from the working tree
    expect(scan.refused.map((r) => r.path)).toEqual(["requirements.txt", "uv.lock"]);
    expect(scan.complete).toBe(false);
  });

  it("raises PROBE_CONTRADICTS only for a yes, at the answer, with the severity asked", () => {
    const scan = runProbes(pack, [], reader({}));
    const answers = answersOf({ locked: { answer: "yes", line: 12 }, lint: { answer: "partial", line: 20 } });
    expect(probeFindings(answers, scan, "warning")).toEqual([{
      code: "PROBE_CONTRADICTS", severity: "warning", message: "ops/locked is yes, but the repository holds no lock file; add it, or revise the answer", principle: "ops", question: "locked", line: 12, column: 15,
    }]);
    expect(probeFindings(answers, scan, "error")[0]!.severity).toBe("error");
    expect(probeFindings(answersOf({ locked: { answer: "yes", line: 3 } }), runProbes(pack, ["poetry.lock"], reader({ "poetry.lock": "" })), "warning")).toEqual([]);
  });

  it("offers only evidence a file does not list yet, as the answers file writes it, and lists rows with what holds", () => {
    const scan = runProbes(pack, ["docs/model_card.md", "uv.lock"], reader({ "docs/model_card.md": "", "uv.lock": "" }));
    const answers = answersOf({ card: { answer: "yes", evidence: ["./../docs/model_card.md"], line: 5 }, locked: { answer: "yes", evidence: [], line: 9 } });
    // "./../docs/model_card.md" is the path found, written with a leading "./": not offered again.
    expect(newEvidence(answers, scan, (p) => `../${p}`)).toEqual([{ principle: "ops", question: "locked", refs: ["../uv.lock"] }]);
    expect(newEvidence(null, scan, (p) => p).map((a) => a.refs)).toEqual([["docs/model_card.md"], ["uv.lock"]]);
    const listed = answersOf({ card: { answer: "yes", evidence: ["docs/model_card.md"], line: 5 } });
    expect(newEvidence(listed, scan, (p) => p).map((a) => a.question)).toEqual(["locked"]);
    const rows = probeRows(listed, scan, (p) => p);
    expect(rows.find((r) => r.question === "card")).toMatchObject({ answer: "yes", line: 5, found: [{ path: "docs/model_card.md", evidence: "docs/model_card.md", listed: true }] });
    expect(rows.find((r) => r.question === "lint")).toMatchObject({ answer: null, line: null, contradictions: [{ what: "linter configuration", state: "holds", contradicted: false }] });
  });
});

describe("probes in packs", () => {
  it("the built-in packs carry probes for at least 20 questions between them, each suggesting or contradicting", () => {
    const packs = [loadPack(BUILTIN_PACK_DIR, REPO, "built-in"), loadPack(join(REPO, "packs", "mltrl"), REPO, "built-in")];
    const probed = packs.flatMap((p) => p.principles.flatMap((s) => s.questions.filter((q) => q.probes?.length).map((q) => ({ pack: p.id, q }))));
    expect(probed.length).toBeGreaterThanOrEqual(20);
    expect(new Set(probed.map((x) => x.pack))).toEqual(new Set(["responsible-ml", "mltrl"]));
    for (const { q } of probed) for (const r of q.probes!) expect(r.suggests || r.contradictsYes).toBe(true);
  });

  it("a custom pack's probes are validated: a probe that does nothing, an absolute glob or one with '..' is a located error", () => withTempDir((dir) => {
    const pack = join(dir, "pack");
    cpSync(join(FIXTURES, "two-principle-pack"), pack, { recursive: true });
    const alpha = readFileSync(join(pack, "alpha.yaml"), "utf8");
    const withProbes = (probes: string) => alpha.replace("    refs: [T 1]\n  - id: a-two", `    refs: [T 1]\n    probes:\n${probes}  - id: a-two`);
    writeFileSync(join(pack, "alpha.yaml"), withProbes("      - what: card\n        files: [\"docs/card.md\"]\n        contains: [\"Intended use\"]\n        suggests: evidence\n"));
    expect(loadPack(pack, dir, pack).principles[0]!.questions[0]!.probes).toEqual([{ what: "card", files: ["docs/card.md"], contains: ["Intended use"], suggests: true, contradictsYes: false }]);
    const bad = [
      ["      - what: card\n        files: [\"docs/card.md\"]\n", /neither suggests evidence nor contradicts a yes/],
      ["      - what: card\n        files: [\"/etc/passwd\"]\n        suggests: evidence\n", /alpha\.yaml:\d+:\d+/],
      ["      - what: card\n        files: [\"../outside/*.md\"]\n        suggests: evidence\n", /alpha\.yaml:\d+:\d+/],
      ["      - what: card\n        files: [\"docs/*.md\"]\n        contradicts: \"no\"\n", /alpha\.yaml:\d+:\d+/],
    ] as const;
    for (const [probes, message] of bad) {
      writeFileSync(join(pack, "alpha.yaml"), withProbes(probes));
      let error: unknown;
      try {
        loadPack(pack, dir, pack);
      } catch (e) {
        error = e;
      }
      expect(error, probes).toBeInstanceOf(InputError);
      const text = (error as InputError).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join("\n");
      expect(text).toMatch(message);
    }
  }));
});

describe("probe formats", () => {
  const hostile = "docs/model_card|x`\u001b[31m.md";
  const view = {
    file: "a.yaml", pack: { id: "t", version: "1.0.0" }, root: ".", files: 2, complete: true, added: null,
    rows: [{ principle: "ops", question: "card", answer: "yes" as const, line: 4, column: 9, found: [{ path: hostile, evidence: hostile, listed: false }], contradictions: [{ what: "lock file", state: "holds" as const, contradicted: true }] }],
    refused: [{ path: "link\u001b]8;;x", reason: "a symbolic link (probes never follow links)" }],
  };

  it("text keeps terminal escapes out and says where each answer stands", async () => {
    const { probeText } = await import("../../src/formats/probe-text.js");
    const { PLAIN } = await import("../../src/io/color.js");
    const out = probeText(view, PLAIN);
    expect(out).not.toMatch(/\u001b/);
    expect(out).toContain("a.yaml:4:9  ops/card (yes)");
    expect(out).toContain("contradicts  the answer yes: no lock file in the repository");
    expect(out).toContain("1 question with evidence found (1 not yet listed), 1 yes answer the repository contradicts.");
  });

  it("md keeps each question on one table row whatever a path holds; json round-trips", async () => {
    const { probeMarkdown } = await import("../../src/formats/probe-md.js");
    const { probeJson } = await import("../../src/formats/probe-json.js");
    const row = probeMarkdown(view).split("\n").find((l) => l.startsWith("| `ops/card`"))!;
    expect(row.replace(/\\\|/g, "").split("|").length).toBe(6);
    expect(row).not.toMatch(/\u001b/);
    const json = JSON.parse(probeJson(view));
    expect(json.questions[0]).toEqual({ id: "ops/card", answer: "yes", line: 4, column: 9, found: view.rows[0]!.found, contradictions: view.rows[0]!.contradictions });
    expect(Object.keys(json)).toEqual(["file", "pack", "root", "files", "complete", "questions", "refused", "added"]);
  });
});
