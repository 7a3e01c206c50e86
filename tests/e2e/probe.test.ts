import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitCommit, gitInit } from "../helpers/git.js";
import { runBinary, runInProcess } from "../helpers/run.js";

// `probe` and `check --probe` over repositories made here: a well-equipped one, a bare one and a
// hostile one (links, a FIFO, a file past the reading limit), each a real git work tree.

const PIN = "a".repeat(64);
const ANSWERS = `version: 1
project:
  name: Probe demo
date: 2026-11-01
answers:
  bias-evaluation:
    bias-limitations-communicated:
      answer: yes
      evidence:
        - https://example.org/card   # a URL, kept as it is
  reproducible-operations:
    # The team's own comment, kept by --apply.
    reproducible-training: yes  # rebuilt in June
    staged-release:
      answer: yes
      evidence:
        - { path: ../docs/release.md, sha256: "${PIN}" }
  practical-accuracy:
    production-performance-monitoring:
      answer: yes
      notes: We watch it in Prometheus and Grafana.
`;

let root: string;
const repos = { equipped: "", bare: "", hostile: "" };

function write(dir: string, path: string, text: string | Buffer): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A repository with the answers file in assessment/ and, from `files`, whatever it holds. */
function repository(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(root, name);
  mkdirSync(dir);
  gitInit(dir);
  write(dir, "assessment/rml-assessment.yaml", ANSWERS);
  for (const [path, text] of Object.entries(files)) write(dir, path, text);
  return dir;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "rml-assess-probe-"));
  repos.equipped = repository("equipped", {
    "docs/model_card.md": "# Model card\n", "docs/release.md": "release\n", "poetry.lock": "# lock\n",
    ".github/workflows/ci.yml": "on: push\n", "monitoring/alerts.yml": "groups: [] # Prometheus alert rules\n",
    "notebooks/fairness.ipynb": "{\"cells\": [\"from fairlearn.metrics import MetricFrame\"]}",
  });
  repos.bare = repository("bare", {
    "README.md": "# A model\n", "train.py": "print('no seeds')\n",
    // A pack of the team's own: its probes name what they look for, which must not find itself.
    "checklist/operations.yaml": "id: operations\nquestions:\n  - id: monitored\n    probes:\n      - what: monitoring configuration\n        files: [\"**/*.yml\"]\n        contains: [prometheus, \"autoscaling:\"]\n        suggests: evidence\n",
  });
  // Hostile: links in and out, a FIFO where git expects a lock file, a directory swapped for a link
  // outside, and notebooks whose fairness import sits past the 2 MiB each probe reads.
  const outside = join(root, "outside");
  write(outside, "model_card.md", "# not this repository's\n");
  write(outside, "sub/model_card.md", "# not this repository's either\n");
  repos.hostile = repository("hostile", {
    "poetry.lock": "# will become a FIFO\n", "sub/model_card.md": "# will be reached through a link\n",
    "notebooks/late.ipynb": `${" ".repeat(2 * 1024 * 1024 + 10)}import fairlearn\n`, "notebooks/early.ipynb": "import fairlearn\n",
  });
  gitCommit(repos.hostile, "files");
  symlinkSync(join(outside, "model_card.md"), join(repos.hostile, "model_card.md"));
  symlinkSync("../outside", join(repos.hostile, "docs"));
  unlinkSync(join(repos.hostile, "poetry.lock"));
  execFileSync("mkfifo", [join(repos.hostile, "poetry.lock")]);
  rmSync(join(repos.hostile, "sub"), { recursive: true });
  symlinkSync(join(outside, "sub"), join(repos.hostile, "sub"));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const json = async (cwd: string, args: string[], env?: Record<string, string>) => {
  const r = await runInProcess(["probe", ...args, "-f", "json"], { cwd, env });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { root: string; files: number; complete: boolean; questions: { id: string; answer: string | null; line: number | null; found: { path: string; evidence: string; listed: boolean }[]; contradictions: { what: string; state: string; contradicted: boolean }[] }[]; refused: { path: string; reason: string }[] };
};

describe("probe over a well-equipped repository", () => {
  it("lists the evidence found per question, relative to the root and as the answers file writes it", async () => {
    const r = await json(repos.equipped, ["assessment/rml-assessment.yaml"]);
    const q = (id: string) => r.questions.find((x) => x.id === id);
    expect(r.root).toBe(".");
    expect(r.complete).toBe(true);
    expect(q("bias-evaluation/bias-limitations-communicated")).toMatchObject({ answer: "yes", line: 8, found: [{ path: "docs/model_card.md", evidence: "../docs/model_card.md", listed: false }], contradictions: [] });
    expect(q("reproducible-operations/reproducible-training")!.found.map((f) => f.path)).toEqual(["poetry.lock"]);
    expect(q("reproducible-operations/staged-release")!.found.map((f) => f.path)).toEqual([".github/workflows/ci.yml"]);
    expect(q("practical-accuracy/production-performance-monitoring")!.found.map((f) => f.path)).toEqual(["monitoring/alerts.yml"]);
    expect(q("bias-evaluation/fairness-across-groups")!.found.map((f) => f.path)).toEqual(["notebooks/fairness.ipynb"]);
    expect(r.questions.flatMap((x) => x.contradictions.filter((c) => c.contradicted))).toEqual([]);
  });

  it("check --probe finds nothing to contradict", async () => {
    const r = await runInProcess(["check", "assessment/rml-assessment.yaml", "--probe", "--allow-unanswered", "-f", "json"], { cwd: repos.equipped });
    expect(JSON.parse(r.stdout).results[0].findings.filter((f: { code: string }) => f.code === "PROBE_CONTRADICTS")).toEqual([]);
  });

  it("--apply adds the evidence found, keeping every other line, answer, note, comment and pin; a second run adds nothing", () => {
    const dir = join(root, "apply");
    execFileSync("cp", ["-R", repos.equipped, dir]);
    const r = runBinary(["probe", "assessment/rml-assessment.yaml", "--apply"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("added    ../docs/model_card.md to bias-evaluation/bias-limitations-communicated");
    expect(r.stderr).toMatch(/^Added \d+ evidence entries to \d+ questions in assessment\/rml-assessment\.yaml\.\n$/);
    const after = readFileSync(join(dir, "assessment/rml-assessment.yaml"), "utf8");
    // The list items are appended after the last one, at its indentation.
    expect(after).toContain("        - https://example.org/card   # a URL, kept as it is\n        - ../docs/model_card.md\n");
    expect(after).toContain(`        - { path: ../docs/release.md, sha256: "${PIN}" }\n        - ../.github/workflows/ci.yml\n`);
    // The shorthand entry becomes a mapping; its comment moves to its answer.
    expect(after).toContain("    reproducible-training:\n      answer: yes # rebuilt in June\n      evidence:\n        - ../poetry.lock\n");
    // Every other line of the file is there, in order.
    const kept = ANSWERS.split("\n").filter((l) => l !== "    reproducible-training: yes  # rebuilt in June");
    const lines = after.split("\n");
    let i = 0;
    for (const line of lines) if (line === kept[i]) i++;
    expect(i, `line kept: ${kept[i]}`).toBe(kept.length);
    const check = runBinary(["check", "assessment/rml-assessment.yaml", "--allow-unanswered", "-f", "json"], { cwd: dir });
    const answers = JSON.parse(check.stdout).results[0];
    expect(answers.score).toBe(JSON.parse(runBinary(["check", "assessment/rml-assessment.yaml", "--allow-unanswered", "-f", "json"], { cwd: repos.equipped }).stdout).results[0].score);
    const again = runBinary(["probe", "assessment/rml-assessment.yaml", "--apply"], { cwd: dir });
    expect(again.stderr).toContain("Nothing to add to assessment/rml-assessment.yaml");
    expect(readFileSync(join(dir, "assessment/rml-assessment.yaml"), "utf8")).toBe(after);
  });
});

describe("probe and check --probe over a bare repository", () => {
  it("lists the contradictions; a note in the answers file naming Prometheus, or a pack's probes naming it, does not count as monitoring", async () => {
    const r = await json(repos.bare, ["assessment/rml-assessment.yaml"]);
    const contradicted = r.questions.filter((q) => q.contradictions.some((c) => c.contradicted)).map((q) => q.id);
    expect(contradicted).toEqual(["reproducible-operations/reproducible-training", "reproducible-operations/staged-release", "practical-accuracy/production-performance-monitoring"]);
    expect(r.questions.flatMap((q) => q.found)).toEqual([]);
  });

  it("PROBE_CONTRADICTS is located at the answer in text, JSON, SARIF and GitHub; a warning that require-probe-agreement makes an error", async () => {
    const args = ["check", "assessment/rml-assessment.yaml", "--probe", "--allow-unanswered"];
    const where = [[13, 28], [15, 15], [20, 15]];
    const text = await runInProcess([...args, "--verbose"], { cwd: repos.bare });
    expect(text.code).toBe(0);
    for (const [line, column] of where) expect(text.stdout).toMatch(new RegExp(`assessment/rml-assessment\\.yaml:${line}:${column}  warning PROBE_CONTRADICTS  `));
    const found = JSON.parse((await runInProcess([...args, "-f", "json"], { cwd: repos.bare })).stdout).results[0].findings.filter((f: { code: string }) => f.code === "PROBE_CONTRADICTS");
    expect(found.map((f: { line: number; column: number; severity: string; question: string }) => [f.line, f.column, f.severity])).toEqual(where.map(([l, c]) => [l, c, "warning"]));
    const sarif = JSON.parse((await runInProcess([...args, "-f", "sarif"], { cwd: repos.bare })).stdout).runs[0];
    const rule = sarif.tool.driver.rules.findIndex((x: { id: string }) => x.id === "PROBE_CONTRADICTS");
    expect(rule).toBeGreaterThanOrEqual(0);
    const results = sarif.results.filter((x: { ruleId: string }) => x.ruleId === "PROBE_CONTRADICTS");
    expect(results.map((x: { ruleIndex: number; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }) => [x.ruleIndex, x.level, x.locations[0]!.physicalLocation.region.startLine, x.locations[0]!.physicalLocation.region.startColumn])).toEqual(where.map(([l, c]) => [rule, "warning", l, c]));
    const strict = runBinary([...args.filter((a) => a !== "--probe"), "--require-probe-agreement", "-f", "github"], { cwd: repos.bare });
    expect(strict.code).toBe(1);
    for (const [line, column] of where) expect(strict.stdout).toContain(`::error file=assessment/rml-assessment.yaml,line=${line},col=${column},title=rml-assess PROBE_CONTRADICTS::`);
    const gitlab = JSON.parse((await runInProcess([...args, "-f", "gitlab"], { cwd: repos.bare })).stdout).filter((i: { check_name: string }) => i.check_name.startsWith("PROBE_CONTRADICTS:"));
    expect(gitlab.map((i: { check_name: string; location: { lines: { begin: number } } }) => [i.check_name, i.location.lines.begin])).toEqual([
      ["PROBE_CONTRADICTS:reproducible-operations/reproducible-training", 13], ["PROBE_CONTRADICTS:reproducible-operations/staged-release", 15], ["PROBE_CONTRADICTS:practical-accuracy/production-performance-monitoring", 20],
    ]);
    const junit = (await runInProcess([...args.filter((a) => a !== "--probe"), "--require-probe-agreement", "-f", "junit"], { cwd: repos.bare })).stdout;
    for (const [line, column] of where) expect(junit).toMatch(new RegExp(`type="PROBE_CONTRADICTS">assessment/rml-assessment\\.yaml:${line}:${column}: `));
  });

  it("the config can ask for the probes and their agreement; --no-probe turns both off", async () => {
    write(repos.bare, ".rml-assess.yaml", "policy:\n  allow-unanswered: true\n  require-probe-agreement: true\n");
    try {
      const r = await runInProcess(["check", "assessment/rml-assessment.yaml", "-f", "json"], { cwd: repos.bare });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).results[0].findings.filter((f: { code: string; severity: string }) => f.code === "PROBE_CONTRADICTS" && f.severity === "error")).toHaveLength(3);
      const off = await runInProcess(["check", "assessment/rml-assessment.yaml", "--no-probe"], { cwd: repos.bare });
      expect(off.code).toBe(0);
      expect(off.stdout).not.toContain("PROBE_CONTRADICTS");
    } finally {
      rmSync(join(repos.bare, ".rml-assess.yaml"));
    }
  });
});

describe("probe over a hostile repository", () => {
  it("refuses links, link-reached files and the FIFO, reads 2 MiB of a file at most, and never hangs", async () => {
    const r = await json(repos.hostile, ["assessment/rml-assessment.yaml"]);
    const refused = Object.fromEntries(r.refused.map((x) => [x.path, x.reason]));
    expect(refused["model_card.md"]).toMatch(/symbolic link/);
    expect(refused["poetry.lock"]).toMatch(/not a regular file/);
    expect(refused["sub/model_card.md"]).toMatch(/linked directory/);
    const q = (id: string) => r.questions.find((x) => x.id === id)!;
    // The model card is a link (to a file outside): nothing is found for the questions it would show.
    expect(r.questions.find((x) => x.id === "bias-evaluation/bias-limitations-communicated")).toBeUndefined();
    expect(q("bias-evaluation/fairness-across-groups").found.map((f) => f.path)).toEqual(["notebooks/early.ipynb"]);
    // Only a refused file matched the lock-file globs: the contradiction is not claimed.
    expect(q("reproducible-operations/reproducible-training").contradictions).toEqual([{ what: "lock file or pinned environment", state: "undecided", contradicted: false }]);
    const check = JSON.parse((await runInProcess(["check", "assessment/rml-assessment.yaml", "--probe", "--allow-unanswered", "-f", "json"], { cwd: repos.hostile })).stdout);
    expect(check.results[0].findings.filter((f: { code: string; question: string }) => f.code === "PROBE_CONTRADICTS").map((f: { question: string }) => f.question)).toEqual(["staged-release", "production-performance-monitoring"]);
  });

  it("over the file-count limit, or outside a work tree, fails closed with exit 2; over the byte limit, probe warns and check --probe fails", async () => {
    const many = await runInProcess(["probe", "assessment/rml-assessment.yaml"], { cwd: repos.equipped, env: { RML_PROBE_MAX_FILES: "3" } });
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/lists 7 files, over the limit of 3 probes read/);
    const bytes = await runInProcess(["probe", "assessment/rml-assessment.yaml", "-f", "json"], { cwd: repos.equipped, env: { RML_PROBE_MAX_BYTES: "20" } });
    expect(bytes.code).toBe(0);
    expect(JSON.parse(bytes.stdout).complete).toBe(false);
    const gate = await runInProcess(["check", "assessment/rml-assessment.yaml", "--probe", "--allow-unanswered"], { cwd: repos.equipped, env: { RML_PROBE_MAX_BYTES: "20" } });
    expect(gate.code).toBe(2);
    expect(gate.stderr).toMatch(/a reading limit stopped some of them/);
    const loose = join(root, "loose");
    mkdirSync(loose);
    writeFileSync(join(loose, "rml-assessment.yaml"), ANSWERS);
    const probe = runBinary(["probe"], { cwd: loose });
    expect(probe.code).toBe(2);
    expect(probe.stderr).toMatch(/^error: cannot probe the repository: .* is not inside a git work tree/);
    const check = await runInProcess(["check", "rml-assessment.yaml", "--probe", "--allow-unanswered"], { cwd: loose });
    expect(check.code).toBe(2);
    expect(check.stdout).toBe("");
  });
});
