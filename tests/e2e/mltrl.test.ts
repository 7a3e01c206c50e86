import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, FIXTURES, REPO, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

const TINY = join(FIXTURES, "level-pack");
const TINY_PACK = join(TINY, "pack");
const EXAMPLE = join(EXAMPLES, "mltrl-anomaly-detector.yaml");

interface LevelResultJson {
  file: string;
  level: number;
  score: number | null;
  readiness: { title: string; phase: string | null; top: number; claimed: number | null; history: { kind: string }[]; next: { level: number; open: string[] } };
  findings: { code: string; principle: string | null; question: string | null; line: number }[];
}

function resultsOf(stdout: string): { results: LevelResultJson[]; systems?: { system: string; level: number; components: { component: string; level: number }[] }[]; passed: boolean } {
  return JSON.parse(stdout);
}

describe("the mltrl pack", () => {
  it("prints its ten levels, 0 to 9, with their phases, by name", async () => {
    const r = await runInProcess(["principles", "--pack", "mltrl", "--format", "json"]);
    expect(r.code).toBe(0);
    const pack = JSON.parse(r.stdout) as { id: string; principles: { number: number; phase: string; questions: unknown[] }[] };
    expect(pack.id).toBe("mltrl");
    expect(pack.principles.map((p) => p.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(pack.principles.map((p) => p.phase))).toEqual(new Set(["research", "prototyping", "productization", "deployment"]));
    for (const p of pack.principles) expect(p.questions.length).toBeGreaterThanOrEqual(4);
    const text = await runInProcess(["principles", "--pack", "mltrl"]);
    expect(text.stdout).toMatch(/^Level 0: First principles \(research\)$/m);
    expect(text.stdout).toMatch(/^Level 9: Deployment \(deployment\)$/m);
  });

  it("cites a source with its strength for every question, and says so where a check is rml-assess's inference", async () => {
    const { loadPack } = await import("../../src/load/pack.js");
    const pack = loadPack(join(REPO, "packs", "mltrl"), REPO, "built-in");
    expect(pack.scoring).toBe("levels");
    for (const p of pack.principles) {
      for (const q of p.questions) {
        expect(q.refs.length, `${p.id}/${q.id}`).toBeGreaterThan(0);
        for (const ref of q.refs) expect(ref, `${p.id}/${q.id}`).toMatch(/^(article|repo|talk|inference)\b/);
        // A check resting on inference says in its guidance that the choice is ours, not MLTRL's.
        if (q.refs.some((ref) => ref.startsWith("inference"))) expect(q.guidance, `${p.id}/${q.id}`).toMatch(/rml-assess's|not stated/);
      }
    }
  });

  it("refuses an unknown pack name with exit 2, suggesting the built-in one it is closest to", async () => {
    const r = await runInProcess(["principles", "--pack", "mltr"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown pack 'mltr'");
    expect(r.stderr).toContain("did you mean 'mltrl'?");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("checks the example at level 4 with --pack mltrl, with its switchback in the JSON history", async () => {
    const r = await runInProcess(["check", EXAMPLE, "--pack", "mltrl", "--format", "json"]);
    const [result] = resultsOf(r.stdout).results;
    expect(result!.level).toBe(4);
    expect(result!.score).toBeNull();
    expect(result!.readiness.history.filter((h) => h.kind === "switchback")).toHaveLength(1);
    const text = await runInProcess(["check", EXAMPLE, "--pack", "mltrl"]);
    expect(text.stdout).toMatch(/At readiness level 4 of 9: Proof of concept \(prototyping\); gate to level 5 open: \d+ of \d+ checks passed/);
    for (const id of result!.readiness.next.open) expect(text.stdout).toContain(id);
  });

  it("checks files of both built-in packs in one run when the config allows both, each against the pack it names", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "rml.yaml"), "packs: [responsible-ml, mltrl]\n");
    const r = await runInProcess(["check", join(EXAMPLES, "clinical-triage.yaml"), EXAMPLE, "--config", join(dir, "rml.yaml"), "--format", "json"]);
    const { results } = resultsOf(r.stdout);
    expect(results.map((x) => x.file.endsWith("clinical-triage.yaml") ? typeof x.score : x.level)).toEqual(["number", 4]);
  }));
});

describe("level scoring from the command line (a small level pack)", () => {
  it("reports the level, the next gate's open questions, LEVEL_NOT_MET for an unsupported claim, and no unanswered later gate", async () => {
    const file = join(TINY, "at-level-1.yaml");
    const r = await runInProcess(["check", file, "--pack", TINY_PACK, "--format", "json"]);
    expect(r.code).toBe(1);
    const [result] = resultsOf(r.stdout).results;
    expect(result!.level).toBe(1);
    expect(result!.readiness).toMatchObject({ title: "Prototype", phase: "prototyping", top: 2, claimed: 2, next: { level: 1, open: ["prototype/written", "prototype/reviewed", "prototype/origin-recorded"] } });
    const lines = readFileSync(file, "utf8").split("\n");
    const lineOf = (text: string) => lines.findIndex((l) => l.trimEnd().endsWith(text)) + 1;
    expect(result!.findings.map((f) => `${f.code} ${f.question} ${f.line}`).sort()).toEqual([
      `LEVEL_NOT_MET reviewed ${lineOf("    reviewed:")}`,
      `LEVEL_NOT_MET written ${lineOf("written: partial")}`,
      // The partial answer has no notes: a warning of its own, beside the level finding.
      `PARTIAL_WITHOUT_NOTE written ${lineOf("written: partial")}`,
      `UNANSWERED reviewed ${lineOf("    reviewed:")}`,
      // The file lists the trait reused-model: its n/a at gate 0 passes (the pack allows it), and gate 1 asks one question more.
      `LEVEL_NOT_MET origin-recorded ${lineOf("  prototype:")}`,
      `UNANSWERED origin-recorded ${lineOf("  prototype:")}`,
    ].sort());
    const text = await runInProcess(["check", file, "--pack", TINY_PACK]);
    expect(text.stdout).toContain("At readiness level 1 of 2: Prototype (prototyping); gate to level 2 open: 0 of 3 checks passed");
    expect(text.stdout).toContain("Claimed level 2 (not supported by the gates)");
  });

  it("fails below --min-level with BELOW_MIN_LEVEL, passes at it, and refuses --min-level for a weighted pack", async () => {
    const file = join(TINY, "at-level-2.yaml");
    const invalid = await runInProcess(["check", file, "--pack", TINY_PACK, "--min-level", "10"]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("expected a whole number from 0 to 9");
    const failed = await runInProcess(["check", file, "--pack", TINY_PACK, "--min-level", "2", "--format", "json"]);
    expect(resultsOf(failed.stdout).results[0]!.level).toBe(2);
    expect(failed.code).toBe(0);
    const config = await withTempDir(async (dir) => {
      writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  min-level: 3\n");
      copyFileSync(file, join(dir, "a.yaml"));
      return runInProcess(["check", "a.yaml", "--pack", TINY_PACK, "--format", "json"], { cwd: dir });
    });
    expect(config.code).toBe(1);
    expect(resultsOf(config.stdout).results[0]!.findings.map((f) => f.code)).toEqual(["BELOW_MIN_LEVEL"]);
    const weighted = await runInProcess(["check", join(EXAMPLES, "clinical-triage.yaml"), "--min-level", "2"]);
    expect(weighted.code).toBe(2);
    expect(weighted.stderr).toContain("--min-level applies to level packs");
  });

  it("carries level findings into the CI formats: SARIF rules of their own, a JUnit min-level case", async () => {
    const args = ["check", join(TINY, "at-level-1.yaml"), "--pack", TINY_PACK, "--min-level", "2"];
    const sarif = JSON.parse((await runInProcess([...args, "--format", "sarif"])).stdout);
    const ids = sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId);
    expect(ids).toEqual(expect.arrayContaining(["LEVEL_NOT_MET", "BELOW_MIN_LEVEL"]));
    const rules = sarif.runs[0].tool.driver.rules as { id: string; fullDescription: { text: string } }[];
    expect(rules.find((r) => r.id === "LEVEL_NOT_MET")?.fullDescription.text).toMatch(/claimed-level/);
    const junit = (await runInProcess([...args, "--format", "junit"])).stdout;
    expect(junit).toMatch(/<testcase classname="policy" name="min-level 2" time="0">\s*<failure[^>]*type="BELOW_MIN_LEVEL"/);
  });

  it("reports n/a the pack does not allow as NA_NOT_ALLOWED, with a SARIF rule of its own, and the gate stays open", () => withTempDir(async (dir) => {
    const file = join(dir, "no-trait.yaml");
    writeFileSync(file, readFileSync(join(TINY, "at-level-1.yaml"), "utf8").replace("  traits: [reused-model]\n", ""));
    const json = await runInProcess(["check", file, "--pack", TINY_PACK, "--format", "json"]);
    const [result] = resultsOf(json.stdout).results;
    expect(result!.level).toBe(0);
    expect(result!.findings.filter((f) => f.code === "NA_NOT_ALLOWED").map((f) => `${f.principle}/${f.question}`)).toEqual(["idea/reviewed"]);
    const sarif = JSON.parse((await runInProcess(["check", file, "--pack", TINY_PACK, "--format", "sarif"])).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("NA_NOT_ALLOWED");
    const text = await runInProcess(["check", file, "--pack", TINY_PACK]);
    expect(text.stdout).toContain("idea/reviewed n/a not allowed here");
  }));

  it("gives a system the lowest level of its components, in text and JSON", async () => {
    const files = [join(TINY, "at-level-2.yaml"), join(TINY, "at-level-1.yaml")];
    const r = await runInProcess(["check", ...files, "--pack", TINY_PACK, "--format", "json"]);
    expect(resultsOf(r.stdout).systems).toEqual([{
      system: "Shop", level: 1,
      components: [{ component: "Ranker", file: files[1]!.slice(REPO.length), level: 1 }, { component: "Search", file: files[0]!.slice(REPO.length), level: 2 }],
    }]);
    const text = await runInProcess(["check", ...files, "--pack", TINY_PACK]);
    expect(text.stdout).toContain("System Shop: readiness level 1 (its lowest component's)");
  });
});

describe("the TRL card", () => {
  it("is what report writes for a level pack, in markdown: level, bar, history with its switchback, next gate, topics", async () => {
    const r = await runInProcess(["report", EXAMPLE, "--format", "md"]);
    expect(r.code).toBe(0);
    const json = resultsOf((await runInProcess(["check", EXAMPLE, "--format", "json"])).stdout).results[0]!;
    expect(r.stdout).toMatch(new RegExp(`\\*\\*At readiness level ${json.level} of 9: Proof of concept \\(prototyping\\); gate to level 5 open: \\d+ of \\d+ checks passed\\.\\*\\*`));
    expect(r.stdout).toContain(`\`0 ${"■".repeat(json.level)}◆${"□".repeat(9 - json.level)} 9\``);
    expect(r.stdout).toMatch(/\| ↩ discovery switchback to \| 2 \|/);
    expect(r.stdout).toContain("## Gate to level 5: leaving level 4 (Proof of concept)");
    for (const id of json.readiness.next.open) expect(r.stdout).toContain(`\`${id}\``);
    for (const heading of ["Intended and unacceptable use", "What is tested, and what is not", "Data considerations", "Ethics checklist", "Requirements and V&amp;V", "Coupled components"]) {
      expect(r.stdout).toContain(`## ${heading}`);
    }
    expect(r.stdout).toContain("Nature Communications 13:6039");
  });

  it("says where a project entered above level 0, and escapes user text", async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, "entered.yaml");
      writeFileSync(file, [
        "version: 1", "pack: tiny-levels", "project:", "  name: \"<b>Reused</b> | model\"",
        "history:", "  - { level: 1, date: 2026-03-01, kind: advance, note: \"<img src=x onerror=alert(1)>\" }",
        "answers:", "  idea: { written: yes, reviewed: yes }", "",
      ].join("\n"));
      const md = await runInProcess(["report", file, "--pack", TINY_PACK, "--format", "md"]);
      expect(md.stdout).toContain("The recorded path starts at level 1");
      expect(md.stdout).not.toContain("<b>Reused</b>");
      expect(md.stdout).not.toContain("<img");
      const html = await runInProcess(["report", file, "--pack", TINY_PACK, "--format", "html"]);
      expect(html.stdout).toContain("&lt;img src");
      expect(html.stdout).not.toContain("<img");
    });
  });

  it("in HTML carries the same Content-Security-Policy as the report, and the binary writes it with -o", async () => {
    const report = await runInProcess(["report", join(EXAMPLES, "credit-scoring.yaml"), "--format", "html"]);
    const csp = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    await withTempDir((dir) => {
      const out = join(dir, "card.html");
      const r = runBinary(["report", EXAMPLE, "--format", "html", "-o", out]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("TRL card, readiness level 4");
      const card = readFileSync(out, "utf8");
      expect(csp(card)).toBe(csp(report.stdout));
      expect(card).toContain("<title>TRL card: Transaction anomaly detector</title>");
    });
  });
});
