import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** How GitHub's runner starts a `shell: bash` step (its script given here with -c). */
export const RUNNER_BASH = ["--noprofile", "--norc", "-eo", "pipefail", "-c"];

export interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

/** The expression contexts a step sees: `inputs`, `github`, `runner`, `steps.<id>.outputs`. */
export type Contexts = Record<string, unknown>;

function lookup(path: string, contexts: Contexts): unknown {
  return path.split(".").reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), contexts);
}

/** Expands `${{ a.b.c }}` property references, the only expressions our YAML files use in values. */
export function expand(text: string, contexts: Contexts): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => String(lookup(path, contexts) ?? ""));
}

/**
 * Evaluates a step's `if:` of the forms our files use: terms joined by `&&`, each `a.b == 'x'`,
 * `a.b != 'x'`, a bare `a.b` (true when set and not empty), or `!cancelled()` (a run here is never
 * cancelled), optionally inside `${{ }}`.
 */
export function condition(text: string, contexts: Contexts): boolean {
  const body = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text)?.[1] ?? text;
  return body.split("&&").every((term) => {
    if (/^\s*!cancelled\(\)\s*$/.test(term)) return true;
    const compare = /^\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(term);
    if (compare) {
      const value = String(lookup(compare[1]!, contexts) ?? "");
      return compare[2] === "==" ? value === compare[3] : value !== compare[3];
    }
    const bare = /^\s*([\w.-]+)\s*$/.exec(term);
    if (bare) {
      const value = lookup(bare[1]!, contexts);
      return value !== undefined && value !== null && value !== "" && value !== false;
    }
    throw new Error(`unsupported if: ${text}`);
  });
}

/** Reads a GITHUB_OUTPUT file of `name=value` lines. */
export function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

export interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Runs one `run:` step as the runner does: bash, the step's env expanded, a fresh GITHUB_OUTPUT file. */
export function runStep(step: Step, contexts: Contexts, opts: { cwd: string; env: Record<string, string>; temp: string }): StepRun {
  const output = join(mkdtempSync(join(opts.temp, "step-")), "github_output");
  writeFileSync(output, "");
  const env: Record<string, string> = { ...opts.env, GITHUB_OUTPUT: output };
  for (const [name, value] of Object.entries(step.env ?? {})) env[name] = expand(String(value), contexts);
  const r = spawnSync("bash", [...RUNNER_BASH, step.run!], { cwd: opts.cwd, env, encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, outputs: readOutputs(output) };
}

/**
 * Runs a composite action's steps in order without GitHub: `run:` steps for real, `uses:` steps
 * (the cache) as a miss with no outputs; stops at the first failing step, as the runner does.
 * Returns each step's run and the action's outputs as its `outputs:` section maps them.
 */
export function runComposite(action: { inputs: Record<string, { default?: string }>; outputs?: Record<string, { value: string }>; runs: { steps: Step[] } }, inputs: Record<string, string>, opts: { cwd: string; env: Record<string, string>; temp: string; github?: Record<string, string> }) {
  const resolvedInputs = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, inputs[name] ?? spec.default ?? ""]));
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  const contexts: Contexts = { inputs: resolvedInputs, github: { action_path: opts.env.GITHUB_ACTION_PATH, ...opts.github }, runner: { os: "Linux", temp: opts.env.RUNNER_TEMP }, steps };
  const runs: (StepRun & { step: Step })[] = [];
  let code = 0;
  for (const step of action.runs.steps) {
    if (step.if && !condition(step.if, contexts)) continue;
    if (step.uses) {
      if (step.id) steps[step.id] = { outputs: {} };
      continue;
    }
    const r = runStep(step, contexts, opts);
    runs.push({ ...r, step });
    if (step.id) steps[step.id] = { outputs: r.outputs };
    if (r.code !== 0) {
      code = r.code;
      break;
    }
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([name, o]) => [name, expand(o.value, contexts)]));
  return { code, runs, outputs, contexts };
}
