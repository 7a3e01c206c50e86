import type { Coverage } from "../core/crosswalk.js";

/** One framework's coverage in the documented (pinned) shape; group, rationale and reason are additions. */
export function coverageJson(c: Coverage) {
  const { framework } = c.crosswalk;
  return {
    framework: { id: framework.id, title: framework.title, version: framework.version, source: framework.source },
    items: c.items.map((i) => ({
      id: i.item.id, title: i.item.title, status: i.status,
      questions: i.questions.map((q) => ({ principle: q.principle, question: q.question, answer: q.answer, rationale: q.rationale })),
      group: i.item.group,
      ...(i.item.article !== null ? { article: i.item.article } : {}),
      ...(i.item.paragraph !== null ? { paragraph: i.item.paragraph } : {}),
      reason: i.reason,
    })),
    counts: c.counts,
    coverage: c.percent === null ? null : Math.floor(c.percent),
  };
}

/** `crosswalk --format json`: the object of one framework, or an array of them when several are asked for. */
export function crosswalkJson(list: Coverage[]): string {
  const out = list.length === 1 ? coverageJson(list[0]!) : list.map(coverageJson);
  return `${JSON.stringify(out, null, 2)}\n`;
}
