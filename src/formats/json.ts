import type { CheckResult } from "../core/types.js";
import { TOOL } from "../version.js";
import { renderDocument, type CheckContext, type CheckFormat } from "./document.js";

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
  return `    ${JSON.stringify(result, null, 2).replace(/\n/g, "\n    ")}`;
}

/** The machine-readable result of `check`: `{ tool, passed, results }`, as documented in the README. */
export const jsonFormat: CheckFormat = {
  file,
  invalid: () => "",
  document(parts, files) {
    const head = `{\n  "tool": ${JSON.stringify(TOOL, null, 2).replace(/\n/g, "\n  ")},\n  "passed": ${files.every((f) => f.passed)},\n  "results": [`;
    if (!parts.length) return [`${head}]\n}\n`];
    return [`${head}\n`, ...parts.filter(Boolean).map((p, i) => (i ? `,\n${p}` : p)), "\n  ]\n}\n"];
  },
};

/** The whole JSON document for some results. */
export function json(results: CheckResult[], context?: CheckContext): string {
  return renderDocument(jsonFormat, results, context ?? ({ invalid: [] } as unknown as CheckContext));
}
