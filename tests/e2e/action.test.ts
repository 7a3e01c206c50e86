import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { NPM_ENV, packTarball } from "../helpers/package.js";
import { CACHE_ENV, REPO, runInProcess, withTempDir } from "../helpers/run.js";
import { builtinAnswers, sampleRepo } from "../helpers/sample-repo.js";
import { runComposite, runStep, type Contexts, type Step } from "../helpers/workflow.js";

const action = parse(readFileSync(join(REPO, "action.yml"), "utf8"));
const steps = action.runs.steps as Step[];
const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));

/** The names of every package installed under `dir` (in any node_modules, at any depth). */
function installedPackages(dir: string, names = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (entry.name !== "node_modules") {
      installedPackages(join(dir, entry.name), names);
      continue;
    }
    for (const name of readdirSync(join(dir, entry.name))) {
      const scoped = name.startsWith("@") ? readdirSync(join(dir, entry.name, name)).map((n) => `${name}/${n}`) : [name];
      for (const pkgName of scoped) {
        names.add(pkgName);
        installedPackages(join(dir, entry.name, pkgName), names);
      }
    }
  }
  return names;
}

/** The JSON result rml-assess gives for the workspace's file, to compare the outputs with. */
async function expected(ws: string, file = "rml-assessment.yaml") {
  const r = await runInProcess(["check", file, "--format", "json"], { cwd: ws });
  return JSON.parse(r.stdout).results[0] as { score: number; band: string };
}

describe("action.yml, run without GitHub", () => {
  let root: string;
  let ws: string;
  let env: Record<string, string>;
  let first: ReturnType<typeof runComposite>;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "rml-assess-action-"));
    ws = sampleRepo(join(root, "workspace"), "complete");
    mkdirSync(join(ws, "tools"));
    copyFileSync(packTarball(root), join(ws, "tools", `rml-assess-${pkg.version}.tgz`));
    mkdirSync(join(root, "runner-temp"));
    env = {
      PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...CACHE_ENV, ...NPM_ENV,
      GITHUB_ACTION_PATH: REPO, RUNNER_TEMP: join(root, "runner-temp"), GITHUB_STEP_SUMMARY: join(root, "summary.md"),
    };
    first = runComposite(action, { package: `tools/rml-assess-${pkg.version}.tgz`, "require-evidence": "true" }, { cwd: ws, env, temp: root, github: { action_repository: "" } });
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Runs only the check step, with the tool the first run installed. */
  function check(inputs: Record<string, string>, cwd: string) {
    const resolved = Object.fromEntries(Object.entries(action.inputs as Record<string, { default: string }>).map(([k, v]) => [k, inputs[k] ?? v.default]));
    const contexts: Contexts = { ...first.contexts, inputs: resolved };
    return runStep(steps.find((s) => s.id === "check")!, contexts, { cwd, env: { ...env, GITHUB_STEP_SUMMARY: join(cwd, "summary.md") }, temp: root });
  }

  it("installs the packed tool from a tarball in the workspace, without development tools, and sets its outputs", async () => {
    expect(first.runs.map((r) => [r.step.name, r.code, r.stderr.includes("npm error") ? r.stderr : ""])).toEqual([
      ["Choose the rml-assess package", 0, ""], ["Install rml-assess", 0, ""], ["rml-assess check", 0, ""]]);
    expect(first.code).toBe(0);
    const dir = first.contexts.steps as Record<string, { outputs: Record<string, string> }>;
    const installed = dir.package!.outputs.dir!;
    expect(installed.startsWith(env.RUNNER_TEMP!)).toBe(true);
    const tool = join(installed, "lib", "node_modules", "rml-assess");
    expect(existsSync(join(tool, "dist"))).toBe(true);
    const names = installedPackages(installed);
    expect(names.has("rml-assess")).toBe(true);
    for (const dev of Object.keys(pkg.devDependencies)) expect(names.has(dev), dev).toBe(false);
    const result = await expected(ws);
    expect(first.outputs).toEqual({ score: String(result.score), band: result.band, passed: "true", report: env.GITHUB_STEP_SUMMARY });
    expect(readFileSync(env.GITHUB_STEP_SUMMARY!, "utf8")).toContain("rml-assessment.yaml");
  });

  it("caches the install under a key of the tarball's content", () => {
    const out = (first.contexts.steps as Record<string, { outputs: Record<string, string> }>).package!.outputs;
    const sha = createHash("sha256").update(readFileSync(join(ws, "tools", `rml-assess-${pkg.version}.tgz`))).digest("hex");
    expect(out.key).toBe(sha);
    expect(out.spec).toBe(join(ws, "tools", `rml-assess-${pkg.version}.tgz`));
    const cache = steps.find((s) => s.id === "cache")!;
    expect(cache.uses).toMatch(/^actions\/cache@v\d+$/);
    expect(cache.with).toEqual({ path: "${{ steps.package.outputs.dir }}", key: "rml-assess-${{ runner.os }}-${{ steps.package.outputs.key }}" });
    expect(steps.find((s) => s.name === "Install rml-assess")!.if).toBe("steps.cache.outputs.cache-hit != 'true'");
  });

  it("installs this action's own release when no package is given, and says so when it cannot tell which", () => withTempDir((dir) => {
    const step = steps.find((s) => s.id === "package")!;
    const contexts = { inputs: { package: "" }, github: { action_repository: "acme/rml-assess" } };
    const r = runStep(step, contexts, { cwd: dir, env: { ...env, RUNNER_TEMP: dir }, temp: dir });
    const spec = `https://github.com/acme/rml-assess/releases/download/v${pkg.version}/rml-assess-${pkg.version}.tgz`;
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual({ spec, key: createHash("sha256").update(spec).digest("hex"), dir: join(dir, `rml-assess-${createHash("sha256").update(spec).digest("hex")}`) });
    expect(runStep(step, { ...contexts, inputs: { package: "rml-assess@1.2.3" } }, { cwd: dir, env, temp: dir }).outputs.spec).toBe("rml-assess@1.2.3");
    const unknown = runStep(step, { ...contexts, github: { action_repository: "" } }, { cwd: dir, env, temp: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toMatch(/^::error title=rml-assess::cannot tell which repository .*set the package input/);
  }));

  it("fails on a policy the assessment does not meet, with the outputs set", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "rml-assessment.yaml"), builtinAnswers("half-done"));
    const r = check({}, dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=rml-assessment.yaml,line=\d+,col=\d+,title=rml-assess UNANSWERED::/m);
    const result = await expected(dir);
    expect(r.outputs).toEqual({ score: String(result.score), band: result.band, passed: "false", report: join(dir, "summary.md") });
  }));

  it("gives no score for invalid input, and the written document as the report", () => withTempDir((dir) => {
    writeFileSync(join(dir, "rml-assessment.yaml"), builtinAnswers("invalid"));
    const r = check({ format: "sarif", output: "results.sarif" }, dir);
    expect(r.code).toBe(2);
    expect(r.outputs).toEqual({ score: "", band: "", passed: "false", report: "results.sarif" });
    expect(JSON.parse(readFileSync(join(dir, "results.sarif"), "utf8")).runs[0].results[0].ruleId).toBe("INVALID_INPUT");
  }));

  it("runs check with the inputs as flags", () => withTempDir((dir) => {
    writeFileSync(join(dir, "rml-assessment.yaml"), builtinAnswers("half-done"));
    mkdirSync(join(dir, "models"));
    writeFileSync(join(dir, "models", "second.yaml"), builtinAnswers("complete"));
    const flagged = check({
      files: "rml-assessment.yaml\n  models", "allow-unanswered": "true", "min-score-for": "bias-evaluation=30 displacement-strategy=40",
      "require-evidence": "false", format: "json",
    }, dir);
    expect(flagged.stderr).toBe("");
    expect(flagged.code).toBe(0);
    expect(JSON.parse(flagged.stdout).results.map((x: { file: string }) => x.file)).toEqual(["rml-assessment.yaml", "models/second.yaml"]);
    expect(flagged.outputs.passed).toBe("true");
    expect(flagged.outputs.report).toBe("");
    const strict = check({ files: "models/second.yaml", "max-age-days": "30", format: "sarif", output: "results.sarif" }, dir);
    expect([strict.code, strict.stdout]).toEqual([1, ""]);
    expect(JSON.parse(readFileSync(join(dir, "results.sarif"), "utf8")).runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(["MISSING_DATE"]);
    expect(strict.outputs.passed).toBe("false");
  }));

  it("maps every policy input to its flag: the JSON result names each key as coming from a flag", () => withTempDir((dir) => {
    sampleRepo(dir, "complete");
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "docs", "model-card.md"), "# Card\n");
    mkdirSync(join(dir, "tests", "fixtures"), { recursive: true });
    writeFileSync(join(dir, "tests", "fixtures", "broken.yaml"), "version: 1\nanswers: [\n");
    const r = check({
      files: ".", exclude: "tests/**\nnode_modules/**", baseline: "HEAD", "no-regressions": "true", "verify-evidence": "true", "require-signoff": "true",
      framework: "nist-ai-rmf", "min-coverage": "1", format: "json",
    }, dir);
    expect(r.stderr).toBe("");
    const result = JSON.parse(r.stdout).results;
    expect(result.map((x: { file: string }) => x.file)).toEqual(["rml-assessment.yaml"]);
    const keys = result[0].policy.keys as Record<string, { value: unknown; from: string }>;
    expect(keys).toMatchObject({
      baseline: { value: "HEAD", from: "flags" }, "no-regressions": { value: true, from: "flags" }, "verify-evidence": { value: true, from: "flags" },
      "require-signoff": { value: true, from: "flags" }, framework: { value: "nist-ai-rmf", from: "flags" }, "min-coverage": { value: 1, from: "flags" },
    });
    // min-level goes to a level pack's file; false turns the config's baseline and checks off.
    writeFileSync(join(dir, "mltrl.yaml"), readFileSync(join(REPO, "examples", "mltrl-anomaly-detector.yaml"), "utf8"));
    writeFileSync(join(dir, ".rml-assess.yaml"), "packs: [responsible-ml, mltrl]\npolicy:\n  baseline: HEAD\n  verify-evidence: true\n  require-signoff: true\n");
    const level = check({ files: "mltrl.yaml", "min-level": "9", baseline: "false", "verify-evidence": "false", "require-signoff": "false", format: "json" }, dir);
    const mltrl = JSON.parse(level.stdout).results[0];
    expect(level.code).toBe(1);
    expect(mltrl.findings.map((f: { code: string }) => f.code)).toEqual(["BELOW_MIN_LEVEL"]);
    expect(mltrl.policy.keys).toEqual({ "min-level": { value: 9, from: "flags" } });
    const bad = check({ "no-regressions": "yes" }, dir);
    expect([bad.code, bad.stdout]).toEqual([2, "::error title=rml-assess::input no-regressions must be true, false or empty\n"]);
  }));

  it("fetches origin/BRANCH named as the baseline into a shallow clone, so files are compared with it", () => withTempDir((dir) => {
    const origin = join(dir, "origin");
    sampleRepo(origin, "complete");
    const clone = join(dir, "clone");
    execFileSync("git", ["clone", "-q", "--depth=1", "--no-single-branch", `file://${origin}`, clone], { stdio: "pipe" });
    execFileSync("git", ["update-ref", "-d", "refs/remotes/origin/main"], { cwd: clone });
    const fetch = steps.find((s) => s.name === "Fetch the baseline revision")!;
    const contexts: Contexts = { ...first.contexts, inputs: { baseline: "origin/main" } };
    const r = runStep(fetch, contexts, { cwd: clone, env, temp: root });
    expect(r.code).toBe(0);
    expect(execFileSync("git", ["rev-parse", "--verify", "origin/main"], { cwd: clone, encoding: "utf8" }).trim()).toMatch(/^[0-9a-f]{40}$/);
    writeFileSync(join(clone, "rml-assessment.yaml"), builtinAnswers("half-done"));
    const compared = check({ baseline: "origin/main", "allow-unanswered": "true", format: "json" }, clone);
    expect(JSON.parse(compared.stdout).results[0].findings.map((f: { code: string }) => f.code)).toContain("ANSWER_REGRESSION");
    const missing = runStep(fetch, { ...contexts, inputs: { baseline: "origin/no-such-branch" } }, { cwd: clone, env, temp: root });
    expect(missing.code).toBe(0);
    expect(missing.stdout).toContain("::warning title=rml-assess::cannot fetch no-such-branch from origin");
  }));

  it("refuses a boolean input that is not true, false or empty", () => withTempDir((dir) => {
    writeFileSync(join(dir, "rml-assessment.yaml"), builtinAnswers("complete"));
    const r = check({ "allow-unanswered": "yes" }, dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("::error title=rml-assess::input allow-unanswered must be true, false or empty\n");
    expect(r.outputs.passed).toBe("false");
  }));

  it("keeps a file name that looks like an option or a glob a file name", () => withTempDir((dir) => {
    writeFileSync(join(dir, "--min-score=0.yaml"), builtinAnswers("half-done"));
    writeFileSync(join(dir, "*.yaml"), builtinAnswers("complete"));
    const r = check({ files: "--min-score=0.yaml *.yaml", format: "json" }, dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results.map((x: { file: string }) => x.file)).toEqual(["--min-score=0.yaml", "*.yaml"]);
  }));
});

describe("action.yml's shape", () => {
  it("is a composite action whose run steps name bash, take inputs only through env, and map its outputs to the check step", () => {
    expect(action.runs.using).toBe("composite");
    for (const step of steps) if (step.run) expect(step.shell).toBe("bash");
    // Inputs are never pasted into a script, where they could inject shell code.
    for (const step of steps) if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
    const used = steps.flatMap((s) => Object.values(s.env ?? {}).map((v) => /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(String(v))?.[1]).filter(Boolean));
    // An input that only switches a step on is read by that step's condition instead.
    const conditions = steps.flatMap((s) => [...String(s.if ?? "").matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]));
    expect([...new Set([...used, ...conditions])].sort()).toEqual(Object.keys(action.inputs).sort());
    expect(action.inputs.format.default).toBe("github");
    // Every policy key and CI flag is an input, each handed to check as its flag.
    const script = steps.find((st) => st.id === "check")!.run!;
    const flags: Record<string, string[]> = {
      "min-score": ["--min-score"], "min-principle-score": ["--min-principle-score"], "min-score-for": ["--min-score-for"], "allow-unanswered": ["allow-unanswered="],
      "require-evidence": ["require-evidence="], "max-age-days": ["--max-age-days"], baseline: ["--baseline", "--no-baseline"], "no-regressions": ["--no-regressions"],
      "verify-evidence": ["verify-evidence="], "require-signoff": ["require-signoff="], "min-level": ["--min-level"], framework: ["--framework"],
      "min-coverage": ["--min-coverage"], exclude: ["--exclude"], config: ["--config"], pack: ["--pack"],
    };
    for (const [input, shown] of Object.entries(flags)) {
      expect(action.inputs[input], input).toBeDefined();
      for (const flag of shown) expect(script, `${input} → ${flag}`).toContain(flag);
    }
    expect(Object.keys(action.outputs).sort()).toEqual(["band", "passed", "report", "score"]);
    for (const [name, o] of Object.entries(action.outputs as Record<string, { value: string }>)) expect(o.value).toBe(`\${{ steps.check.outputs.${name} }}`);
    // The action installs a package; it never builds or installs its own development tree.
    expect(steps.map((s) => s.run ?? "").join("\n")).not.toMatch(/npm (ci|run)|package-lock/);
  });
});
