import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { EXIT, InputError, UsageError, type Diagnostic } from "../errors.js";
import type { Pack } from "../core/types.js";
import type { Policy } from "../core/verdict.js";
import { DocumentWriter, REPORTS_INVALID_INPUT, RunTally, summarize, type CheckContext, type FileSummary } from "../formats/document.js";
import { loadFormat } from "../formats/index.js";
import { generatedAt, today } from "../io/clock.js";
import { colorFor, PLAIN } from "../io/color.js";
import { discoverAnswersFiles } from "../io/discover.js";
import { terminalSafe } from "../io/terminal.js";
import type { Io } from "../io/io.js";
import { repositoryRoot } from "../io/repository.js";
import { commandName } from "../io/invocation.js";
import { checkAll, loadAll, workersFor } from "../bulk/many.js";
import { CONFIG_FILE } from "../paths.js";
import { checkAnswers, mismatchedAnswers, type Applied, type CheckJob, type FileRules } from "../bulk/check-file.js";
import { baselineSpec, type BaselineSpec } from "../bulk/baseline.js";
import { builtinFrameworks, crosswalksFor, frameworksOfPack } from "./frameworks.js";
import { packInputs } from "./pack-option.js";
import { allowedPacks, groupByPack } from "./allowed-packs.js";
import type { Config } from "../load/config.js";
import { refuseOverwritingInput, sinkFor } from "./output.js";
import { StepSummary } from "./step-summary.js";
import { policyOrigins, refuseInapplicableFlags, resolvePolicy, VALIDATION_POLICY, type PolicyFlags } from "./policy.js";
import { newLookups } from "../io/evidence-files.js";

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

/**
 * The config file's settings (its parser loaded only when there is a config file to read) and the
 * packs the run allows: --pack, else the config's `packs:`, else the default pack.
 */
async function configFor(opts: CheckOptions, io: Io): Promise<{ config: Config | null; allowed: Pack[] }> {
  const option = opts.config;
  if (option === false || (option === undefined && !existsSync(resolve(io.cwd, CONFIG_FILE)))) return { config: null, allowed: await allowedPacks(opts, undefined, io.cwd, io) };
  const { loadConfig } = await import("../load/config.js");
  let allowed: Pack[] = [];
  const config = await loadConfig(option, async (packs, dir) => (allowed = await allowedPacks(opts, packs, dir, io)), io);
  return { config, allowed: allowed.length ? allowed : await allowedPacks(opts, undefined, io.cwd, io) };
}

/**
 * The policy's baseline for a run. A bare revision (origin/main) compares each file with its own
 * earlier version, so it suits any number of files; one file, or REF:PATH, is compared with one
 * answers file, so a run over several files with it is a usage error.
 */
function baselineFor(policy: Policy, files: string[], io: Io): BaselineSpec | null {
  if (policy.baseline === null) return null;
  const spec = baselineSpec(policy.baseline, io.cwd);
  if (spec.path !== null && files.length !== 1) {
    throw new UsageError(`the baseline ${policy.baseline} is one answers file, but ${files.length} answers files were found`, `give a revision alone (--baseline origin/main, or baseline: origin/main in the config) to compare each file with its own earlier version, or turn the baseline off with --no-baseline`);
  }
  return spec;
}

/**
 * A summary from a worker thread, which comes with copies of every string, made to share the
 * strings this thread already has (the file's name, a band's name), so that what a large run
 * keeps of them (GitHub's step summary rows, the systems a level pack names) stays small.
 */
function sharing(): (summary: FileSummary, file: string) => FileSummary {
  const bands = new Map<string, string>();
  return (summary, file) => {
    if (summary.file === file) summary.file = file;
    if (summary.band !== null) {
      const band = bands.get(summary.band);
      if (band === undefined) bands.set(summary.band, summary.band);
      else summary.band = band;
    }
    return summary;
  };
}

/**
 * `check`: validates and scores every file (directories expanded) against the policy from flags
 * and config, writes one document, and exits with the worst outcome: 2 invalid input, 1 a failed
 * policy, 0 all passed. Files stream through: each is rendered once checked and then let go, and
 * large runs parse on worker threads.
 */
export async function checkCommand(args: string[], opts: CheckOptions, io: Io): Promise<number> {
  const discovery = discoverAnswersFiles(args, io.cwd, opts.exclude);
  const { files } = discovery;
  for (const l of discovery.skipped.lookAlikes) io.stderr(`warning: ${terminalSafe(l.path)} looks like an answers file, but ${l.why}; it was not checked (complete it, or leave it out with --exclude)\n`);
  // The policy chooses the packs (--pack, or the config's packs:); a file naming another fails (PACK_MISMATCH).
  const { config, allowed } = await configFor(opts, io);
  const groups = await groupByPack(files, allowed, io, discovery.packs);
  // Each found file's `pack:` line served the grouping alone: a run of 100,000 files lets them go now.
  discovery.packs.clear();
  const judged = groups.filter((g) => !g.mismatch);
  const pack = judged[0]?.pack ?? allowed[0]!;
  refuseInapplicableFlags(opts, judged.length ? judged.map((g) => g.pack) : [pack]);
  const baseline = baselineFor(opts.validateOnly ? VALIDATION_POLICY : resolvePolicy(config?.policy ?? {}, opts, pack), files, io);
  const inputs = [...files, ...(config ? [config.file] : []), ...(baseline?.ref === null ? [baseline.path!] : []), ...packInputs(opts, io)];
  refuseOverwritingInput(opts.output, inputs, io);
  if (opts.format === "github") {
    refuseOverwritingInput(io.env.GITHUB_STEP_SUMMARY || undefined, inputs, io, "the step summary (GITHUB_STEP_SUMMARY)", "GITHUB_STEP_SUMMARY must name a file of its own; GitHub sets it so");
  }
  const format = await loadFormat("check", opts.format);
  const reportsInvalid = REPORTS_INVALID_INPUT.has(opts.format);
  // Dates are made only when something uses them (a maximum age, an action's due date; a format that prints the time).
  let day: string | undefined;
  const todayOnce = () => (day ??= today(io));
  // Each pack's files are judged by the policy as it applies to that pack (its policy.pack section;
  // keys of the wrong kind, and frameworks it has no crosswalk for, shown as not applicable); a
  // file whose project.risk has a section in the config's policy.risk, by that tier's policy.
  const tierNames = opts.validateOnly ? [] : [...(config?.policy.risk?.keys() ?? [])];
  const named = opts.validateOnly ? [] : [...new Set([null, ...tierNames].flatMap((tier) => {
    const p = resolvePolicy(config?.policy ?? {}, opts, pack, tier);
    return p.minCoverage === null ? [] : p.frameworks;
  }))];
  // The packs judged here: those of the files the policy allows, or the first allowed one when none is (its policy still shows).
  const judgedPacks = [pack, ...judged.map((g) => g.pack)].filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
  const available = new Map(await Promise.all(judgedPacks.map(async (p) => [p.id, await frameworksOfPack(named, p, io)] as const)));
  // A framework that neither a checked pack nor a built-in one has a crosswalk for is a mistake: the first pack's loader says so.
  const builtin = named.length ? await builtinFrameworks(io) : [];
  const unknown = named.filter((id) => !builtin.includes(id) && ![...available.values()].some((ids) => ids.includes(id)));
  if (unknown.length) await crosswalksFor(unknown, pack, io);
  const appliedFor = (p: Pack, tier: string | null): Applied => (opts.validateOnly
    ? { policy: VALIDATION_POLICY, origins: new Map([["allow-unanswered", "--validate-only"]]) }
    : { policy: resolvePolicy(config?.policy ?? {}, opts, p, tier, available.get(p.id)), origins: policyOrigins(config, opts, tier, p.id) });
  const lookups = newLookups();
  const rules = new Map<string, FileRules>();
  for (const p of judgedPacks) {
    const general = appliedFor(p, null);
    const tiers = new Map<string, Applied>(tierNames.map((tier) => [tier, appliedFor(p, tier)]));
    const frameworks = [...new Set([general, ...tiers.values()].flatMap((a) => (a.policy.minCoverage === null ? [] : a.policy.frameworks)))];
    const crosswalks = frameworks.length ? await crosswalksFor(frameworks, p, io) : [];
    rules.set(p.id, { general, tiers, crosswalks, countEvidence: opts.format === "json", signOffState: opts.format === "json", cwd: io.cwd, lookups, baseline });
  }
  // Under the probe key, each pack's probes run once per repository before any file is checked: a repository git cannot list fails the run here (exit 2).
  const probing = judgedPacks.filter((p) => [rules.get(p.id)!.general, ...rules.get(p.id)!.tiers.values()].some((a) => a.policy.probe));
  if (probing.length) {
    const { probeScansFor } = await import("./probe-scan.js");
    const scans = probeScansFor(judged.filter((g) => probing.some((p) => p.id === g.pack.id)), io);
    for (const p of probing) rules.get(p.id)!.probes = scans.get(p.id) ?? new Map();
  }
  const rulesFor = (p: Pack): FileRules => rules.get(p.id)!;
  const general = rulesFor(pack).general;
  let generated: string | undefined;
  let repository: CheckContext["repository"];
  const invalid: Diagnostic[] = [];
  const context: CheckContext = {
    pack, policy: general.policy, invalid, state: { suites: 0 },
    policyOrigins: general.origins, policyPack: pack.id, verbose: Boolean(opts.verbose), nextSteps: true, command: commandName(io),
    ...(discovery.searched ? { discovery: { checked: files.length, skipped: discovery.skipped } } : {}),
    get generated() {
      return (generated ??= generatedAt(io));
    },
    get repository() {
      return (repository ??= { cwd: io.cwd, root: repositoryRoot(io.cwd) });
    },
    color: opts.output ? PLAIN : await colorFor(io.env, () => io.stdoutIsTTY),
  };
  const sink = sinkFor(opts.output, io);
  // The run's tally for the document's end and the exit code; a row per file only for GitHub's step summary, which lists them.
  const run = new RunTally();
  const stepSummary = StepSummary.of(opts.format, io);
  const shared = sharing();
  try {
    const doc = new DocumentWriter(format, context, (text) => sink.write(text));
    const add = (part: () => string | Uint8Array, summary: FileSummary) => {
      // Once invalid input is known to fail the run, the other files need no rendering.
      if (!invalid.length || reportsInvalid) doc.part(part());
      run.add(summary);
      stepSummary?.add(summary);
    };
    const keepFindings = () => stepSummary?.wantsFindings ?? false;
    const workers = workersFor(files.length, opts.jobs);
    // Large runs check and render each file on the workers, which send back only its part and
    // summary; a format that numbers its parts across files (JUnit) is rendered here, in order.
    const job: CheckJob | null = workers && !format.ordered
      ? { format: opts.format, rules: rulesFor(pack), day: todayOnce(), generated: context.generated, colorLevel: (context.color?.level ?? 0) as CheckJob["colorLevel"], verbose: context.verbose!, keepFindings: opts.format === "github", policyPack: pack.id, command: context.command! }
      : null;
    const outcomes = async function* () {
      for (const group of groups) {
        if (group.mismatch) {
          // Parsed against the pack the file names, never judged by it: one PACK_MISMATCH each.
          let i = 0;
          for await (const loaded of loadAll(group.files, group.pack, io.cwd, workersFor(group.files.length, opts.jobs), io.stderr)) {
            const file = group.files[i++]!;
            yield { loaded, pack: group.pack, file, mismatch: group.mismatch.get(file) };
          }
          continue;
        }
        const each = job ? checkAll(group.files, group.pack, io.cwd, { ...job, rules: rulesFor(group.pack) }, workers, io.stderr) : loadAll(group.files, group.pack, io.cwd, workers, io.stderr);
        let i = 0; // Results come one per file, in order.
        for await (const loaded of each) yield { loaded, pack: group.pack, file: group.files[i++]!, mismatch: undefined };
      }
    };
    let n = 0;
    const allowedIds = allowed.map((p) => p.id);
    const signOff = { state: rulesFor(pack).signOffState === true, cwd: io.cwd };
    for await (const { loaded, pack, file, mismatch } of outcomes()) {
      // A turn of the event loop now and then lets SIGTERM or SIGHUP remove the output's temporary file.
      if (++n % 256 === 0) await new Promise(setImmediate);
      if ("problems" in loaded) {
        invalid.push(...loaded.problems);
        if (reportsInvalid) doc.part(format.invalid(loaded.file, loaded.problems, context));
      } else if ("part" in loaded) {
        add(() => loaded.part, shared(loaded.summary, file));
      } else if (mismatch) {
        const result = await mismatchedAnswers(pack, loaded.answers, allowedIds, mismatch, general, signOff);
        add(() => format.file(result, context), summarize(result, keepFindings()));
      } else {
        const result = await checkAnswers(pack, loaded.answers, rulesFor(pack), todayOnce);
        add(() => format.file(result, context), summarize(result, keepFindings()));
      }
    }
    // Invalid input outranks a failed policy: exit 2, with nothing written unless the format reports it.
    if (invalid.length && !reportsInvalid) throw new InputError(invalid);
    doc.end(run);
    sink.commit();
  } catch (error) {
    sink.abort();
    throw error;
  }
  stepSummary?.append(context, io);
  if (invalid.length) throw new InputError(invalid, true);
  return run.passed ? EXIT.ok : EXIT.policy;
}
