import type { AssessmentDiff } from "../core/diff.js";
import type { Assessment } from "../core/types.js";

const side = (a: Assessment) => ({ file: a.answers.file, score: a.score, band: a.band });

/** `diff --format json`: the shape the README pins, so scripts can rely on it, and nothing else. */
export function diffJson(d: AssessmentDiff): string {
  return `${JSON.stringify({
    // Added before the pinned keys: what loosens the check is listed first.
    metadata: d.metadata.map((m) => ({ code: "METADATA_REGRESSION", kind: m.kind, message: m.message, line: m.position.line, column: m.position.column })),
    before: side(d.before),
    after: side(d.after),
    delta: d.delta,
    principles: d.principles.map((p) => ({ id: p.id, before: p.before, after: p.after, delta: p.delta })),
    changes: d.changes.map((c) => ({ principle: c.principle, question: c.question, before: c.before, after: c.after, kind: c.kind })),
  }, null, 2)}\n`;
}
