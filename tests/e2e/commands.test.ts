import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { runBinary, withTempDir } from "../helpers/run.js";

// Fixtures that declare every trait, so every question applies whatever the code knows of applies-to.
const CREDIT = "tests/fixtures/partial-assessment/rml-assessment.yaml";
const TRIAGE = "tests/fixtures/complete-assessment/rml-assessment.yaml";

describe("rml-assess (built binary)", () => {
  it("prints help and version with exit 0, and exit 2 for an unknown option", () => {
    const help = runBinary(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 passed, 1 .*, 2 invalid input or usage/);
    expect(runBinary(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = runBinary(["check", "--no-such-flag"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option '--no-such-flag'/);
    expect(runBinary(["check", "--min-score", "abc", TRIAGE]).code).toBe(2);
    expect(runBinary(["frobnicate"]).code).toBe(2);
  });

  describe("principles", () => {
    it("prints the checklist as text, markdown and JSON", () => {
      const text = runBinary(["principles"]);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/1\. Human augmentation/);
      expect(runBinary(["principles", "--format", "md"]).stdout).toMatch(/^## 8\. Data risk awareness$/m);
      const json = JSON.parse(runBinary(["principles", "--format", "json"]).stdout);
      expect(Object.keys(json)).toEqual(["id", "title", "version", "principles", "traits"]);
      expect(json.principles).toHaveLength(8);
      expect(Object.keys(json.principles[0])).toEqual(["id", "number", "title", "commitment", "weight", "questions"]);
      expect(Object.keys(json.principles[0].questions[0])).toEqual(["id", "text", "weight"]);
    });
  });

  describe("check", () => {
    it("passes a complete assessment (exit 0) and fails one with unanswered questions (exit 1)", () => {
      const ok = runBinary(["check", TRIAGE]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/✔ passed/);
      const failing = runBinary(["check", CREDIT]);
      expect(failing.code).toBe(1);
      expect(failing.stdout).toMatch(/partial-assessment\/rml-assessment.yaml:\d+:\d+ +error +UNANSWERED/);
    });

    it("turns unanswered into warnings with --allow-unanswered", () => {
      const r = runBinary(["check", CREDIT, "--allow-unanswered"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/warning UNANSWERED/);
    });

    it("applies --min-score and --min-principle-score", () => {
      expect(runBinary(["check", TRIAGE, "--min-score", "98"]).code).toBe(1);
      const json = JSON.parse(runBinary(["check", TRIAGE, "--min-principle-score", "93", "--format", "json"]).stdout);
      expect(json.passed).toBe(false);
      expect(json.results[0].findings.map((f: { code: string }) => f.code)).toEqual(["PRINCIPLE_BELOW_MIN_SCORE"]);
      expect(runBinary(["check", TRIAGE, "--min-score", "90", "--min-principle-score", "90"]).code).toBe(0);
    });

    it("writes the documented JSON shape, with findings pointing into the file", () => {
      const r = runBinary(["check", CREDIT, TRIAGE, "--format", "json"]);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(Object.keys(doc)).toEqual(["tool", "results", "passed"]);
      expect(doc.tool.name).toBe("rml-assess");
      const [credit, triage] = doc.results;
      expect(Object.keys(credit)).toEqual(["file", "project", "date", "assessors", "status", "signOff", "signedOff", "evidence", "policy", "pack", "score", "band", "weakest", "principles", "retiredAnswers", "findings", "passed"]);
      expect(credit.pack).toEqual({ id: "responsible-ml", version: "1.2.1" });
      expect(Object.keys(credit.principles[0].counts)).toEqual(["yes", "partial", "no", "na", "unanswered"]);
      expect(triage.passed).toBe(true);
      const lines = readFileSync(CREDIT, "utf8").split("\n");
      for (const f of credit.findings) {
        expect(Object.keys(f)).toEqual(["code", "severity", "message", "principle", "question", "line", "column"]);
        // The line named is where the principle or question stands in the file.
        expect(lines[f.line - 1]).toContain(f.principle);
      }
    });

    it("rejects invalid input with exit 2 and a located message, whatever other files say", () => withTempDir((dir) => {
      const bad = join(dir, "bad.yaml");
      writeFileSync(bad, "version: 1\nproject:\n  name: X\nanswers:\n  human-augmentation:\n    impact-of-errors: true\n");
      const r = runBinary(["check", TRIAGE, bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${bad}:6:23: 'answers.human-augmentation.impact-of-errors' must be one of yes, partial, no, n/a (found true)`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(runBinary(["check", join(dir, "missing.yaml")]).stderr).toMatch(/missing.yaml: no such file/);
    }));
  });

  describe("init", () => {
    it("writes a template that check reads as valid but unanswered, and never overwrites without --force", () => withTempDir((dir) => {
      const r = runBinary(["init"], { cwd: dir });
      expect(r.code).toBe(0);
      const file = join(dir, "rml-assessment.yaml");
      const text = readFileSync(file, "utf8");
      expect(text).toMatch(/^# yaml-language-server: \$schema=/);
      expect(text).toContain("# Is there a written analysis of the harm each kind of model error can do");
      const check = JSON.parse(runBinary(["check", "--format", "json"], { cwd: dir }).stdout);
      expect(check.passed).toBe(false);
      const findings = check.results[0].findings;
      // One per question that applies to a system of no declared traits.
      const pack = JSON.parse(runBinary(["principles", "--format", "json"]).stdout);
      const always = pack.principles.flatMap((p: { questions: { appliesTo?: string[] }[] }) => p.questions.filter((q) => !q.appliesTo));
      expect(findings).toHaveLength(always.length);
      expect(new Set(findings.map((f: { code: string }) => f.code))).toEqual(new Set(["UNANSWERED"]));
      // Each finding points at the `answer:` line of its question, under the question's comment.
      const lines = text.split("\n");
      for (const f of findings) expect(lines[f.line - 1]).toMatch(/^ {6}answer:/);

      writeFileSync(file, "# my answers\n");
      const again = runBinary(["init"], { cwd: dir });
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/already exists/);
      expect(readFileSync(file, "utf8")).toBe("# my answers\n");
      expect(runBinary(["init", "--force"], { cwd: dir }).code).toBe(0);
      expect(readFileSync(file, "utf8")).toBe(text);
    }));

    it("keeps answers a team fills in when checked", () => withTempDir((dir) => {
      runBinary(["init", "team.yaml"], { cwd: dir });
      const file = join(dir, "team.yaml");
      const filled = readFileSync(file, "utf8").replace(/answer: # yes \| partial \| no \| n\/a/g, "answer: yes # yes | partial | no | n/a");
      writeFileSync(file, filled);
      const r = runBinary(["check", "team.yaml"], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Overall 100\/100 Leading/);
    }));
  });

  describe("report", () => {
    it("prints a markdown report with scores, commitments, gaps and fingerprints", () => {
      const r = runBinary(["report", CREDIT]);
      expect(r.code).toBe(0);
      const md = r.stdout;
      expect(md).toMatch(/^# Responsible ML assessment: Retail credit limit scoring/);
      expect(md).toMatch(/\*\*Overall score: \d+ \/ 100 \(\w+\)\.\*\*/);
      expect(md).toContain("> I commit to assess the impact of incorrect predictions");
      expect(md).toMatch(/## Gaps and recommendations/);
      expect(md).toMatch(/- \*\*Recommendation:\*\* /);
      const sha = (s: string) => md.match(new RegExp(`${s}.*?sha256 \`([0-9a-f]{64})\``))?.[1];
      // What `sha256sum` prints for the answers file, so an auditor can check the report's source.
      expect(sha("Answers file")).toBe(createHash("sha256").update(readFileSync(CREDIT)).digest("hex"));
      expect(sha("Principle pack")).toMatch(/^[0-9a-f]{64}$/);
    });

    it("lists gaps heaviest first", () => {
      const gains = [...runBinary(["report", CREDIT]).stdout.matchAll(/\+(\d+\.\d) points if yes/g)].map((m) => Number(m[1]));
      expect(gains.length).toBeGreaterThan(5);
      expect(gains).toEqual([...gains].sort((a, b) => b - a));
    });

    it("is byte-identical for the same inputs with SOURCE_DATE_EPOCH", () => {
      const env = { SOURCE_DATE_EPOCH: "1790000000" };
      const a = runBinary(["report", CREDIT], { env });
      const b = runBinary(["report", CREDIT], { env });
      expect(a.stdout).toBe(b.stdout);
      expect(a.stdout).toContain("2026-09-21T");
    });

    it("writes to -o, and refuses to overwrite its input", () => withTempDir((dir) => {
      const out = join(dir, "report.md");
      const r = runBinary(["report", CREDIT, "-o", out]);
      expect(r.code).toBe(0);
      expect(readFileSync(out, "utf8")).toMatch(/^# Responsible ML assessment/);
      const copy = join(dir, "answers.yaml");
      writeFileSync(copy, readFileSync(CREDIT));
      const refused = runBinary(["report", copy, "-o", copy]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/refusing to write the output over the input/);
      expect(readFileSync(copy, "utf8")).toBe(readFileSync(CREDIT, "utf8"));
    }));

    it("writes nothing when the input is invalid", () => withTempDir((dir) => {
      const bad = join(dir, "bad.yaml");
      writeFileSync(bad, "version: 1\nproject: {}\nanswers: {}\n");
      const out = join(dir, "out.md");
      const r = runBinary(["report", bad, "-o", out]);
      expect(r.code).toBe(2);
      expect(existsSync(out)).toBe(false);
    }));

    it("escapes user text so it cannot break tables or inject HTML", () => withTempDir((dir) => {
      const file = join(dir, "hostile.yaml");
      writeFileSync(file, [
        "version: 1", "project:", "  name: \"Evil | <script>alert(1)</script>\"", "answers:", "  human-augmentation:",
        "    impact-of-errors:", "      answer: yes", "      notes: \"a | b\\n## heading <img src=x onerror=alert(1)> [x](javascript:alert(1))\"",
        "      evidence:", "        - \"javascript:alert(1)\"", "        - docs/ok (1).md", "",
      ].join("\n"));
      const md = runBinary(["report", file]).stdout;
      expect(md).not.toContain("<script>");
      expect(md).not.toContain("<img");
      expect(md).toContain("Evil \\| &lt;script&gt;");
      expect(md).toContain("a \\| b<br>## heading &lt;img");
      expect(md).not.toMatch(/[^\\]\]\(javascript:/);
      expect(md).toContain("\\[x\\](javascript:alert(1))");
      // A relative path is plain text without provenance: a link would resolve against wherever the report is saved.
      expect(md).toContain("docs/ok (1).md **(missing)**");
      expect(md).not.toContain("](docs/ok");
      const row = md.split("\n").find((l) => l.includes("`impact-of-errors`"))!;
      expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(6);
    }));
  });

  it("uses a custom pack with --pack on every command", () => withTempDir((dir) => {
    const packDir = join(dir, "pack");
    cpSync(BUILTIN_PACK_DIR, packDir, { recursive: true });
    const manifest = join(packDir, "pack.yaml");
    // A pack of its own without data risk awareness: it drops that principle, and the built-in pack's
    // retired ids too (some were replaced by questions of that principle; a new pack has none to retire).
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace("id: responsible-ml", "id: acme-ml").replace(/  - data-risk-awareness\n/, "").replace(/^retired:\n(?:[ #].*\n|\n)*/m, ""));
    expect(JSON.parse(runBinary(["principles", "--pack", packDir, "--format", "json"]).stdout).principles).toHaveLength(7);
    const mismatch = runBinary(["check", TRIAGE, "--pack", packDir]);
    // The file names a pack the run does not allow: it fails (PACK_MISMATCH), never judged by its own pack.
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toMatch(/PACK_MISMATCH  the file names pack 'responsible-ml', but this repository's policy allows only pack 'acme-ml'/);
    expect(runBinary(["init", join(dir, "a.yaml"), "--pack", packDir]).code).toBe(0);
    expect(readFileSync(join(dir, "a.yaml"), "utf8")).not.toContain("data-risk-awareness");
    expect(runBinary(["report", join(dir, "a.yaml"), "--pack", packDir]).code).toBe(0);
  }));
});
