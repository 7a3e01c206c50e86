import type { AssessmentDiff } from "../core/diff.js";
import { escapeMarkdown as e } from "../text/escape.js";
import { answerText, CHANGE_GROUPS, changesOf, scoreText, signed, verdict } from "../text/change.js";

/** GitHub refuses comments over 65,536 characters; this leaves room for a marker line and a heading. */
export const DIFF_MARKDOWN_LIMIT = 65_000;

/** Notes longer than this are cut (with "…") in a comment; the answers file holds them whole. */
const MAX_NOTES = 400;

interface Section {
  summary: string;
  head: string[];
  rows: string[];
  open?: boolean;
}

const cut = (text: string) => (text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES).replace(/[\ud800-\udbff]$/, "")}…` : text);

function sections(d: AssessmentDiff): Section[] {
  const text = new Map(d.after.principles.flatMap((p) => p.questions.map((q) => [`${p.principle.id}/${q.question.id}`, q.question.text])));
  const out: Section[] = CHANGE_GROUPS.map((g) => ({
    summary: `${g.title} (${changesOf(d, g.kind).length})`,
    open: g.kind === "regressed" || g.kind === "unanswered",
    head: ["| Question | Before | After | Notes |", "| --- | --- | --- | --- |"],
    rows: changesOf(d, g.kind).map((c) => `| ${e(c.text)}<br>${e(`${c.principle}/${c.question}`)} | ${answerText(c.before)} | **${answerText(c.after)}** | ${c.notes ? e(cut(c.notes)) : "–"} |`),
  })).filter((s) => s.rows.length);
  if (d.evidence.length) {
    out.push({
      summary: `Evidence added or removed (${d.evidence.length} question${d.evidence.length === 1 ? "" : "s"})`,
      head: ["| Question | Added | Removed |", "| --- | --- | --- |"],
      rows: d.evidence.map((x) => {
        const key = `${x.principle}/${x.question}`;
        const list = (items: string[]) => (items.length ? items.map((i) => e(cut(i))).join("<br>") : "–");
        return `| ${e(text.get(key) ?? "")}<br>${e(key)} | ${list(x.added)} | ${list(x.removed)} |`;
      }),
    });
  }
  const ids = (title: string, list: string[]): Section => ({ summary: `${title} (${list.length})`, head: [], rows: list.map((q) => `- ${e(q)}`) });
  if (d.questionsAdded.length) out.push(ids("Questions new in this pack version", d.questionsAdded));
  if (d.questionsRetired.length) out.push(ids("Questions retired since the earlier pack version", d.questionsRetired));
  return out;
}

function principleTable(d: AssessmentDiff): string[] {
  return [
    "<details>", `<summary>Scores by principle</summary>`, "",
    "| Principle | Before | After | Change |", "| --- | ---: | ---: | ---: |",
    `| **Overall** | ${scoreText(d.before.score)} | ${scoreText(d.after.score)} | ${signed(d.delta)} |`,
    ...d.principles.map((p) => `| ${e(p.title)} | ${scoreText(p.before)} | ${scoreText(p.after)} | ${signed(p.delta)} |`),
    "", "</details>",
  ];
}

const omitted = (n: number) => `\n_${n} more left out to keep this within GitHub's 65,536-character comment limit; \`rml-assess diff\` lists them all._\n`;

function render(s: Section, rows: string[], left: number): string {
  return [`<details${s.open ? " open" : ""}>`, `<summary>${e(s.summary)}</summary>`, "", ...s.head, ...rows, left ? omitted(left) : "", "</details>"].filter((l, i, all) => l !== "" || all[i - 1] !== "").join("\n");
}

/**
 * `diff --format md`, written to be pasted as a pull-request comment: the verdict in bold, which
 * files were compared, then a collapsible section per kind of change. Within DIFF_MARKDOWN_LIMIT
 * characters: when everything does not fit, rows are left out from the last sections first and
 * each cut section says how many. User text is escaped for markdown (tables, HTML, code spans).
 */
export function diffMarkdown(d: AssessmentDiff, limit = DIFF_MARKDOWN_LIMIT): string {
  // What loosens the check comes first: a lower risk tier, a reopened status, a sign-off, traits or the pack.
  const metadata = d.metadata.length ? [`**Metadata regressions (${d.metadata.length})**`, "", ...d.metadata.map((m) => `- **METADATA_REGRESSION** ${e(m.message)}`), ""] : [];
  const top = [`**${e(verdict(d))}**`, "", `Before: ${e(d.before.answers.file)} · after: ${e(d.after.answers.file)}`, "", ...metadata, ...principleTable(d)].join("\n");
  const all = sections(d);
  const whole = [top, ...all.map((s) => render(s, s.rows, 0))].join("\n\n");
  if (whole.length + 1 <= limit) return `${whole}\n`;
  const note = "\n\n_Some rows are left out below to stay within GitHub's comment limit._";
  // Every section's frame and its note are reserved first; the rows then fill what is left, in order.
  let room = limit - 1 - top.length - note.length - all.reduce((n, s) => n + render(s, [], s.rows.length).length + 2, 0);
  const parts = all.map((s) => {
    const kept: string[] = [];
    for (const row of s.rows) {
      if (row.length + 1 > room) break;
      kept.push(row);
      room -= row.length + 1;
    }
    return render(s, kept, s.rows.length - kept.length);
  });
  return `${[top + note, ...parts].join("\n\n")}\n`;
}
