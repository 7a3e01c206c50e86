import { sectionRequired } from "../../core/levels.js";
import type { Assessment, HistoryEntry, LevelResult, ScoredQuestion } from "../../core/types.js";
import { claimProblem, gateClause, historyStep, levelSentence } from "../../text/levels.js";
import { auditContext, evidenceItem, type AuditMeta } from "./audit.js";
import { reportContext, statusLabel, type Escape, type ReportMeta } from "./context.js";

/** A question's answer as the card shows it. */
function item(a: Assessment, section: string, q: ScoredQuestion, escape: Escape, audit: AuditMeta) {
  return {
    id: escape.text(`${section}/${q.question.id}`), text: escape.text(q.question.text),
    status: q.status, statusLabel: escape.text(`${statusLabel(a, q.status)}${q.naNotAllowed ? " (n/a not allowed at this gate)" : ""}`),
    notes: q.answer?.notes ? escape.text(q.answer.notes) : null,
    evidence: (q.answer?.evidenceEntries ?? []).map((e) => evidenceItem(e, a, audit, escape)),
  };
}

/** The answered questions of a topic, in pack order; unanswered ones and those of other packs are left out. */
function topic(a: Assessment, ids: readonly string[], escape: Escape, audit: AuditMeta) {
  return a.principles.flatMap((p) => p.questions
    .filter((q) => ids.includes(`${p.principle.id}/${q.question.id}`) && q.answer?.answer)
    .map((q) => item(a, p.principle.id, q, escape, audit)));
}

/**
 * Each level as a cell of the level bar, in words (never colour alone): reached (its gate passed),
 * current (its gate open, or at the top level sustained or not), or not reached; with its gate's checks passed.
 */
function levelCells(levels: LevelResult, escape: Escape) {
  return levels.gates.map((g, level) => {
    const state = level < levels.level ? "passed" : level === levels.level ? "current" : "ahead";
    const top = level === levels.top;
    const label = state === "passed" ? "gate passed"
      : state === "current" ? (top ? (levels.sustained ? "current level, sustained" : "current level, not sustained") : "current level, gate open")
        : g.passed ? "not reached (checks passed, an earlier gate is open)" : "not reached";
    return {
      level, title: escape.text(g.section.principle.title), phase: escape.text(g.section.principle.phase ?? ""), state, label,
      mark: state === "passed" ? "■" : state === "current" ? "◆" : "□",
      answered: g.section.questions.length - g.section.counts.unanswered, passed: g.checks - g.open.length, total: g.checks,
    };
  });
}

/** The history in a line for the executive summary: its entries, switchbacks with their kinds, and the last step. */
function historySummary(history: readonly HistoryEntry[]) {
  const last = history.at(-1);
  return {
    entries: history.length,
    switchbacks: history.filter((h) => h.kind === "switchback").map((h) => ({ step: historyStep(h), level: h.level, date: h.date })),
    last: last ? { step: historyStep(last), level: last.level, date: last.date } : null,
  };
}

/**
 * The data the TRL card templates receive (docs/mltrl.md lists it): the report's header, pack,
 * draft marking, sign-off, fingerprint and provenance (from reportContext, so the card says what the
 * report says), and the level pack's own parts: its level, gates, history and topics. The report's
 * parts that score principles are left out: a gate is passed or open, never a score. Strings from the
 * answers file and the pack pass through `escape.text`, link destinations through `escape.href`.
 */
export function cardContext(a: Assessment, levels: LevelResult, meta: ReportMeta, escape: Escape) {
  const audit: AuditMeta = meta.audit ?? { today: meta.generated.slice(0, 10), evidence: null, provenance: null };
  const esc = escape.text;
  const { overall: _overall, weakest: _weakest, totals: _totals, bands: _bands, radar: _radar, principles: _principles, changes: _changes, coverage: _coverage, gaps: _gaps, ...shared } = reportContext(a, meta, escape);
  // Only the gates that are due count as open questions: those up to and including the next one.
  const due = a.principles.filter((_, i) => sectionRequired(levels, i));
  const questions = due.reduce((n, s) => n + s.questions.length, 0);
  const open = due.reduce((n, s) => n + s.counts.unanswered, 0);
  const scope = levels.level === levels.top ? `of levels 0 to ${levels.top}` : `of the gates up to level ${levels.level + 1}`;
  const { draft, executive: { weakest: _scored, ...executive } } = auditContext(a, audit, escape, open, questions, scope);
  const project = a.answers.project;
  const claimed = a.answers.claimedLevel;
  const history = a.answers.history;
  const first = history[0];
  const next = levels.next;
  return {
    ...shared,
    draft,
    executive: { ...executive, questions, history: historySummary(history) },
    project: { ...shared.project, system: project.system ? esc(project.system) : null, component: project.component ? esc(project.component) : null },
    /** The file's assessors (the card's reviewers), as the report lists them. */
    reviewers: shared.assessors,
    level: {
      number: levels.level, top: levels.top, sentence: esc(levelSentence(levels)), gate: esc(gateClause(levels)),
      title: esc(levels.current.title), phase: levels.current.phase ? esc(levels.current.phase) : null,
      claimed, claimSupported: claimed === null ? null : claimProblem(levels, claimed) === null,
      claimProblem: claimed === null ? null : claimProblem(levels, claimed),
      sustained: levels.sustained, gatesReach: levels.gatesReach,
      cells: levelCells(levels, escape),
      bar: levelCells(levels, escape).map((c) => c.mark).join(""),
    },
    history: {
      entries: history.map((h) => ({ level: h.level, date: h.date, kind: h.kind, switchback: h.kind === "switchback", step: historyStep(h), note: h.note ? esc(h.note) : null })),
      /** The last entry when it is a switchback that caps the level below what the gates reach. */
      cappedBy: levels.cappedBy ? { level: levels.cappedBy.level, date: levels.cappedBy.date, step: historyStep(levels.cappedBy) } : null,
      /** The level the recorded path starts at when it is not 0: a project that entered from an existing model. */
      enteredAt: first && first.level > 0 ? first.level : null,
      switchbacks: history.filter((h) => h.kind === "switchback").length,
    },
    next: {
      ongoing: levels.level === levels.top,
      level: next.section.principle.number, title: esc(next.section.principle.title),
      to: next.section.principle.number + 1, passed: next.checks - next.open.length, checks: next.checks,
      open: next.open.map((q) => item(a, next.section.principle.id, q, escape, audit)),
    },
    // The pack names each topic and the questions that fill it (pack.yaml's card-topics); a question the file leaves unanswered is left out.
    topics: (a.pack.cardTopics ?? []).map(({ title, questions }) => ({ title: esc(title), slug: title.toLowerCase().replace(/[^a-z]+/g, "-"), items: topic(a, questions, escape, audit) })),
  };
}

export type CardContext = ReturnType<typeof cardContext>;
