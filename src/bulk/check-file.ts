import { dirname, resolve } from "node:path";
import type { ChalkInstance } from "chalk";
import type { AuditFacts, LastChange } from "../core/audit.js";
import { coverageFindings, type Crosswalk } from "../core/crosswalk.js";
import { evidenceCounts } from "../core/evidence.js";
import { probeFindings, type ProbeScan } from "../core/probes.js";
import { findings as policyFindings, packMismatch, passes } from "../core/findings.js";
import { score } from "../core/score.js";
import { signedOffState } from "../core/sign-off.js";
import type { Answers, Assessment, Pack, Position } from "../core/types.js";
import type { CheckResult, Finding, Policy } from "../core/verdict.js";
import { summarize, type CheckContext, type CheckFormat, type FileSummary } from "../formats/document.js";
import { evidenceFacts, type Lookups } from "../io/evidence-files.js";
import { repositoryRoot } from "../io/repository.js";
import { baselineMissing, baselineOf, type BaselineSpec } from "./baseline.js";

/** A policy as applied to a file, with where each of its keys came from. */
export interface Applied {
  policy: Policy;
  origins: Map<string, string>;
}

/**
 * The rules a run checks each valid file by, as plain data (a worker thread gets a copy): the
 * general policy, the policy of each risk tier the config has (for files whose project.risk names
 * it), the crosswalks whose coverage a policy checks, whether the result counts evidence (which
 * looks at the evidence files, relative to each answers file), and the run's evidence lookups.
 */
export interface FileRules {
  general: Applied;
  tiers: Map<string, Applied>;
  crosswalks: Crosswalk[];
  countEvidence: boolean;
  cwd: string;
  lookups: Lookups;
  /** The policy's baseline, loaded for each file (a bare revision: the file's own earlier version); null for none. */
  baseline: BaselineSpec | null;
  /** Date the answers' last change for every signed-off file, so the result says whether its sign-off is stale (the JSON result, `summary`). */
  signOffState?: boolean;
  /** Under the probe policy key: the pack's probes run over each repository of the run, by its root (`repositoryRoot`); null when no policy of the run probes. */
  probes?: Map<string, ProbeScan> | null;
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
async function auditFactsFor(answers: Answers, policy: Policy, rules: FileRules): Promise<AuditFacts> {
  const pinned = answers.answers.size > 0 && [...answers.answers.values()].some((qs) => [...qs.values()].some((a) => a.evidenceEntries.some((e) => e.sha256)));
  const evidence = policy.verifyEvidence || pinned || rules.countEvidence ? evidenceFacts(answers, rules.cwd, false, rules.lookups) : null;
  return { evidence, lastChange: policy.requireSignoff || rules.signOffState ? await lastChangeOf(answers, rules.cwd) : null };
}

/** When the answers last changed, to date a sign-off by (git, loaded only when there is a sign-off); null without one. */
async function lastChangeOf(answers: Answers, cwd: string): Promise<LastChange | null> {
  if (!answers.signOff.length) return null;
  const { lastAnswerChange } = await import("../io/history.js");
  return lastAnswerChange(answers, cwd);
}

/** The probe scan of the repository holding an answers file; made before the run for every file a probing policy judges. */
function scanOf(answers: Answers, rules: FileRules): ProbeScan {
  const root = repositoryRoot(dirname(resolve(rules.cwd, answers.file)));
  const scan = rules.probes?.get(root);
  if (!scan) throw new Error(`no probe scan for ${root}, which holds ${answers.file}`);
  return scan;
}

/** The policy's findings with the coverage ones merged in, in the same order (by position, then code). */
function withCoverage(found: Finding[], coverage: Finding[]): Finding[] {
  if (!coverage.length) return found;
  return [...found, ...coverage].sort((x, y) => x.line - y.line || x.column - y.column || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
}

/**
 * One valid answers file checked: scored, judged by the policy of its risk tier (or the general
 * one), with the audit rules' facts and each named framework's coverage; pass or fail. `today` is
 * asked for only when a maximum age or an action's due date needs it.
 */
export async function checkAnswers(pack: Pack, answers: Answers, rules: FileRules, today: () => string): Promise<CheckResult> {
  const assessment = score(pack, answers);
  const applied = (answers.project.risk !== undefined && rules.tiers.get(answers.project.risk)) || rules.general;
  const { policy } = applied;
  const facts = await auditFactsFor(answers, policy, rules);
  const day = policy.maxAgeDays !== null || hasDueDates(assessment) ? today() : "";
  const crosswalks = rules.crosswalks.filter((c) => policy.frameworks.includes(c.framework.id));
  const baseline = rules.baseline && (await baselineOf(rules.baseline, answers.file, pack, rules.cwd));
  const extra = coverageFindings(assessment, crosswalks, policy.minCoverage, { facts: policy.verifyEvidence ? facts.evidence : null });
  if (baseline && "missing" in baseline) extra.push(baselineMissing(baseline.missing));
  if (policy.probe) extra.push(...probeFindings(answers, scanOf(answers, rules), policy.requireProbeAgreement ? "error" : "warning"));
  const earlier = baseline && "assessment" in baseline ? baseline.assessment : null;
  const found = withCoverage(policyFindings(assessment, policy, day, earlier, facts), extra);
  const signedOff = rules.signOffState ? { signedOff: signedOffState(answers, facts.lastChange) } : {};
  return { assessment, findings: found, passed: passes(found), applied, evidence: evidenceCounts(answers, facts.evidence), ...signedOff };
}

/**
 * A file whose `pack:` names a pack the policy does not allow: scored against its own pack only so
 * that every format can show the file, judged by nothing but PACK_MISMATCH (it fails). Its sign-off
 * is a fact about the file, not a verdict: when the result says sign-offs (`signOff.state`), it says
 * this file's too.
 */
export async function mismatchedAnswers(pack: Pack, answers: Answers, allowed: string[], at: Position, applied: Applied, signOff: { state: boolean; cwd: string }): Promise<CheckResult> {
  const signedOff = signOff.state ? { signedOff: signedOffState(answers, await lastChangeOf(answers, signOff.cwd)) } : {};
  return { assessment: score(pack, answers), findings: [packMismatch(pack.id, allowed, at)], passed: false, applied, ...signedOff };
}

/**
 * What a worker thread needs to check and render the files of a large run itself, as plain data
 * (a worker gets a copy): the format by name, the rules, the day a maximum age or a due date counts
 * to, the run's time, the colour level, and whether summaries keep their findings (the step
 * summary's rows). A baseline is read on the worker, for each file.
 */
export interface CheckJob {
  format: string;
  rules: FileRules;
  day: string;
  generated: string;
  colorLevel: 0 | 1 | 2 | 3;
  verbose: boolean;
  keepFindings: boolean;
  /** The pack whose policy the run's policy line shows. */
  policyPack: string;
  /** The command as the user types it, for next-step hints. */
  command: string;
}

/**
 * A file checked on a worker: its part of the document, already rendered, and its summary. The
 * part reaches the main thread as UTF-8 bytes (`Uint8Array`), moved rather than copied; on the
 * worker, until the batch is sent, it is the index of those bytes among the batch's parts.
 */
export interface RenderedFile<Part extends string | Uint8Array | number = string> {
  file: string;
  part: Part;
  summary: FileSummary;
}

/** The context a worker renders with: the main thread's, rebuilt from the job (colours at `job.colorLevel`). */
export function jobContext(pack: Pack, cwd: string, job: CheckJob, color: ChalkInstance): CheckContext {
  let repository: CheckContext["repository"];
  return {
    pack, policy: job.rules.general.policy, invalid: [], generated: job.generated, state: { suites: 0 },
    color,
    policyOrigins: job.rules.general.origins, policyPack: job.policyPack, verbose: job.verbose, nextSteps: true, command: job.command,
    get repository() {
      return (repository ??= { cwd, root: repositoryRoot(cwd) });
    },
  };
}

/**
 * Checks one valid file and renders its part, as `check` does on its own thread: a worker sends
 * back a string and a small summary rather than the parsed file, which costs far more to copy
 * between threads than to render.
 */
export async function renderAnswers(pack: Pack, answers: Answers, job: CheckJob, context: CheckContext, format: CheckFormat): Promise<RenderedFile> {
  const result = await checkAnswers(pack, answers, job.rules, () => job.day);
  return { file: answers.file, part: format.file(result, context), summary: summarize(result, job.keepFindings) };
}
