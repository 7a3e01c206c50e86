import { evidenceCounts, evidenceStatus, type EvidenceFacts } from "../../core/evidence.js";
import type { Action, Assessment, EvidenceEntry } from "../../core/types.js";
import type { Escape } from "./context.js";
import type { Provenance, Unread } from "../../io/provenance.js";
import { blobUrl, provenanceContext } from "./provenance.js";
import { safeHref } from "../../text/escape.js";

/** What the report knows beyond the assessment for its audit parts, gathered by the command. */
export interface AuditMeta {
  /** YYYY-MM-DD, the day the report counts overdue actions to (SOURCE_DATE_EPOCH's day when set). */
  today: string;
  evidence: EvidenceFacts | null;
  /** Where the answers file was read (null: not looked up, as in a template preview). */
  provenance: Provenance | Unread | null;
}

/**
 * An evidence entry for a report: a URL links to itself; a relative path links into the
 * repository read, at the commit, when that can be known, and is plain text otherwise (a relative link
 * would resolve against wherever the report is saved). `status` marks missing or changed files.
 */
export function evidenceItem(entry: EvidenceEntry, a: Assessment, meta: AuditMeta, escape: Escape) {
  const status = evidenceStatus(entry, meta.evidence);
  const url = /^https?:\/\//i.test(entry.ref) ? safeHref(entry.ref) : blobUrl(meta.provenance, entry.ref);
  return {
    text: escape.text(entry.ref),
    href: url === null ? null : escape.href(url),
    status,
    flagged: status === "missing" || status === "changed" ? status : null,
    pinned: Boolean(entry.sha256),
  };
}

/** An action for the report, its ticket linked only when it is an http(s) URL. */
export function actionItem(action: Action | null, today: string, escape: Escape) {
  if (!action) return null;
  const ticketUrl = /^https?:\/\/\S+$/i.test(action.ticket) ? safeHref(action.ticket) : null;
  return {
    owner: action.owner ? escape.text(action.owner) : null,
    due: action.due,
    overdue: Boolean(action.due && today && action.due < today),
    ticket: action.ticket ? { text: escape.text(action.ticket), href: ticketUrl === null ? null : escape.href(ticketUrl) } : null,
  };
}

/**
 * The report's audit parts: draft marking, sign-off, provenance and the executive summary's facts.
 * `scope` says which questions `open` and `questions` count when not all of them (a TRL card counts the gates that are due).
 */
export function auditContext(a: Assessment, meta: AuditMeta, escape: Escape, open: number, questions: number, scope: string | null = null) {
  const esc = escape.text;
  const draft = a.answers.status === "draft" || open > 0;
  const overdue: { id: string; owner: string | null; due: string }[] = [];
  for (const [p, qs] of a.answers.answers) {
    for (const [q, answer] of qs) {
      const act = answer.action;
      if (act?.due && meta.today && act.due < meta.today && answer.answer !== "yes") overdue.push({ id: esc(`${p}/${q}`), owner: act.owner ? esc(act.owner) : null, due: act.due });
    }
  }
  overdue.sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : 0));
  const weakest = a.principles
    .filter((p) => p.score !== null)
    .sort((x, y) => x.score! - y.score! || x.principle.number - y.principle.number)
    .slice(0, 3)
    .map((p) => ({ id: esc(p.principle.id), number: p.principle.number, title: esc(p.principle.title), score: p.score }));
  return {
    status: a.answers.status,
    draft: draft ? { open, questions, statusDraft: a.answers.status === "draft", scope: scope === null ? null : esc(scope) } : null,
    signOff: a.answers.signOff.map((s) => ({ name: esc(s.name), role: s.role ? esc(s.role) : null, date: s.date })),
    ...provenanceContext(a.answers.project.repository, meta.provenance, escape),
    executive: {
      weakest,
      open,
      overdue,
      evidence: evidenceCounts(a.answers, meta.evidence),
    },
  };
}
