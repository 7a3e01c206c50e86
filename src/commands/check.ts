import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { EXIT, InputError, UsageError, type Diagnostic } from "../errors.js";
import { findings as policyFindings, passes } from "../core/findings.js";
import { score } from "../core/score.js";
import type { Answers, Assessment, CheckResult, Pack, Policy } from "../core/types.js";
import type { AuditFacts } from "../core/audit.js";
import { githubSummary, MAX_SUMMARY_ROWS } from "../formats/github-summary.js";
import { checkFormats, DocumentWriter, REPORTS_INVALID_INPUT, summarize, type CheckContext, type FileSummary } from "../formats/index.js";
import { generatedAt, today } from "../io/clock.js";
import { colorFor, PLAIN } from "../io/color.js";
import { answersFilesFor } from "../io/discover.js";
import type { Io } from "../io/io.js";
import { repositoryRoot } from "../io/repository.js";
import { appendFileAtomic } from "../io/write.js";
import { loadAnswersAt } from "../load/answers-file.js";
import { loadAll, workersFor } from "../load/many.js";
import { CONFIG_FILE } from "../paths.js";
import { packFor } from "./pack-option.js";
import { refuseOverwritingInput, sinkFor } from "./output.js";
import { policyOrigins, resolvePolicy, tierFor, VALIDATION_POLICY, type PolicyFlags } from "./policy.js";
import { evidenceCounts } from "../core/evidence.js";
import { evidenceFacts } from "../io/evidence-files.js";

export interface CheckOptions extends PolicyFlags {
  format: string;
  pack?: string;
  /** A config file, or false for --no-config; undefined looks for .rml-assess.yaml. */
  config?: string | false;
  output?: string;
  /** Threads to parse with (default: one per core, for runs of many files). */
  jobs?: number;
  /** Validate files and config only: no policy (commander refuses policy flags beside it). */
  validateOnly?: boolean;
  /** Globs (relative to the working directory) of paths to leave out, named or found in a directory. */
  exclude?: string[];
  /** List every finding in text output instead of a summary per principle. */
  verbose?: boolean;
}

/** The config file's settings, its parser loaded only when there is a config file to read. */
async function configFor(option: string | false | undefined, pack: Pack, io: Io) {
  if (option === false || (option === undefined && !existsSync(resolve(io.cwd, CONFIG_FILE)))) return null;
  const { loadConfig } = await import("../load/config.js");
  return loadConfig(option, pack, io);
}

/**
 * The baseline's assessment when the policy names one (a file or REF:PATH). It is compared with one
 * answers file, so a run over several files with a baseline is a usage error.
 */
async function baselineFor(policy: Policy, files: string[], pack: Pack, io: Io): Promise<Assessment | null> {
  if (policy.baseline === null) return null;
  if (files.length !== 1) {
    throw new UsageError(`a baseline is compared with one answers file, but ${files.length} were found`, "name one answers file with --baseline, or check the others in a run without it (--no-config skips a config's baseline)");
  }
  return score(pack, (await loadAnswersAt(policy.baseline, pack, io.cwd)).answers);
}

/** True when some answer's action has a due date, so today's date is needed. */
function hasDueDates(a: Assessment): boolean {
  for (const questions of a.answers.answers.values()) for (const answer of questions.values()) if (answer.action?.due) return true;
  return false;
}

/**
 * What the audit rules need from outside the core: the evidence files (existence, and the sha256
 * of pinned ones), looked up when something uses them (verify-evidence, a pin, the JSON result's
 * counts), and, under require-signoff, when the answers last changed (git, loaded only then).
 */
async function auditFactsFor(answers: Answers, policy: Policy, cwd: string, counts: boolean): Promise<AuditFacts> {
  const pinned = answers.answers.size > 0 && [...answers.answers.values()].some((qs) => [...qs.values()].some((a) => a.evidenceEntries.some((e) => e.sha256)));
  const evidence = policy.verifyEvidence || pinned || counts ? evidenceFacts(answers, cwd) : null;
  if (!policy.requireSignoff || !answers.signOff.length) return { evidence, lastChange: null };
  const { lastAnswerChange } = await import("../io/history.js");
  return { evidence, lastChange: lastAnswerChange(answers, cwd) };
}

/** Appends the run's markdown summary to GitHub's GITHUB_STEP_SUMMARY file; a failure there only warns. */
function appendStepSummary(results: FileSummary[], context: CheckContext, io: Io): void {
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
 * policy, 0 all passed. Files stream through: each is rendered once checked and then let go, and
 * large runs parse on worker threads.
 */
export async function checkCommand(args: string[], opts: CheckOptions, io: Io): Promise<number> {
  const pack = await packFor(opts, io);
  const config = await configFor(opts.config, pack, io);
  const policy = opts.validateOnly ? VALIDATION_POLICY : resolvePolicy(config?.policy ?? {}, opts, pack);
  const files = answersFilesFor(args, io.cwd, opts.exclude);
  const inputs = [...files, ...(config ? [config.file] : []), ...(policy.baseline ? [policy.baseline] : [])];
  refuseOverwritingInput(opts.output, inputs, io);
  const baseline = await baselineFor(policy, files, pack, io);
  const format = checkFormats[opts.format]!;
  const reportsInvalid = REPORTS_INVALID_INPUT.has(opts.format);
  // Dates are made only when something uses them (a maximum age, an action's due date; a format that prints the time).
  let day: string | undefined;
  const dayFor = (p: Policy, a: Assessment) => (p.maxAgeDays !== null || hasDueDates(a) ? (day ??= today(io)) : "");
  // A file whose project.risk has a section in the config's policy.risk is judged by that tier's policy.
  const tiers = new Map<string | null, { policy: Policy; origins: Map<string, string> }>();
  const general = { policy, origins: opts.validateOnly ? new Map([["allow-unanswered", "--validate-only"]]) : policyOrigins(config, opts) };
  tiers.set(null, general);
  const appliedFor = (risk: string | undefined) => {
    const tier = opts.validateOnly ? null : tierFor(config?.policy, risk);
    if (!tiers.has(tier)) tiers.set(tier, { policy: resolvePolicy(config?.policy ?? {}, opts, pack, tier), origins: policyOrigins(config, opts, tier) });
    return tiers.get(tier)!;
  };
  let generated: string | undefined;
  let repository: CheckContext["repository"];
  const invalid: Diagnostic[] = [];
  const context: CheckContext = {
    pack, policy, invalid, state: { suites: 0 },
    policyOrigins: general.origins, verbose: Boolean(opts.verbose), nextSteps: true,
    get generated() {
      return (generated ??= generatedAt(io));
    },
    get repository() {
      return (repository ??= { cwd: io.cwd, root: repositoryRoot(io.cwd) });
    },
    color: opts.output ? PLAIN : await colorFor(io.env, () => io.stdoutIsTTY),
  };
  const sink = sinkFor(opts.output, io);
  const summaries: FileSummary[] = [];
  try {
    const doc = new DocumentWriter(format, context, (text) => sink.write(text));
    let kept = 0;
    for await (const loaded of loadAll(files, pack, io.cwd, workersFor(files.length, opts.jobs), io.stderr)) {
      if ("problems" in loaded) {
        invalid.push(...loaded.problems);
        if (reportsInvalid) doc.part(format.invalid(loaded.file, loaded.problems, context));
        continue;
      }
      const assessment = score(pack, loaded.answers);
      const applied = appliedFor(loaded.answers.project.risk);
      const facts = await auditFactsFor(loaded.answers, applied.policy, io.cwd, opts.format === "json");
      const found = policyFindings(assessment, applied.policy, dayFor(applied.policy, assessment), baseline, facts);
      const result: CheckResult = { assessment, findings: found, passed: passes(found), applied, evidence: evidenceCounts(loaded.answers, facts.evidence) };
      // Once invalid input is known to fail the run, the other files need no rendering.
      if (!invalid.length || reportsInvalid) doc.part(format.file(result, context));
      summaries.push(summarize(result, kept < MAX_SUMMARY_ROWS));
      kept += found.length;
    }
    // Invalid input outranks a failed policy: exit 2, with nothing written unless the format reports it.
    if (invalid.length && !reportsInvalid) throw new InputError(invalid);
    doc.end(summaries);
    sink.commit();
  } catch (error) {
    sink.abort();
    throw error;
  }
  if (opts.format === "github") appendStepSummary(summaries, context, io);
  if (invalid.length) throw new InputError(invalid, true);
  return summaries.every((r) => r.passed) ? EXIT.ok : EXIT.policy;
}
