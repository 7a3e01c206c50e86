import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CACHE_ENV, FIXTURES, REPO, runInProcess, withTempDir } from "../helpers/run.js";
import { sarifErrors } from "../helpers/validate.js";

const NOW = new Date("2026-11-20T12:00:00Z");
// Fixtures that declare every trait, so every question applies whatever the code knows of applies-to.
const CREDIT = join(FIXTURES, "partial-assessment", "rml-assessment.yaml");
const TRIAGE = join(FIXTURES, "complete-assessment", "rml-assessment.yaml");

function place(dir: string, path: string, from: string | { text: string }) {
  const target = join(dir, path);
  mkdirSync(join(target, ".."), { recursive: true });
  if (typeof from === "string") copyFileSync(from, target);
  else writeFileSync(target, from.text);
}

async function checkedFiles(args: string[], cwd: string) {
  const r = await runInProcess(["check", ...args, "--format", "json"], { cwd, now: NOW });
  return { code: r.code, stderr: r.stderr, files: r.stdout ? JSON.parse(r.stdout).results.map((x: { file: string }) => x.file) : [] };
}

describe("check DIR", () => {
  it("checks every answers file under it, sorted, skipping node_modules, dot-directories and other YAML", () => withTempDir(async (dir) => {
    place(dir, "ml/fraud/rml-assessment.yaml", TRIAGE);
    place(dir, "ml/credit.yml", CREDIT);
    place(dir, "ml/a-first.yaml", TRIAGE);
    place(dir, "ml/Zed.YAML", TRIAGE);
    place(dir, "ml/deploy/k8s.yaml", { text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: scoring\n" });
    place(dir, "ml/.github/workflows/ci.yml", { text: "on: push\njobs: {}\n" });
    place(dir, "ml/notes.md", { text: "version: 1\nanswers:\n" });
    place(dir, "ml/pack/pack.yaml", join(REPO, "principles", "pack.yaml"));
    place(dir, "ml/pack/human-augmentation.yaml", join(REPO, "principles", "human-augmentation.yaml"));
    place(dir, "ml/commented.yaml", { text: readFileSync(TRIAGE, "utf8").replace(/^version: 1$/m, 'version: 1   # answers format') });
    place(dir, "ml/node_modules/pkg/rml-assessment.yaml", CREDIT);
    place(dir, "ml/.archive/rml-assessment.yaml", CREDIT);
    const r = await checkedFiles(["ml"], dir);
    expect(r.code).toBe(1);
    expect(r.files).toEqual(["ml/Zed.YAML", "ml/a-first.yaml", "ml/commented.yaml", "ml/credit.yml", "ml/fraud/rml-assessment.yaml"]);
  }));

  it("reports an answers file under it that does not parse, rather than skipping it", () => withTempDir(async (dir) => {
    place(dir, "ml/good.yaml", TRIAGE);
    place(dir, "ml/broken.yaml", { text: "version: 1\nproject:\n  name: X\n\tbad: tab\nanswers:\n" });
    const r = await runInProcess(["check", "ml"], { cwd: dir, now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ml\/broken\.yaml:4:1: /);
  }));

  it("checks a file named twice once, and mixes files and directories", () => withTempDir(async (dir) => {
    place(dir, "a/one.yaml", TRIAGE);
    place(dir, "b.yaml", CREDIT);
    const r = await checkedFiles(["a/one.yaml", "a", "b.yaml", "./b.yaml"], dir);
    expect(r.files).toEqual(["a/one.yaml", "b.yaml"]);
  }));

  it("is a usage error when the directory holds no answers file", () => withTempDir(async (dir) => {
    place(dir, "empty/k8s.yaml", { text: "kind: Service\n" });
    const r = await runInProcess(["check", "empty"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: no answers files under empty\nan answers file is a .yaml or .yml file with the top-level keys 'version: 1' and 'answers:'; run 'rml-assess init' to write one\n");
  }));
});

describe("check --output", () => {
  it("writes the document to the file and nothing to standard output", () => withTempDir(async (dir) => {
    const r = await runInProcess(["check", CREDIT, "--format", "sarif", "--output", "out/results.sarif"], { cwd: dir, now: NOW, env: { FORCE_COLOR: "1" } });
    expect(r.code).toBe(2); // out/ does not exist
    expect(r.stderr).toMatch(/cannot write out\/results.sarif: its directory does not exist/);
    mkdirSync(join(dir, "out"));
    const ok = await runInProcess(["check", CREDIT, "--format", "sarif", "--output", "out/results.sarif"], { cwd: dir, now: NOW });
    expect([ok.code, ok.stdout]).toEqual([1, ""]);
    expect(sarifErrors(JSON.parse(readFileSync(join(dir, "out", "results.sarif"), "utf8")))).toEqual([]);
    expect(readdirSync(join(dir, "out"))).toEqual(["results.sarif"]); // no temporary file left behind
    // Text written to a file carries no colour codes, even when colour is forced.
    await runInProcess(["check", CREDIT, "-o", "out/check.txt"], { cwd: dir, now: NOW, env: { FORCE_COLOR: "3" } });
    expect(readFileSync(join(dir, "out", "check.txt"), "utf8")).not.toMatch(/\u001b\[/);
  }));

  it("still writes the CI formats when a file is invalid, and says so, exiting 2", () => withTempDir(async (dir) => {
    const bad = join(REPO, "tests/fixtures/invalid-answers/rml-assessment.yaml");
    const r = await runInProcess(["check", TRIAGE, bad, "--format", "junit", "-o", "junit.xml"], { cwd: dir, now: NOW });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 problems in the input; they are also in the output\.\n$/);
    expect(readFileSync(join(dir, "junit.xml"), "utf8")).toContain('type="INVALID_INPUT"');
    const json = await runInProcess(["check", TRIAGE, bad, "--format", "json", "-o", "check.json"], { cwd: dir, now: NOW });
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/nothing was written\.\n$/);
    expect(existsSync(join(dir, "check.json"))).toBe(false);
  }));

  it("refuses to write over an answers file or the config file", () => withTempDir(async (dir) => {
    place(dir, "ml/rml-assessment.yaml", TRIAGE);
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  min-score: 50\n");
    const before = readFileSync(join(dir, "ml/rml-assessment.yaml"), "utf8");
    const overInput = await runInProcess(["check", "ml", "-o", "ml/rml-assessment.yaml"], { cwd: dir });
    expect([overInput.code, overInput.stderr]).toEqual([2, "error: refusing to write the output over the input ml/rml-assessment.yaml\ngive -o a different file name\n"]);
    expect(readFileSync(join(dir, "ml/rml-assessment.yaml"), "utf8")).toBe(before);
    expect((await runInProcess(["check", "ml", "-o", ".rml-assess.yaml"], { cwd: dir })).code).toBe(2);
    expect(readFileSync(join(dir, ".rml-assess.yaml"), "utf8")).toBe("policy:\n  min-score: 50\n");
  }));
});

/** How GitHub's runner starts a `shell: bash` step (its script given here with -c). */
const RUNNER_BASH = ["--noprofile", "--norc", "-eo", "pipefail", "-c"];

describe("action.yml", () => {
  const action = parse(readFileSync(join(REPO, "action.yml"), "utf8"));
  const steps = action.runs.steps as { name?: string; shell?: string; run?: string; uses?: string; env?: Record<string, string> }[];
  const checkStep = steps.find((s) => s.name === "rml-assess check")!;

  it("is a composite action whose steps all name their shell, and whose inputs all reach the script", () => {
    expect(action.runs.using).toBe("composite");
    for (const step of steps) if (step.run) expect(step.shell).toBe("bash");
    const used = Object.values(checkStep.env!).map((v) => /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(v)?.[1]);
    expect(used.sort()).toEqual(Object.keys(action.inputs).sort());
    // Inputs are never pasted into the script itself, where they could inject shell code.
    expect(checkStep.run).not.toMatch(/\$\{\{/);
    expect(action.inputs.format.default).toBe("github");
  });

  /** Runs the action's check script as the runner would, with the inputs in its environment. */
  function runStep(inputs: Record<string, string>, cwd: string) {
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", NO_COLOR: "1", GITHUB_ACTION_PATH: REPO, ...CACHE_ENV };
    for (const [name, value] of Object.entries(checkStep.env!)) {
      const input = /inputs\.([a-z-]+)/.exec(value)![1]!;
      env[name] = inputs[input] ?? action.inputs[input].default;
    }
    const r = spawnSync("bash", [...RUNNER_BASH, checkStep.run!], { cwd, env, encoding: "utf8" });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it("runs check with the inputs as flags, annotating by default", () => withTempDir((dir) => {
    place(dir, "rml-assessment.yaml", CREDIT);
    place(dir, "models/triage.yaml", TRIAGE);
    const plain = runStep({}, dir);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toMatch(/^::error file=rml-assessment.yaml,line=95,col=3,title=rml-assess UNANSWERED::/);
    const flagged = runStep({
      files: "rml-assessment.yaml\n  models", "allow-unanswered": "true", "min-score-for": "bias-evaluation=25 displacement-strategy=40",
      "require-evidence": "false", format: "json",
    }, dir);
    expect(flagged.stderr).toBe("");
    expect(flagged.code).toBe(0);
    const doc = JSON.parse(flagged.stdout);
    expect(doc.results.map((x: { file: string }) => x.file)).toEqual(["rml-assessment.yaml", "models/triage.yaml"]);
    const strict = runStep({ files: "models/triage.yaml", "min-score": "98", format: "sarif", output: "results.sarif" }, dir);
    expect([strict.code, strict.stdout]).toEqual([1, ""]);
    expect(JSON.parse(readFileSync(join(dir, "results.sarif"), "utf8")).runs[0].results[0].ruleId).toBe("BELOW_MIN_SCORE");
  }));

  it("refuses a boolean input that is not true, false or empty", () => withTempDir((dir) => {
    place(dir, "rml-assessment.yaml", TRIAGE);
    const r = runStep({ "allow-unanswered": "yes" }, dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("::error title=rml-assess::input allow-unanswered must be true, false or empty\n");
  }));

  it("keeps a file name that looks like an option or a glob a file name", () => withTempDir((dir) => {
    place(dir, "--min-score=0.yaml", CREDIT);
    place(dir, "*.yaml", TRIAGE);
    const r = runStep({ files: "--min-score=0.yaml *.yaml", format: "json" }, dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results.map((x: { file: string }) => x.file)).toEqual(["--min-score=0.yaml", "*.yaml"]);
  }));

  it("fingerprints the dependencies for the npm cache from the action's own lock file", () => withTempDir((dir) => {
    const lock = steps.find((s) => s.name?.startsWith("Fingerprint"))!;
    const output = join(dir, "github_output");
    writeFileSync(output, "");
    chmodSync(output, 0o644);
    const r = spawnSync("bash", [...RUNNER_BASH, lock.run!], { cwd: dir, env: { PATH: process.env.PATH ?? "", GITHUB_ACTION_PATH: REPO, GITHUB_OUTPUT: output }, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(readFileSync(output, "utf8")).toMatch(/^hash=[0-9a-f]{64}\n$/);
  }));
});

describe("the README's CI recipes", () => {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const ci = readme.slice(readme.indexOf("## CI"), readme.indexOf("## Development"));
  const blocks = [...ci.matchAll(/```(yaml|sh)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2]! }));

  it("has a config example that check accepts, with every policy key", () => withTempDir(async (dir) => {
    const config = blocks.find((b) => b.text.includes("policy:"))!.text;
    const keys = Object.keys(parse(config).policy);
    expect(keys.sort()).toEqual(Object.keys(JSON.parse(readFileSync(join(REPO, "schema/config.schema.json"), "utf8")).properties.policy.properties).sort());
    writeFileSync(join(dir, ".rml-assess.yaml"), config);
    place(dir, "rml-assessment.yaml", TRIAGE);
    const r = await runInProcess(["check", "--format", "json"], { cwd: dir, now: NOW });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1); // the complete fixture lists no evidence for some partial answers
    expect(new Set(JSON.parse(r.stdout).results[0].findings.map((f: { code: string }) => f.code))).toEqual(new Set(["MISSING_EVIDENCE"]));
  }));

  it("uses only the action's inputs, and workflows that parse", () => {
    const action = parse(readFileSync(join(REPO, "action.yml"), "utf8"));
    const workflows = blocks.filter((b) => b.lang === "yaml").map((b) => parse(b.text));
    const uses = workflows.flatMap((w) => Object.values(w.jobs ?? {}).flatMap((j) => (j as { steps?: { uses?: string; with?: object }[] }).steps ?? []));
    const ours = uses.filter((s) => s.uses?.includes("/rml-assess@"));
    expect(ours).toHaveLength(1);
    for (const input of Object.keys(ours[0]!.with!)) expect(Object.keys(action.inputs)).toContain(input);
    expect(blocks.filter((b) => b.lang === "yaml").length).toBeGreaterThanOrEqual(5);
  });
});
