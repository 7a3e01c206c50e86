import type { Coverage } from "../../core/crosswalk.js";
import type { AssessmentDiff } from "../../core/diff.js";
import type { Assessment, ScoredPrinciple, ScoredQuestion, QuestionStatus } from "../../core/types.js";
import { textBar } from "../../text/bar.js";
import { actionItem, auditContext, evidenceItem, type AuditMeta } from "./audit.js";
import { changesContext } from "./changes.js";
import { coverageContext, itemsByQuestion, mappingAppendix } from "./coverage.js";
import { safeHref } from "../../text/escape.js";
import { questionNumber } from "./question-number.js";
import { radarChart } from "./radar.js";

/** What a report says about its own making. */
export interface ReportMeta {
  toolName: string;
  toolVersion: string;
  generated: string;
  /** sha256 of the answers file's bytes. */
  answersFingerprint: string;
  /** Evidence facts, provenance and the day overdue actions count to; without it, none are known. */
  audit?: AuditMeta;
}

/** How a format makes strings safe: `text` for prose, `href` for link destinations. */
export interface Escape {
  text: (text: string) => string;
  /** null when the destination cannot be a link in this format: it is shown as text instead. */
  href: (href: string) => string | null;
  /** For names shown literally: in markdown a whole code span (backticks included), in HTML the text. */
  code: (text: string) => string;
}

const STATUS_LABEL: Record<QuestionStatus, string> = { yes: "Yes", partial: "Partial", no: "No", "n/a": "N/A", unanswered: "Unanswered" };

export function statusLabel(a: Assessment, status: QuestionStatus): string {
  if (status === "unanswered") return STATUS_LABEL.unanswered;
  return a.pack.answerOptions.find((o) => o.id === status)?.label ?? STATUS_LABEL[status];
}

/**
 * Points the overall score would gain if this question were answered yes: how "heavy" a gap is.
 * It follows the scoring rule: the question's share of its principle, times the principle's share.
 */
function gain(a: Assessment, p: ScoredPrinciple, q: ScoredQuestion): number {
  const principleWeight = p.questions.filter((x) => x.value !== null).reduce((s, x) => s + x.question.weight, 0);
  const counted = a.principles.filter((x) => x.exact !== null);
  const overallWeight = counted.reduce((s, x) => s + x.principle.weight, 0);
  if (principleWeight === 0 || overallWeight === 0 || q.value === null) return 0;
  return (100 * q.question.weight * (1 - q.value) / principleWeight) * (p.principle.weight / overallWeight);
}

/** A link destination for user text, or null when it may not be a link (see safeHref). */
function linkFor(value: string, escape: Escape): string | null {
  const href = safeHref(value);
  return href === null ? null : escape.href(href);
}

/** What the pack's fingerprint covers, in the words of its kind: "Principle pack" and its principle files, or "Level pack" and its level files. */
function packFiles(a: Assessment, escape: Escape) {
  const levels = a.pack.scoring === "levels";
  return { label: levels ? "Level pack" : "Principle pack", sectionName: levels ? "level" : "principle", sections: a.pack.principles.map((p) => escape.text(p.id)) };
}

/**
 * The data every report template receives (documented in docs/templates.md), with what changed since a
 * previous assessment when one is given, and the coverage of each framework asked for. Strings from the answers
 * file and the pack pass through `escape.text`,
 * link destinations through `escape.href`; numbers and fixed labels do not need to.
 */
export function reportContext(a: Assessment, meta: ReportMeta, escape: Escape, previous: AssessmentDiff | null = null, coverage: Coverage[] = []) {
  const esc = escape.text;
  const mappedTo = itemsByQuestion(coverage, escape);
  const totals = { questions: 0, answered: 0, yes: 0, partial: 0, no: 0, na: 0, unanswered: 0 };
  for (const p of a.principles) {
    for (const [k, v] of Object.entries(p.counts)) totals[k as keyof typeof p.counts] += v;
    totals.questions += p.questions.length;
  }
  totals.answered = totals.questions - totals.unanswered;
  const audit: AuditMeta = meta.audit ?? { today: meta.generated.slice(0, 10), evidence: null, provenance: null };
  // Heaviest first; among equal weights, the earliest due action first (none last).
  const due = (q: ScoredQuestion) => q.answer?.action?.due ?? "9999-99-99";
  const gaps = a.principles.flatMap((p) => p.questions
    .filter((q) => q.status === "no" || q.status === "partial" || q.status === "unanswered")
    .map((q) => ({ p, q, gain: gain(a, p, q) })))
    .sort((x, y) => Number(y.gain.toFixed(1)) - Number(x.gain.toFixed(1)) || (due(x.q) < due(y.q) ? -1 : due(x.q) > due(y.q) ? 1 : 0) || x.p.principle.number - y.p.principle.number);
  return {
    tool: { name: meta.toolName, version: meta.toolVersion },
    generated: meta.generated,
    file: esc(a.answers.file),
    /** The answers file's name shown literally (markdown: a code span with its backticks). */
    fileCode: escape.code(a.answers.file),
    project: {
      name: esc(a.answers.project.name),
      owner: a.answers.project.owner ? esc(a.answers.project.owner) : null,
      description: a.answers.project.description ? esc(a.answers.project.description) : null,
      repository: a.answers.project.repository ? esc(a.answers.project.repository) : null,
      intendedUse: a.answers.project.intendedUse ? esc(a.answers.project.intendedUse) : null,
      risk: a.answers.project.risk ? esc(a.answers.project.risk) : null,
      /** The traits the file lists; null when the pack declares none, so there is nothing to say. */
      traits: a.pack.traits.length ? { list: (a.answers.project.traits ?? []).map(esc) } : null,
    },
    assessors: a.answers.assessors.map((x) => ({ name: esc(x.name), role: x.role ? esc(x.role) : null })),
    date: a.answers.date,
    pack: { id: esc(a.pack.id), title: esc(a.pack.title), version: esc(a.pack.version), source: a.pack.source ? esc(a.pack.source) : null, fingerprint: a.pack.fingerprint, origin: esc(a.pack.origin), ...packFiles(a, escape) },
    answersFingerprint: meta.answersFingerprint,
    overall: { score: a.score, exact: a.exact, band: a.band ? esc(a.band) : null, bar: textBar(a.score) },
    weakest: a.weakest ? { id: esc(a.weakest.principle.id), number: a.weakest.principle.number, title: esc(a.weakest.principle.title), score: a.weakest.score } : null,
    totals,
    bands: a.pack.bands.map((b, i) => ({ label: esc(b.label), min: b.min, max: (a.pack.bands[i + 1]?.min ?? 101) - 1, current: a.band === b.label })),
    radar: radarChart(a.principles.map((p) => ({ label: esc(`${p.principle.number}. ${p.principle.title}`), score: p.score }))),
    principles: a.principles.map((p) => ({
      id: esc(p.principle.id), number: p.principle.number, title: esc(p.principle.title), weight: p.principle.weight,
      commitment: p.principle.commitment ? { text: esc(p.principle.commitment.text), source: esc(p.principle.commitment.source), href: linkFor(p.principle.commitment.source, escape) } : null,
      summary: esc(p.principle.summary),
      score: p.score, band: p.band ? esc(p.band) : null, bar: textBar(p.score), counts: p.counts,
      weakest: a.weakest?.principle.id === p.principle.id,
      answered: p.questions.length - p.counts.unanswered, total: p.questions.length,
      questions: p.questions.map((q, i) => ({
        id: esc(q.question.id), number: questionNumber(p, i), text: esc(q.question.text), weight: q.question.weight, weighted: q.question.weight !== 1,
        status: q.status, statusLabel: esc(statusLabel(a, q.status)), naWithoutReason: q.naWithoutReason,
        notes: q.answer?.notes ? esc(q.answer.notes) : null,
        evidence: (q.answer?.evidenceEntries ?? []).map((e) => evidenceItem(e, a, audit, escape)),
        refs: q.question.refs.map(esc),
        frameworkItems: mappedTo.get(`${p.principle.id}/${q.question.id}`) ?? [],
      })),
      notApplying: p.notApplying.map(({ question: q }) => ({ id: esc(q.id), text: esc(q.text), appliesTo: q.appliesTo.map(esc) })),
    })),
    changes: previous ? changesContext(previous, escape) : null,
    coverage: coverageContext(coverage, a, escape),
    mappings: mappingAppendix(coverage, a, escape),
    gaps: gaps.map(({ p, q, gain: g }, i) => ({
      rank: i + 1,
      principle: { id: esc(p.principle.id), number: p.principle.number, title: esc(p.principle.title) },
      question: { id: esc(q.question.id), number: questionNumber(p, p.questions.indexOf(q)), text: esc(q.question.text), weight: q.question.weight },
      status: q.status, statusLabel: esc(statusLabel(a, q.status)), naWithoutReason: q.naWithoutReason,
      gain: g.toFixed(1),
      redFlag: esc(q.question.redFlag), recommendation: esc(q.question.recommendation), evidence: esc(q.question.evidence),
      refs: q.question.refs.map(esc),
      notes: q.answer?.notes ? esc(q.answer.notes) : null,
      action: actionItem(q.answer?.action ?? null, audit.today, escape),
    })),
    ...auditContext(a, audit, escape, totals.unanswered, totals.questions),
  };
}

export type ReportContext = ReturnType<typeof reportContext>;
