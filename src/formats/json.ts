import type { CheckResult } from "../core/types.js";
import { TOOL } from "../version.js";
import type { CheckFormat } from "./document.js";
import { jsonAt } from "./json-text.js";

/** One file's result in the documented shape, indented to sit inside the document's results array. */
function file({ assessment: a, findings, passed }: CheckResult): string {
  const result = {
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
  };
  return `\n    ${jsonAt(result, 2)}`;
}

/**
 * The machine-readable result of `check`: `{ tool, results, passed }`, as documented in the README.
 * `passed` comes last so the results can be written out as each file is checked.
 */
export const jsonFormat: CheckFormat = {
  head: () => `{\n  "tool": ${jsonAt(TOOL, 1)},\n  "results": [`,
  file,
  invalid: () => "",
  separator: ",",
  tail: (files, written) => `${written ? "\n  " : ""}],\n  "passed": ${files.every((f) => f.passed)}\n}\n`,
};
