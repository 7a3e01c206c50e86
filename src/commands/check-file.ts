import { Chalk } from "chalk";
import { coverageFindings, type Crosswalk } from "../core/crosswalk.js";
import { findings as policyFindings, passes } from "../core/findings.js";
import { score } from "../core/score.js";
import type { Answers, Assessment, CheckResult, Finding, Pack, Policy } from "../core/types.js";
import { checkFormats, summarize, type CheckContext, type FileSummary } from "../formats/index.js";
import { PLAIN } from "../io/color.js";
import { repositoryRoot } from "../io/repository.js";

/** The policy's findings with the coverage ones merged in, in the same order (by position, then code). */
function withCoverage(found: Finding[], coverage: Finding[]): Finding[] {
  if (!coverage.length) return found;
  return [...found, ...coverage].sort((x, y) => x.line - y.line || x.column - y.column || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
}

/**
 * One valid answers file checked: scored, its findings found (with the coverage of each framework
 * the policy names, from the pack's crosswalks), pass or fail.
 */
export function checkAnswers(pack: Pack, answers: Answers, policy: Policy, day: string, baseline: Assessment | null, crosswalks: Crosswalk[] = []): CheckResult {
  const assessment = score(pack, answers);
  const found = withCoverage(policyFindings(assessment, policy, day, baseline), coverageFindings(assessment, crosswalks, policy.minCoverage));
  return { assessment, findings: found, passed: passes(found) };
}

/**
 * What a worker thread needs to check and render the files of a large run itself, as plain data
 * (a worker gets a copy): the format by name, the policy, the day a maximum age counts to, the
 * run's time, the colour level, and whether summaries keep their findings (the step summary's rows).
 * Runs with a baseline compare one file and never use workers.
 */
export interface CheckJob {
  format: string;
  policy: Policy;
  day: string;
  generated: string;
  colorLevel: 0 | 1 | 2 | 3;
  policyOrigins: Map<string, string>;
  verbose: boolean;
  keepFindings: boolean;
  /** The crosswalks whose coverage the policy checks (none without --min-coverage). */
  crosswalks: Crosswalk[];
}

/** A file checked on a worker: its part of the document, already rendered, and its summary. */
export interface RenderedFile {
  file: string;
  part: string;
  summary: FileSummary;
}

/** The context a worker renders with: the main thread's, rebuilt from the job. */
export function jobContext(pack: Pack, cwd: string, job: CheckJob): CheckContext {
  let repository: CheckContext["repository"];
  return {
    pack, policy: job.policy, invalid: [], generated: job.generated, state: { suites: 0 },
    color: job.colorLevel === 0 ? PLAIN : new Chalk({ level: job.colorLevel }),
    policyOrigins: job.policyOrigins, verbose: job.verbose, nextSteps: true,
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
export function renderAnswers(pack: Pack, answers: Answers, job: CheckJob, context: CheckContext): RenderedFile {
  const result = checkAnswers(pack, answers, job.policy, job.day, null, job.crosswalks);
  return { file: answers.file, part: checkFormats[job.format]!.file(result, context), summary: summarize(result, job.keepFindings) };
}
