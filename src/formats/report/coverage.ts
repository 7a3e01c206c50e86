import { headline, shownMappedPercent, shownPercent, type Coverage, type CoverageStatus, type MappedAnswer } from "../../core/crosswalk.js";
import { itemNote, itemStatusWords, NOT_CONFORMITY } from "../../text/coverage.js";
import type { Assessment } from "../../core/types.js";
import type { Escape } from "./context.js";
import { safeHref } from "../../text/escape.js";

/** Statuses in words (never colour alone); the badge reuses the report's answer colours. */
export const COVERAGE_LABEL: Record<CoverageStatus, string> = { met: "Met", partial: "Partial", gap: "Gap", unmapped: "Unmapped", "not-applicable": "Not applicable" };
const BADGE: Record<CoverageStatus, string> = { met: "yes", partial: "partial", gap: "no", unmapped: "unanswered", "not-applicable": "n/a" };
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const ANSWER_LABEL: Record<MappedAnswer, string> = { yes: "Yes", partial: "Partial", no: "No", "n/a": "N/A", unanswered: "Unanswered", "does-not-apply": "Does not apply" };

/** What the coverage partials (templates/partials/coverage.*.hbs) receive for each framework, escaped for the format. */
export function coverageContext(list: Coverage[], a: Assessment, escape: Escape) {
  const esc = escape.text;
  const textOf = new Map(a.pack.principles.flatMap((p) => p.questions.map((q) => [`${p.id}/${q.id}`, q.text])));
  return list.map((c) => {
    const { framework, groups } = c.crosswalk;
    const href = safeHref(framework.source);
    const byGroup = new Map<string, typeof c.items>();
    for (const item of c.items) byGroup.set(item.item.group, [...(byGroup.get(item.item.group) ?? []), item]);
    const order = [...groups.map((g) => g.id), ...[...byGroup.keys()].filter((g) => !groups.some((x) => x.id === g))];
    return {
      framework: {
        id: esc(framework.id), title: esc(framework.title), version: esc(framework.version), source: esc(framework.source),
        href: href === null ? null : escape.href(href), reuse: esc(framework.reuse),
      },
      counts: c.counts, notApplicable: c.counts["not-applicable"], mapped: c.mapped, total: c.total, applicable: c.applicable,
      percent: shownPercent(c), mappedPercent: shownMappedPercent(c), headline: esc(headline(c)), verified: c.verified, notice: esc(NOT_CONFORMITY),
      /** The items no question of the pack evidences, named once (the HTML report lists them by id). */
      unmappedItems: c.items.filter((i) => i.status === "unmapped").map((i) => ({ id: esc(i.item.id) })),
      groups: order.filter((g) => byGroup.has(g)).map((g) => ({
        id: esc(g), title: esc(groups.find((x) => x.id === g)?.title ?? (g || framework.title)),
        /** Whether any item of the group is evidenced by a question (the HTML report's table lists only those). */
        mapped: byGroup.get(g)!.some((i) => i.status !== "unmapped"),
        items: byGroup.get(g)!.map((i) => ({
          unmapped: i.status === "unmapped",
          id: esc(i.item.id), title: esc(i.item.title), status: i.status, statusLabel: capital(itemStatusWords(i)), badge: BADGE[i.status],
          reason: i.reason === null ? null : esc(i.reason), note: itemNote(i) ? esc(itemNote(i)) : null,
          coverage: i.item.coverage ?? null, uncovered: i.item.uncovered ? esc(i.item.uncovered) : null,
          questions: i.questions.map((q) => ({
            ref: esc(`${q.principle}/${q.question}`), text: esc(textOf.get(`${q.principle}/${q.question}`) ?? ""),
            answer: q.answer, answerLabel: ANSWER_LABEL[q.answer], rationale: esc(q.rationale),
          })),
        })),
      })),
    };
  });
}

/**
 * The report's appendix of framework mappings (HTML): one row per question mapped to an item of
 * any framework asked for, with its answer and the items of each framework, by principle in pack order. It
 * holds what the coverage tables no longer repeat per item, so two frameworks print in few pages.
 */
export function mappingAppendix(list: Coverage[], a: Assessment, escape: Escape) {
  if (!list.length) return null;
  const byQuestion = itemsByQuestion(list, escape);
  const frameworks = list.map((c) => escape.text(c.crosswalk.framework.title));
  const answerOf = new Map<string, MappedAnswer>(list.flatMap((c) => c.items.flatMap((i) => i.questions.map((q) => [`${q.principle}/${q.question}`, q.answer] as const))));
  const principles = a.pack.principles.map((p) => ({
    number: p.number, title: escape.text(p.title),
    rows: p.questions.flatMap((q) => {
      const key = `${p.id}/${q.id}`;
      const mapped = byQuestion.get(key);
      if (!mapped) return [];
      const answer = answerOf.get(key) ?? "unanswered";
      return [{
        id: escape.text(q.id), ref: escape.text(key), answerLabel: ANSWER_LABEL[answer], badge: answer === "does-not-apply" ? "n/a" : answer,
        frameworks: frameworks.map((f) => ({ items: mapped.find((m) => m.framework === f)?.items ?? [] })),
      }];
    }),
  })).filter((p) => p.rows.length);
  return { frameworks, columns: frameworks.length + 2, principles };
}

type MappedItems = { framework: string; items: { id: string; title: string }[] };

/** Per question (`principle/question`), the items of each framework it is mapped to, for the report's principle detail. */
export function itemsByQuestion(list: Coverage[], escape: Escape): Map<string, MappedItems[]> {
  const out = new Map<string, MappedItems[]>();
  for (const c of list) {
    const framework = escape.text(c.crosswalk.framework.title);
    for (const { item } of c.items) {
      for (const q of item.questions) {
        const key = `${q.principle}/${q.question}`;
        const entries = out.get(key) ?? [];
        let entry = entries.find((e) => e.framework === framework);
        if (!entry) entries.push((entry = { framework, items: [] }));
        entry.items.push({ id: escape.text(item.id), title: escape.text(item.title) });
        out.set(key, entries);
      }
    }
  }
  return out;
}
