import { headline, type Coverage } from "../core/crosswalk.js";
import { NOT_CONFORMITY } from "../text/coverage.js";

const whole = (p: number | null) => (p === null ? null : Math.floor(p));

/**
 * One framework's coverage in the documented (pinned) shape: the pinned keys first, `coverage` being
 * the headline over every item that applies; group, rationale, reason, the mapping's coverage and
 * the figures over mapped items are additions.
 */
export function coverageJson(c: Coverage) {
  const { framework } = c.crosswalk;
  return {
    framework: { id: framework.id, title: framework.title, version: framework.version, source: framework.source },
    items: c.items.map((i) => ({
      id: i.item.id, title: i.item.title, status: i.status,
      questions: i.questions.map((q) => ({ principle: q.principle, question: q.question, answer: q.answer, rationale: q.rationale, ...(q.answer === "n/a" ? { notes: q.notes } : {}) })),
      group: i.item.group,
      ...(i.item.article !== null ? { article: i.item.article } : {}),
      ...(i.item.paragraph !== null ? { paragraph: i.item.paragraph } : {}),
      reason: i.reason,
      coverage: i.item.coverage ?? null,
      uncovered: i.item.uncovered ?? null,
      evidence: i.evidence,
      limits: i.limits,
    })),
    counts: c.counts,
    coverage: whole(c.percent),
    total: c.total,
    applicable: c.applicable,
    mapped: c.mapped,
    mappedCoverage: whole(c.mappedPercent),
    headline: headline(c),
    evidenceVerified: c.verified,
    notice: NOT_CONFORMITY,
  };
}

/** `crosswalk --format json`: the object of one framework, or an array of them when several are asked for. */
export function crosswalkJson(list: Coverage[]): string {
  const out = list.length === 1 ? coverageJson(list[0]!) : list.map(coverageJson);
  return `${JSON.stringify(out, null, 2)}\n`;
}
