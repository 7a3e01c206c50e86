import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generate } from "../../bench/generate.js";
import { BATCH } from "../../src/bulk/many.js";
import { parseCsv } from "../helpers/csv.js";
import { REPO, runBinary, withTempDir } from "../helpers/run.js";

// Six batches of files, a thirtieth of them broken: enough batches for the invalid ones to come back
// from each of two worker threads in turn (2,000 files showed nothing more).
const COUNT = 6 * BATCH;
const EVERY = 30;
const ENV = { SOURCE_DATE_EPOCH: "1790000000" };

interface Row { file: string; valid: boolean; score: number | null; band: string | null; principles: Record<string, number | null> }
interface Stats { id: string; mean: number | null; min: number | null; max: number | null; bands: Record<string, number>; scored: number }

/** Every EVERY-th file is broken, three ways in turn: an answer no pack allows, YAML that does not parse, another pack's id. */
function breakSome(dir: string): string[] {
  const broken: string[] = [];
  for (let i = EVERY; i <= COUNT; i += EVERY) {
    const file = join(dir, `model-${String(i).padStart(5, "0")}.yaml`);
    const text = readFileSync(file, "utf8");
    const kind = (i / EVERY) % 3;
    writeFileSync(file, kind === 0 ? text.replace(/answer: (yes|no|partial)/, "answer: maybe") : kind === 1 ? `${text}\n  : [unclosed\n` : text.replace(/^pack: .*$/m, "pack: someone-elses"));
    broken.push(`model-${String(i).padStart(5, "0")}.yaml`);
  }
  return broken;
}

describe("summary over many generated files", () => {
  it("lists the invalid ones among them, and its totals agree with its own rows, in every format", () => withTempDir((dir) => {
    const answers = join(dir, "answers");
    generate(answers, COUNT, join(REPO, "dist", "builtin-pack.json"));
    const broken = breakSome(answers);
    const json = runBinary(["summary", answers, "--format", "json", "-o", join(dir, "s.json"), "--jobs", "2"], { env: ENV });
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, "s.json"), "utf8")) as { assessments: Row[]; principles: Stats[]; invalid: { file: string; message: string }[] };
    expect(summary.assessments).toHaveLength(COUNT);
    expect(summary.invalid.map((i) => i.file.split("/").pop())).toEqual(broken);
    expect(summary.assessments.filter((a) => !a.valid).map((a) => a.file.split("/").pop())).toEqual(broken);
    for (const i of summary.invalid) expect(i.message).toMatch(/^\S+\.yaml(:\d+:\d+)?: /);
    // The principle statistics recomputed from the rows, by the pinned rule.
    const valid = summary.assessments.filter((a) => a.valid);
    for (const p of summary.principles) {
      const scores = valid.map((a) => a.principles[p.id]).filter((s): s is number => s !== null);
      expect(p.scored).toBe(scores.length);
      expect(p.mean).toBe(Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10);
      expect([p.min, p.max]).toEqual([Math.min(...scores), Math.max(...scores)]);
      expect(Object.values(p.bands).reduce((a, b) => a + b, 0)).toBe(scores.length);
    }
    // One thread or several, the same document.
    const oneThread = runBinary(["summary", answers, "--format", "json", "--jobs", "1"], { env: ENV });
    expect(oneThread.stdout).toBe(readFileSync(join(dir, "s.json"), "utf8"));

    const csv = runBinary(["summary", answers, "--format", "csv"], { env: ENV });
    expect(csv.code).toBe(0);
    const records = parseCsv(csv.stdout);
    expect(records).toHaveLength(COUNT + 1);
    const validColumn = records[0]!.indexOf("valid");
    expect(records.filter((r) => r[validColumn] === "false")).toHaveLength(broken.length);
    const scoreColumn = records[0]!.indexOf("score");
    expect(records.slice(1).map((r) => r[scoreColumn])).toEqual(summary.assessments.map((a) => (a.score === null ? "" : String(a.score))));

    for (const format of ["md", "html"]) {
      const r = runBinary(["summary", answers, "--format", format], { env: ENV });
      expect(r.code).toBe(0);
      for (const file of broken) expect(r.stdout).toContain(file);
      const rows = r.stdout.split("\n").filter((l) => (format === "md" ? /^\| Model \d+ \|/.test(l) : /^<tr><th scope="row">Model \d+</.test(l)));
      expect(rows).toHaveLength(COUNT - broken.length);
    }
  }), 240_000); // answers files generated, then summarised five times on a shared machine
});

describe("summary of result files from shards of generated files", () => {
  it("equals the summary of the answers files, each side on worker threads, with risk tiers, sign-offs and a config", () => withTempDir((dir) => {
    const answers = join(dir, "answers");
    const count = 3 * BATCH + 20;
    generate(answers, count, join(REPO, "dist", "builtin-pack.json"));
    // Some high-risk, some final with a sign-off (fresh or older than the file's date), so every column varies.
    const names = readdirSync(answers).sort();
    names.forEach((name, i) => {
      if (i % 3 && i % 5) return;
      const text = readFileSync(join(answers, name), "utf8");
      const signOff = i % 5 === 0 ? `status: final\nsign-off:\n  - name: R. Chen\n    date: ${i % 2 ? "2026-12-01" : "2026-01-01"}\n` : "";
      writeFileSync(join(answers, name), text.replace(/^ {2}description: (.*)$/m, `  description: $1\n  risk: ${i % 3 ? "limited" : "high"}`).replace(/^answers:/m, `${signOff}answers:`));
    });
    writeFileSync(join(dir, "policy.yaml"), "policy:\n  min-score: 60\n  allow-unanswered: true\n  require-signoff: true\n");
    const config = ["--config", join(dir, "policy.yaml")];
    // The first shard is checked on two worker threads, the second on the main thread.
    const shards = [names.slice(0, 3 * BATCH), names.slice(3 * BATCH)].map((list) => list.map((n) => join(answers, n)));
    shards.forEach((files, i) => {
      const r = runBinary(["check", ...files, "--format", "json", "-o", join(dir, `result-${i + 1}.json`), ...config, "--jobs", i ? "1" : "2"], { env: ENV });
      expect(r.code, r.stderr).toBeLessThan(2);
    });
    const fromYaml = runBinary(["summary", answers, "--format", "json", ...config, "--jobs", "2"], { env: ENV });
    expect(fromYaml.code, fromYaml.stderr).toBe(0);
    const summary = JSON.parse(fromYaml.stdout) as { assessments: { verdict: string; signedOff: string; risk: string | null }[] };
    expect(new Set(summary.assessments.map((a) => a.verdict))).toEqual(new Set(["pass", "fail"]));
    expect(new Set(summary.assessments.map((a) => a.signedOff))).toEqual(new Set(["yes", "no", "stale"]));
    expect(summary.assessments.filter((a) => a.risk === "high").length).toBeGreaterThan(0);
    const fromResults = runBinary(["summary", join(dir, "result-1.json"), join(dir, "result-2.json"), "--format", "json"], { env: ENV });
    expect(fromResults.stderr).toBe("");
    // The same document, but for where the verdicts come from: the config, or check's own result files.
    const policyOf = (text: string) => (JSON.parse(text) as { policy: unknown }).policy;
    expect(policyOf(fromYaml.stdout)).toEqual({ config: join(dir, "policy.yaml"), problem: null, fromResults: false });
    expect(policyOf(fromResults.stdout)).toEqual({ config: null, problem: null, fromResults: true });
    const withoutPolicy = (text: string) => text.replace(/"policy": \{[^}]*\}/, "");
    expect(withoutPolicy(fromResults.stdout)).toBe(withoutPolicy(fromYaml.stdout));
  }), 120_000);
});
