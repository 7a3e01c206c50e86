import type { Assessment, LevelResult } from "../core/types.js";
import type { CheckResult } from "../core/verdict.js";
import { policyEntries } from "./policy.js";
import { TOOL } from "../version.js";
import type { CheckContext, CheckFormat } from "./document.js";
import { jsonAt } from "../text/json.js";

/** A level pack's result: `level` (0-9), and what it rests on. */
function levelFields(a: Assessment, levels: LevelResult) {
  const next = levels.next;
  return {
    level: levels.level,
    readiness: {
      title: levels.current.title,
      phase: levels.current.phase ?? null,
      top: levels.top,
      claimed: a.answers.claimedLevel,
      history: a.answers.history,
      next: { level: next.section.principle.number, id: next.section.principle.id, open: next.open.map((q) => `${next.section.principle.id}/${q.question.id}`), checks: next.checks, passed: next.checks - next.open.length },
      sustained: levels.sustained,
      gatesReach: levels.gatesReach,
      cappedBy: levels.cappedBy,
    },
  };
}

/** A policy key's value as JSON (true, a number or a string) with where it came from. */
const keyValue = (v: string, from: string | undefined) => ({ value: v === "true" ? true : /^\d+(\.\d+)?$/.test(v) ? Number(v) : v, from: from ?? "default" });

/**
 * One file's result in the documented shape, on one line of the document's results array: compact
 * JSON, the same document as pretty-printed without its whitespace, is about a fifth quicker to make
 * and about 40% smaller to write (and to spool, for standard output) in a bulk run.
 */
function file({ assessment: a, findings, passed, applied, evidence, signedOff }: CheckResult, context: CheckContext): string {
  const policy = applied ?? (context.policy ? { policy: context.policy, origins: context.policyOrigins ?? new Map<string, string>() } : undefined);
  const result = {
    file: a.answers.file,
    project: a.answers.project,
    date: a.answers.date,
    assessors: a.answers.assessors,
    status: a.answers.status,
    signOff: a.answers.signOff.map((s) => ({ name: s.name, role: s.role, date: s.date })),
    // yes, no or stale: the sign-off against the answers' last change (what `summary` shows).
    signedOff: signedOff ?? null,
    evidence: evidence ?? null,
    policy: policy ? {
      risk: policy.policy.riskTier,
      keys: Object.fromEntries(policyEntries(policy.policy).map(([k, v]) => [k, keyValue(v, policy.origins.get(k))])),
      // Keys set for the run that this file's pack cannot take (listed only when there are some).
      ...(policy.policy.notApplicable.length ? { notApplicable: Object.fromEntries(policy.policy.notApplicable.map(([k, v]) => [k, keyValue(v, policy.origins.get(k))])) } : {}),
    } : null,
    pack: { id: a.pack.id, version: a.pack.version },
    score: a.score,
    band: a.band,
    weakest: a.weakest ? { principle: a.weakest.principle.id, score: a.weakest.score } : null,
    ...(a.levels ? levelFields(a, a.levels) : {}),
    principles: a.principles.map((p) => ({
      id: p.principle.id,
      title: p.principle.title,
      score: p.score,
      band: p.band,
      counts: p.counts,
      questions: p.questions.map((q) => ({ id: q.question.id, answer: q.answer?.answer ?? null, weight: q.question.weight })),
    })),
    // Answers to questions the pack has retired (the file was written for an older pack version).
    retiredAnswers: a.answers.retired.length,
    findings,
    passed,
  };
  return `\n    ${JSON.stringify(result)}`;
}

/**
 * The machine-readable result of `check`: `{ tool, results, passed }`, as documented in docs/formats.md.
 * `passed` comes last so the results can be written out as each file is checked.
 */
export const jsonFormat: CheckFormat = {
  head: () => `{\n  "tool": ${jsonAt(TOOL, 1)},\n  "results": [`,
  file,
  invalid: () => "",
  separator: ",",
  tail(run, written) {
    const systems = run.systems();
    const listed = systems.length ? `,\n  "systems": ${jsonAt(systems, 1)}` : "";
    return `${written ? "\n  " : ""}]${listed},\n  "passed": ${run.passed}\n}\n`;
  },
};
