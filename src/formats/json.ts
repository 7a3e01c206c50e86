import type { CheckResult } from "../core/types.js";
import { TOOL } from "../version.js";

/** The machine-readable result of `check`: the shape documented in the README, stable across versions. */
export function json(results: CheckResult[]): string {
  const doc = {
    tool: TOOL,
    passed: results.every((r) => r.passed),
    results: results.map(({ assessment: a, findings, passed }) => ({
      file: a.answers.file,
      project: a.answers.project,
      pack: { id: a.pack.id, version: a.pack.version },
      score: a.score,
      band: a.band,
      weakest: a.weakest ? { principle: a.weakest.principle.id, score: a.weakest.score } : null,
      principles: a.principles.map((p) => ({
        id: p.principle.id,
        title: p.principle.title,
        score: p.score,
        band: p.band,
        counts: p.counts,
        questions: p.questions.map((q) => ({ id: q.question.id, answer: q.answer?.answer ?? null, weight: q.question.weight })),
      })),
      findings,
      passed,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
