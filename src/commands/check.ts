import { resolve } from "node:path";
import { Chalk } from "chalk";
import { EXIT, InputError, type Diagnostic } from "../errors.js";
import { findings as policyFindings, passes } from "../core/findings.js";
import { score } from "../core/score.js";
import type { CheckResult } from "../core/types.js";
import { githubSummary } from "../formats/github-summary.js";
import { checkFormats, REPORTS_INVALID_INPUT, type CheckContext } from "../formats/index.js";
import { generatedAt, today } from "../io/clock.js";
import { colorFor } from "../io/color.js";
import { answersFilesFor } from "../io/discover.js";
import type { Io } from "../io/io.js";
import { appendFileAtomic } from "../io/write.js";
import { loadConfig } from "../load/config.js";
import { answersFor, packFor } from "./inputs.js";
import { emit, refuseOverwritingInput } from "./output.js";
import { resolvePolicy, type PolicyFlags } from "./policy.js";

export interface CheckOptions extends PolicyFlags {
  format: string;
  pack?: string;
  /** A config file, or false for --no-config; undefined looks for .rml-assess.yaml. */
  config?: string | false;
  output?: string;
}

/** Appends the run's markdown summary to GitHub's GITHUB_STEP_SUMMARY file; a failure there only warns. */
function appendStepSummary(results: CheckResult[], context: CheckContext, io: Io): void {
  const target = io.env.GITHUB_STEP_SUMMARY;
  if (!target) return;
  try {
    appendFileAtomic(resolve(io.cwd, target), githubSummary(results, context));
  } catch (error) {
    io.stderr(`warning: cannot append the summary to GITHUB_STEP_SUMMARY (${target}): ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
  }
}

/**
 * `check`: validates and scores every file (directories expanded) against the policy from flags
 * and config, writes one document, and exits with the worst outcome: 2 invalid input, 1 a failed
 * policy, 0 all passed.
 */
export async function checkCommand(args: string[], opts: CheckOptions, io: Io): Promise<number> {
  const pack = packFor(opts, io);
  const config = loadConfig(opts.config, pack, io);
  const policy = resolvePolicy(config?.policy ?? {}, opts, pack);
  const files = answersFilesFor(args, io.cwd);
  refuseOverwritingInput(opts.output, config ? [...files, config.file] : files, io);
  const day = today(io);
  const results: CheckResult[] = [];
  const invalid: Diagnostic[] = [];
  for (const file of files) {
    try {
      const assessment = score(pack, answersFor(file, pack, io));
      const found = policyFindings(assessment, policy, day);
      results.push({ assessment, findings: found, passed: passes(found) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      invalid.push(...error.diagnostics);
    }
  }
  // Invalid input outranks a failed policy: exit 2 after reporting every broken file.
  const reportsInvalid = REPORTS_INVALID_INPUT.has(opts.format);
  if (invalid.length && !reportsInvalid) throw new InputError(invalid);
  const context: CheckContext = { pack, policy, invalid, generated: generatedAt(io) };
  const color = opts.output ? new Chalk({ level: 0 }) : colorFor(io.env, io.stdoutIsTTY);
  emit(checkFormats[opts.format]!(results, color, context), opts.output, io);
  if (opts.format === "github") appendStepSummary(results, context, io);
  if (invalid.length) throw new InputError(invalid, true);
  return results.every((r) => r.passed) ? EXIT.ok : EXIT.policy;
}
