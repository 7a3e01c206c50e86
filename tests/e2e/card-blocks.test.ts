import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { score } from "../../src/core/score.js";
import { builtinTemplate } from "../../src/formats/report/builtin.js";
import { cardContext } from "../../src/formats/report/card.js";
import { reportContext, type ReportMeta } from "../../src/formats/report/context.js";
import { reportHtml } from "../../src/formats/report-html.js";
import { reportMarkdown } from "../../src/formats/report-md.js";
import { parseAnswers } from "../../src/load/answers.js";
import { gitProvenance } from "../../src/io/provenance.js";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACKS } from "../../src/paths.js";
import { EXAMPLES, FIXTURES, REPO, runInProcess } from "../helpers/run.js";

// The TRL card is a report of the same family: the blocks an auditor files (draft marking,
// sign-off, fingerprint and provenance) come from the report's own partials and context.
const EXAMPLE = join(EXAMPLES, "mltrl-anomaly-detector.yaml");
const TINY = join(FIXTURES, "level-pack", "pack");
const SIGNED = join(FIXTURES, "level-pack", "signed-final.yaml");
const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

/** The card of a file in md and html. */
async function cards(args: string[]): Promise<{ md: string; html: string }> {
  const [md, html] = await Promise.all(["md", "html"].map((f) => runInProcess(["report", ...args, "--format", f])));
  expect(md!.code, md!.stderr).toBe(0);
  expect(html!.code, html!.stderr).toBe(0);
  return { md: md!.stdout, html: html!.stdout };
}

describe("the TRL card's audit blocks", () => {
  it("marks a draft, counting only the questions of the gates that are due, and leaves the signatures blank", async () => {
    const { md, html } = await cards([EXAMPLE]);
    expect(md).toContain("> **DRAFT. Not a final assessment:** 0 of 31 questions of the gates up to level 5 are open, and the answers file says `status: draft`.");
    expect(html).toContain('<body class="is-draft">');
    expect(html).toContain('<div class="draft-banner" role="note"><strong>Draft</strong>: not a final assessment. 0 of 31 questions of the gates up to level 5 are open');
    expect(md).toContain("| Status | **Draft** |");
    // Two reviewers to sign and the approver, with empty lines for each.
    expect(md).toContain("| A. Okafor | Research lead (owner) | | |\n| M. Lindqvist | Fraud operations lead (reviewer) | | |\n| Reviewed and approved by: | | | |");
    expect(html.match(/<div class="signature">/g)?.length).toBe(3);
    expect(md).toContain("- **Sign-off:** none yet.");
    // The unanswered questions of a gate that is due are counted (at-level-1 leaves two open), those of later gates never.
    expect((await cards([join(FIXTURES, "level-pack", "at-level-1.yaml"), "--pack", TINY])).md).toContain("2 of 5 questions of the gates up to level 2 are open");
  });

  it("prints each role once, without nesting it in brackets", async () => {
    const { md, html } = await cards([EXAMPLE]);
    expect(md).toContain("| Reviewers | A. Okafor, Research lead (owner); M. Lindqvist, Fraud operations lead (reviewer) |");
    expect(html).toContain("<li>A. Okafor, Research lead (owner)</li>");
    for (const text of [md, html]) expect(text).not.toContain("(Research lead (owner))");
  });

  it("summarises level, gate, history with its switchback's kind, actions and evidence", async () => {
    const { md, html } = await cards([EXAMPLE]);
    expect(md).toMatch(/## Executive summary\n\n\*\*At readiness level 4 of 9: Proof of concept \(prototyping\); gate to level 5 open: 4 of 7 checks passed\.\*\* Claimed level: 4 \(supported by the gates\)\./);
    expect(md).toContain("- **History:** 7 entries; 1 switchback: discovery switchback to level 2 on 2026-06-30; last: advance to level 4 on 2026-10-02.");
    expect(md).toContain("- **Gate to level 5:** 4 of 7 checks passed, 3 open (listed below).");
    expect(md).toMatch(/- \*\*Evidence:\*\* 30 entries: /);
    expect(md).toContain("- **Overdue actions:** none.");
    expect(md).toContain("At level 4; gate to level 5 open: 4 of 7 checks passed.");
    expect(html).toContain('aria-label="Readiness levels 0 to 9: at level 4; gate to level 5 open: 4 of 7 checks passed"');
    expect(html).toContain("<figcaption>At level 4; gate to level 5 open: 4 of 7 checks passed.");
    // The principles report's scores never appear on a card.
    for (const text of [md, html]) expect(text).not.toMatch(/Weakest principle|Overall score| \/ 100/);
  });

  it("gives the level pack's fingerprint, recomputable from its files as the card says", async () => {
    const { md, html } = await cards([EXAMPLE]);
    const dir = BUILTIN_PACKS.mltrl!.dir;
    const pack = loadPack(dir, process.cwd(), "built-in");
    const ids = pack.principles.map((p) => p.id);
    const listing = ["pack", ...ids].map((id) => `${sha256(readFileSync(join(dir, `${id}.yaml`)))}  ${id}.yaml\n`).join("");
    const fingerprint = sha256(listing);
    expect(md).toContain(`- Level pack \`mltrl\` ${pack.version} (built-in): sha256 \`${fingerprint}\``);
    expect(md).toContain(`\`sha256sum pack.yaml ${ids.map((id) => `${id}.yaml `).join("")}| sha256sum\``);
    expect(md).toContain(`mltrl-anomaly-detector.yaml\`: sha256 \`${sha256(readFileSync(EXAMPLE))}\``);
    expect(html).toContain(`<dt>Level pack <code>mltrl</code> ${pack.version} (built-in)</dt><dd>sha256 <code class="hash">${fingerprint}</code></dd>`);
    expect(html).toContain("each level file in pack order");
  });

  it("shows a final file's sign-off, with names and roles escaped in both formats, and no draft marking", async () => {
    const { md, html } = await cards([SIGNED, "--pack", TINY]);
    expect(md).not.toContain("DRAFT");
    expect(html).toContain("<body>");
    expect(html).not.toContain('<div class="draft-banner"');
    expect(md).toContain("| Status | Final |");
    expect(md).toContain("| &lt;b&gt;A. Lead&lt;/b&gt; \\| owner | Research lead (owner) | 2026-11-30 | |\n| B. Review | Gate reviewer &lt;script&gt; | 2026-12-01 | |");
    expect(md).toContain("- **Sign-off:** &lt;b&gt;A. Lead&lt;/b&gt; \\| owner, Research lead (owner), on 2026-11-30; B. Review, Gate reviewer &lt;script&gt;, on 2026-12-01.");
    expect(html).toContain('<p class="who"><strong>&lt;b&gt;A. Lead&lt;/b&gt; | owner</strong><br>Research lead (owner)</p>\n      <p class="signed-on">Signed off on 2026-11-30</p>');
    expect(html).toContain("<dd>Final, signed off by &lt;b&gt;A. Lead&lt;/b&gt; | owner on 2026-11-30; B. Review on 2026-12-01</dd>");
    expect(html).not.toMatch(/<b>A\. Lead|<script>|<i>card/);
    expect(html).not.toContain('<p class="line">Signature</p>');
    expect(md).toContain("- **History:** 4 entries; 1 switchback: review switchback to level 0 on 2026-03-01; last: advance to level 1 on 2026-04-01.");
  });
});

describe("the TRL card reuses the report's blocks", () => {
  // One assessment rendered by the report's and the card's templates, with the same provenance:
  // the shared blocks are the same bytes, so a fix to the report's partials or context reaches the card.
  const pack = loadPack(TINY, process.cwd(), "fixture");
  const a = score(pack, parseAnswers({ file: "signed-final.yaml", text: readFileSync(SIGNED, "utf8") } as never, pack));
  const meta: ReportMeta = {
    toolName: "rml-assess", toolVersion: "0", generated: "2026-12-07T00:00:00Z", answersFingerprint: "f".repeat(64),
    // Where the fixture was really read (this repository's git), so the blocks carry a commit.
    audit: { today: "2026-12-07", evidence: null, provenance: gitProvenance(SIGNED, REPO) },
  };
  const blocks: Record<"html" | "md", [string, RegExp][]> = {
    html: [["answers file", /<div><dt>Answers file<\/dt>.*<\/div>/],
      ["overdue and evidence", /<li><strong>Overdue actions:[^\n]*\n\s*<li><strong>Evidence:.*<\/li>/], ["sign-off", /<section class="sign-off"[\s\S]*?<\/section>/], ["fingerprint", /<section class="fingerprint"[\s\S]*?<\/section>/]],
    md: [["answers file", /\| Answers file \|.*/],
      ["overdue, evidence, sign-off", /- \*\*Overdue actions:\*\*.*\n.*\n- \*\*Sign-off:\*\*.*/], ["sign-off", /## Sign-off\n[\s\S]*?\n\n/], ["fingerprint", /## Fingerprint and provenance[\s\S]*?\| sha256sum`[^\n]*/]],
  };

  for (const [name, format] of [["html", reportHtml], ["md", reportMarkdown]] as const) {
    it(`in ${name}: the answers-file row, executive lines, sign-off and fingerprint are the report's`, async () => {
      // The report template renders each principle's commitment, which a level has none of: the blocks compared do not read principles.
      const report = builtinTemplate(await format.template())({ ...reportContext(a, meta, format.escape), principles: [] });
      const card = builtinTemplate(await format.card())(cardContext(a, a.levels!, meta, format.escape));
      for (const [block, pattern] of blocks[name]) {
        const inReport = pattern.exec(report)?.[0];
        expect(inReport, `${block} in the report`).toBeTruthy();
        expect(pattern.exec(card)?.[0], block).toBe(inReport);
      }
      expect(card).toMatch(/ at commit (<code>|`)[0-9a-f]{12}(<\/code>|`)/);
    });
  }

  it("hands the card the report's context for what they share", () => {
    const escape = reportHtml.escape;
    const report = reportContext(a, meta, escape);
    const card = cardContext(a, a.levels!, meta, escape);
    for (const key of ["tool", "generated", "file", "fileCode", "assessors", "date", "pack", "answersFingerprint", "status", "signOff", "provenance"] as const) expect(card[key], key).toEqual(report[key]);
    expect(card.project).toEqual({ ...report.project, system: null, component: null });
    expect(card.reviewers).toEqual(report.assessors);
    // What scores principles is left out: a gate is passed or open, never a score.
    for (const key of ["overall", "weakest", "totals", "bands", "radar", "principles", "gaps", "changes", "coverage"]) expect(Object.hasOwn(card, key), key).toBe(false);
    expect(Object.hasOwn(card.executive, "weakest")).toBe(false);
  });
});
