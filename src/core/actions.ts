import { sectionRequired } from "./levels.js";
import type { Assessment, ScoredPrinciple, ScoredQuestion } from "./types.js";

/** The answers that make a question a gap: no, partial, or none (n/a without a reason counts as none). */
export type GapKind = "no" | "partial" | "unanswered";
export const GAP_KINDS: readonly GapKind[] = ["no", "partial", "unanswered"];

/** One gap as tracked work: the pinned shape of `actions --format json` (docs/formats.md). */
export interface ActionItem {
  /** `principle/question`: stable across runs, so a tracker can tell an item it already has. */
  id: string;
  principle: string;
  question: string;
  answer: GapKind;
  title: string;
  /** Markdown: the question, the team's notes, the recommendation, the evidence expected, where the answer stands. */
  body: string;
  labels: string[];
  owner: string | null;
  due: string | null;
  ticket: string | null;
}

export interface ActionOptions {
  /** Which answers are gaps; all three by default. */
  include: readonly GapKind[];
  /** Only gaps of questions of this weight (weighted packs). */
  onlyWeight: number | null;
  /** Also the gaps whose answer names a ticket already (tracked). */
  all: boolean;
}

/** How the body's markdown is made safe, passed in so the core stays free of any format. */
export interface BodyEscape {
  /** User or pack text for inline markdown. */
  text: (text: string) => string;
  /** A name shown literally (a whole code span). */
  code: (text: string) => string;
  /** A link destination, or null when it may not be a link. */
  href: (url: string) => string | null;
}

/** Where the answers stand, for links: the web address of a line of the answers file, when known. */
export type LineLink = (line: number) => string | null;

/** The items to file, in order, and how many gaps were left out because a ticket tracks them. */
export interface ActionList {
  items: ActionItem[];
  tracked: number;
}

/** The longest title every tracker takes: GitHub 256, GitLab and Jira's summary 255 characters. */
export const TITLE_LIMIT = 255;

/** How much of the team's notes goes into a body: Jira's description holds 32,767 characters. */
const NOTES_LIMIT = 8_000;

/** The hidden line that names an item in its body, for finding the issue opened for it. */
export const marker = (id: string) => `<!-- rml-assess:${id} -->`;

/**
 * Text for a one-line title: control and invisible characters dropped, runs of white space one
 * space, then cut on a word boundary with an ellipsis so it fits `limit` characters.
 */
export function titleText(text: string, limit = TITLE_LIMIT): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, "")
    .replace(/\s+/g, " ").trim();
  const chars = [...flat];
  if (chars.length <= limit) return flat;
  const cut = chars.slice(0, limit - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * A user handle in an owner (`@alice` or `alice`) by GitHub's login rules: letters, digits and
 * single hyphens, not at either end, 39 characters at most. Null for a name or a team's name,
 * which stays in the body.
 */
export function handleOf(owner: string | null): string | null {
  const m = /^@?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})$/.exec(owner?.trim() ?? "");
  return m ? m[1]! : null;
}

function gapKind(q: ScoredQuestion): GapKind | null {
  return q.status === "no" || q.status === "partial" || q.status === "unanswered" ? q.status : null;
}

const ANSWER_WORDS: Record<GapKind, string> = { no: "No", partial: "Partial", unanswered: "Unanswered" };

/** The body of one item, in markdown, every piece of text escaped by `esc`. */
function bodyOf(a: Assessment, p: ScoredPrinciple, q: ScoredQuestion, kind: GapKind, esc: BodyEscape, link: LineLink): string {
  const level = a.levels !== undefined;
  const section = `${level ? "Level" : "Principle"} ${p.principle.number}. ${esc.text(p.principle.title)}`;
  const answer = q.naWithoutReason ? "Unanswered (n/a without a reason)" : ANSWER_WORDS[kind];
  const action = q.answer?.action;
  const lines = [
    `**${esc.text(q.question.text)}**`,
    "",
    `- Project: ${esc.text(a.answers.project.name)}`,
    `- ${section} (${esc.code(p.principle.id)})`,
    `- Question: ${esc.code(q.question.id)}${level ? "" : `, weight ${q.question.weight}`}`,
    `- Answer: ${answer}`,
  ];
  if (action?.owner) lines.push(`- Owner: ${esc.text(action.owner)}`);
  if (action?.due) lines.push(`- Due: ${action.due}`);
  if (action?.ticket) lines.push(`- Ticket: ${esc.text(action.ticket)}`);
  const notes = q.answer?.notes ?? "";
  if (notes) {
    const clipped = notes.length > NOTES_LIMIT ? `${notes.slice(0, NOTES_LIMIT)}… (cut here; the whole notes are in the answers file)` : notes;
    lines.push("", "### The team's notes", "", esc.text(clipped));
  }
  if (q.question.recommendation) lines.push("", "### Recommendation", "", esc.text(q.question.recommendation));
  if (q.question.evidence) lines.push("", "### Evidence expected", "", esc.text(q.question.evidence));
  if (q.answer) {
    const where = `${esc.code(a.answers.file)} line ${q.answer.position.line}`;
    const url = link(q.answer.position.line);
    const href = url === null ? null : esc.href(url);
    lines.push("", "### Where it is answered", "", href === null ? where : `[${where}](${href})`);
  } else lines.push("", "### Where it is answered", "", `Not yet: ${esc.code(a.answers.file)} has no entry for it.`);
  if (q.question.refs.length) lines.push("", `References: ${q.question.refs.map(esc.text).join("; ")}`);
  lines.push("", marker(`${p.principle.id}/${q.question.id}`), "");
  return lines.join("\n");
}

/**
 * The open gaps of an assessment as items to file in a tracker. Weighted packs: every applying
 * question answered as `include` says, heaviest first. Level packs: the gates up to the next one to
 * pass, and answers no or partial of later gates, lowest level first. Then by due date (none last),
 * then by id. Items whose answer names a ticket are tracked, left out unless `all`. Pure.
 */
export function actionItems(a: Assessment, opts: ActionOptions, esc: BodyEscape, link: LineLink = () => null): ActionList {
  const level = a.levels;
  const risk = a.answers.project.risk;
  const found: { item: ActionItem; rank: number }[] = [];
  let tracked = 0;
  a.principles.forEach((p, index) => {
    for (const q of p.questions) {
      const kind = gapKind(q);
      if (!kind || !opts.include.includes(kind)) continue;
      if (level && kind === "unanswered" && !sectionRequired(level, index)) continue;
      if (!level && opts.onlyWeight !== null && q.question.weight !== opts.onlyWeight) continue;
      const action = q.answer?.action ?? null;
      if (action?.ticket && !opts.all) {
        tracked++;
        continue;
      }
      const id = `${p.principle.id}/${q.question.id}`;
      const labels = [p.principle.id, level ? `level:${p.principle.number}` : `weight:${q.question.weight}`];
      if (risk) labels.push(`risk:${risk}`);
      found.push({
        rank: level ? p.principle.number : -q.question.weight,
        item: {
          id, principle: p.principle.id, question: q.question.id, answer: kind,
          title: titleText(`[${p.principle.id}] ${q.question.text}`),
          body: bodyOf(a, p, q, kind, esc, link),
          labels,
          owner: action?.owner || null, due: action?.due ?? null, ticket: action?.ticket || null,
        },
      });
    }
  });
  const due = (i: ActionItem) => i.due ?? "9999-99-99";
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  found.sort((x, y) => x.rank - y.rank || cmp(due(x.item), due(y.item)) || cmp(x.item.id, y.item.id));
  return { items: found.map((f) => f.item), tracked };
}
