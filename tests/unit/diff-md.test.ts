import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { diffAssessments, type AssessmentDiff } from "../../src/core/diff.js";
import { score } from "../../src/core/score.js";
import type { AnswerValue } from "../../src/core/types.js";
import { loadFormat } from "../../src/formats/index.js";
import { makeAnswers, makePack } from "../helpers/builders.js";

/** GitHub's comment renderer: CommonMark with GFM tables, raw HTML allowed (then sanitised) so <details> works. */
const md = new MarkdownIt({ html: true });
const markdown = await loadFormat("diff", "md");
const render = (d: AssessmentDiff) => markdown(d, {});
const GITHUB_LIMIT = 65_536;
/** What the pull-request script adds above the diff (marker and heading), kept inside the limit too. */
const COMMENT_HEAD = "<!-- rml-assess-diff -->\n### rml-assess: rml-assessment.yaml\n\n";

const HOSTILE = "fixed | not fixed <script>alert(1)</script> `rm -rf` **loud** [link](javascript:x)\nsecond line";

describe("diff markdown", () => {
  const pack = makePack([{ id: "x", questions: [{ id: "a" }, { id: "b" }, { id: "c" }] }, { id: "y", questions: [{ id: "a" }] }]);
  const before = score(pack, makeAnswers({ x: { a: "yes", b: "no", c: { answer: "no", evidence: ["old|path.md"] } }, y: { a: "yes" } }));
  const after = score(pack, makeAnswers({ x: { a: { answer: "partial", notes: HOSTILE }, b: "yes", c: { answer: "no", evidence: ["<b>new</b>.md"] } }, y: { a: null } }));
  const text = render(diffAssessments(before, after));
  const html = md.render(text);

  it("starts with the one-line verdict, then collapsible sections", () => {
    expect(text.split("\n")[0]).toMatch(/^\*\*Score \d+ → \d+ \(-\d+\), band .*, 3 answers changed: 1 regressed, 1 newly unanswered, 1 improved\*\*$/);
    expect(html.match(/<details( open)?>/g)).toHaveLength(5); // scores, regressed, unanswered, improved, evidence
    expect(html.match(/<\/details>/g)).toHaveLength(5);
    expect(html).toContain("<summary>Regressed (1)</summary>");
  });

  it("renders each table with one cell per column, whatever the notes hold", () => {
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]!.match(/<t[dh][ >]/g) ?? []).length);
    expect(rows.length).toBeGreaterThan(8);
    const notesRow = html.match(/<tr>\s*<td>a\?<br>x\/a<\/td>([\s\S]*?)<\/tr>/)![0];
    expect(notesRow.match(/<td>/g)).toHaveLength(4);
    expect(rows.filter((n) => n !== 4 && n !== 3)).toEqual([]);
  });

  it("escapes user text: no tag, code span, emphasis or link comes from a note or a path", () => {
    expect(html).not.toMatch(/<script|<b>|<code>|<strong>loud|<a href/);
    const cell = html.match(/<td>(fixed[\s\S]*?second line)<\/td>/)![1]!;
    const decoded = cell.replace(/<br>/g, "\n").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&amp;/g, "&");
    expect(decoded).toBe(HOSTILE);
    expect(html).toContain("&lt;b&gt;new&lt;/b&gt;.md");
    expect(html).toContain("old|path.md");
  });
});

describe("diff markdown on a worst case", () => {
  // A large custom pack: 10 principles of 60 questions, long texts, every answer changed, long notes and evidence.
  const principles = Array.from({ length: 10 }, (_, p) => ({ id: `p${p}`, questions: Array.from({ length: 60 }, (_, q) => ({ id: `question-${q}` })) }));
  const pack = makePack(principles);
  for (const p of pack.principles) for (const q of p.questions) q.text = `${"How thoroughly does the team document and review this aspect | <of> the system `before` release? ".repeat(3)}${q.id}`;
  const side = (from: AnswerValue, to: AnswerValue) => Object.fromEntries(principles.map((p, i) => [p.id, Object.fromEntries(p.questions.map((q, j) => {
    const kind = (i + j) % 3;
    return [q.id, { answer: kind === 0 ? from : kind === 1 ? to : null, notes: `${HOSTILE} `.repeat(12), evidence: [`docs/${p.id}/${q.id}-${from}.md`, `https://example.org/${q.id}?v=${from}`] }];
  }))]));
  const d = diffAssessments(score(pack, makeAnswers(side("yes", "no"))), score(pack, makeAnswers(side("no", "yes"))));
  const text = render(d);

  it("has every answer changed, and stays under GitHub's comment limit with the script's heading", () => {
    expect(d.changes).toHaveLength(600 - 200);
    expect((COMMENT_HEAD + text).length).toBeLessThan(GITHUB_LIMIT);
    expect(text.length).toBeGreaterThan(50_000); // it used the room it had
  });

  it("says what was left out, and shows or counts every change", () => {
    expect(text).toContain("Some rows are left out below to stay within GitHub's comment limit.");
    const sections = [...text.matchAll(/<summary>(.*?) \((\d+)[^)]*\)<\/summary>\n\n([\s\S]*?)<\/details>/g)];
    expect(sections.map((m) => m[1])).toEqual(["Regressed", "Improved", "Evidence added or removed"]);
    let cut = 0;
    for (const [, title, total, body] of sections) {
      if (title === "Scores by principle") continue;
      const shown = (body!.match(/^\| (?!Question \||---)/gm) ?? []).length + (body!.match(/^- /gm) ?? []).length;
      const left = Number(body!.match(/_(\d+) more left out/)?.[1] ?? 0);
      expect(shown + left).toBe(Number(total));
      cut += left;
    }
    expect(cut).toBeGreaterThan(0);
  });

  it("still renders as balanced details blocks with whole tables", () => {
    const html = md.render(text);
    expect(html.match(/<details( open)?>/g)!.length).toBe(html.match(/<\/details>/g)!.length);
    expect(html).not.toMatch(/<script/);
    expect([...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].every((m) => [3, 4].includes((m[1]!.match(/<t[dh][ >]/g) ?? []).length))).toBe(true);
  });
});
