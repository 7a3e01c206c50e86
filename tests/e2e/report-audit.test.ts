import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { describeNeeding, hasChromium, launchChromium } from "../helpers/browser.js";
import { git, gitCommit, gitInit } from "../helpers/git.js";
import { FIXTURES, REPO, runInProcess, withTempDir } from "../helpers/run.js";

const PACK = ["--pack", join(FIXTURES, "two-principle-pack")];
const EPOCH = { SOURCE_DATE_EPOCH: "1790000000" }; // 2026-09-21

const answers = (extra: { repository?: string; status?: string; signOff?: string; b2?: string } = {}) => `version: 1
project:
  name: Audited
${extra.repository ? `  repository: ${extra.repository}\n` : ""}${extra.status ? `status: ${extra.status}\n` : ""}${extra.signOff ?? ""}assessors:
  - name: Ana
    role: Assessor
answers:
  alpha:
    a-one:
      answer: no
      notes: tracked in CRA-1187
      evidence:
        - docs/card.md
        - https://example.org/report
      action: { owner: Bo, due: 2026-09-01, ticket: "https://tracker.example.org/CRA-1187" }
    a-two:
      answer: no
      action: { owner: Cy, due: 2026-08-01, ticket: "CRA-9 <b>" }
  beta:
    b-one: yes
    b-two: ${extra.b2 ?? ""}
`;

describe("report: draft, sign-off, gaps and provenance", () => {
  it("marks a draft with how many questions are open, and fills the sign-off from the data", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, "a.yaml"), answers());
      const md = (await runInProcess(["report", "a.yaml", ...PACK], { cwd: dir, env: EPOCH })).stdout;
      expect(md.split("\n").slice(0, 3).join("\n")).toContain("**DRAFT. Not a final assessment:** 1 of 4 questions are open, and the answers file says `status: draft`.");
      expect(md).toContain("| Ana | Assessor | | |\n| Reviewed and approved by: | | | |");
      const html = (await runInProcess(["report", "a.yaml", ...PACK, "-f", "html"], { cwd: dir, env: EPOCH })).stdout;
      expect(html).toContain('<body class="is-draft">');
      expect(html).toContain("1 of 4 questions are open");

      const signed = answers({ status: "final", b2: "yes", signOff: "sign-off:\n  - { name: Dee, role: CRO, date: 2026-09-20 }\n" });
      writeFileSync(join(dir, "a.yaml"), signed);
      const final = (await runInProcess(["report", "a.yaml", ...PACK], { cwd: dir, env: EPOCH })).stdout;
      expect(final).not.toContain("DRAFT");
      expect(final).toContain("| Status | Final |");
      expect(final).toContain("| Dee | CRO | 2026-09-20 | |");
      expect(final).not.toContain("Reviewed and approved by");
      const finalHtml = (await runInProcess(["report", "a.yaml", ...PACK, "-f", "html"], { cwd: dir, env: EPOCH })).stdout;
      expect(finalHtml).toContain("\n<body>\n");
      expect(finalHtml).toContain("Signed off on 2026-09-20");
    });
  });

  it("lists gaps with the team's notes and actions, equal weights by due date, tickets linked only when URLs", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, "a.yaml"), answers({ b2: "yes" }));
      const md = (await runInProcess(["report", "a.yaml", ...PACK], { cwd: dir, env: EPOCH })).stdout;
      const gaps = md.slice(md.indexOf("## Gaps"));
      expect(gaps.indexOf("`alpha/a-two`")).toBeLessThan(gaps.indexOf("`alpha/a-one`")); // same weight: due 2026-08-01 first
      expect(gaps).toContain("- **Team's notes:** tracked in CRA-1187");
      expect(gaps).toContain("- **Action:** owner Bo, due 2026-09-01 **(overdue)**, ticket [https://tracker.example.org/CRA-1187](https://tracker.example.org/CRA-1187)");
      expect(gaps).toContain("- **Action:** owner Cy, due 2026-08-01 **(overdue)**, ticket CRA-9 &lt;b&gt;");
      expect(md).toContain("- **Overdue actions:** 2: `alpha/a-two` due 2026-08-01 (Cy); `alpha/a-one` due 2026-09-01 (Bo).");
      const html = (await runInProcess(["report", "a.yaml", ...PACK, "-f", "html"], { cwd: dir, env: EPOCH })).stdout;
      expect(html).toContain('ticket <a href="https://tracker.example.org/CRA-1187" rel="noopener noreferrer">');
      expect(html).toContain("ticket CRA-9 &lt;b&gt;</dd>");
    });
  });

  it("links relative evidence into the GitHub or GitLab repository read, at the commit read, and shows it as a plain path otherwise", async () => {
    await withTempDir(async (dir) => {
      gitInit(dir);
      git(dir, "remote", "add", "origin", "https://example.invalid/placeholder");
      mkdirSync(join(dir, "ml", "docs"), { recursive: true });
      writeFileSync(join(dir, "ml", "docs", "card.md"), "# Card\n");
      const cases: [string, string, string | null][] = [
        ["https://github.com/acme/scoring.git", "https://github.com/acme/scoring.git", "https://github.com/acme/scoring/blob/COMMIT/ml/docs/card.md"],
        ["git@gitlab.com:acme/group/scoring.git", "gitlab.com:acme/group/scoring.git", "https://gitlab.com/acme/group/scoring/-/blob/COMMIT/ml/docs/card.md"],
        ["https://git.example.org/acme/scoring", "https://git.example.org/acme/scoring", null],
      ];
      for (const [remote, shown, link] of cases) {
        git(dir, "remote", "set-url", "origin", remote);
        // Declared as the same repository: nothing to point out.
        writeFileSync(join(dir, "ml", "a.yaml"), answers({ repository: remote.replace("git@gitlab.com:", "https://gitlab.com/") }));
        const commit = gitCommit(dir, remote);
        const md = (await runInProcess(["report", "ml/a.yaml", ...PACK], { cwd: dir, env: EPOCH })).stdout;
        expect(md).toContain(`| Answers file | \`ml/a.yaml\` at commit \`${commit.slice(0, 12)}\` in ${shown} |`);
        expect(md).toContain(`- Read in ${shown} (remote \`origin\`; branch \`main\` has no upstream remote), at \`ml/a.yaml\`, commit \`${commit}\`\n`);
        expect(md).not.toContain("not read in this repository");
        if (link) expect(md).toContain(`[docs/card.md](${link.replace("COMMIT", commit)})`);
        else expect(md).toMatch(/\| docs\/card\.md<br>\[https:\/\/example\.org\/report\]/);
      }
      writeFileSync(join(dir, "ml", "a.yaml"), answers({ repository: "https://git.example.org/acme/scoring" }) + "# edited\n");
      expect((await runInProcess(["report", "ml/a.yaml", ...PACK], { cwd: dir, env: EPOCH })).stdout).toContain("(with uncommitted changes)");
    });
  });

  it("does not attribute the commit to a declared repository other than the one read: links use the repository read, and the difference is said (md and html)", async () => {
    await withTempDir(async (dir) => {
      gitInit(dir);
      git(dir, "remote", "add", "origin", "https://ci-bot:s3cr3t-token@github.com/acme/governance.git");
      mkdirSync(join(dir, "teams", "credit", "docs"), { recursive: true });
      writeFileSync(join(dir, "teams", "credit", "docs", "card.md"), "# Card\n");
      const declared = "https://github.com/credit-risk/limit-scoring";
      writeFileSync(join(dir, "teams", "credit", "a.yaml"), answers({ repository: declared }));
      const commit = gitCommit(dir, "governance");
      const read = "https://github.com/acme/governance.git";
      const md = (await runInProcess(["report", "teams/credit/a.yaml", ...PACK], { cwd: dir, env: EPOCH })).stdout;
      const html = (await runInProcess(["report", "teams/credit/a.yaml", ...PACK, "-f", "html"], { cwd: dir, env: EPOCH })).stdout;
      for (const out of [md, html]) {
        expect(out).not.toContain("s3cr3t");
        expect(out).not.toContain("ci-bot");
        expect(out).not.toContain(`${declared}/blob`);
        expect(out).toContain(`https://github.com/acme/governance/blob/${commit}/teams/credit/docs/card.md`);
        // The commit appears only beside the repository read.
        for (const line of out.split("\n").filter((l) => l.includes(commit.slice(0, 12)) && !l.includes("/blob/"))) expect(line).not.toContain(declared);
      }
      expect(md).toContain(`| Declared repository | ${declared} |`);
      expect(md).toContain(`| Answers file | \`teams/credit/a.yaml\` at commit \`${commit.slice(0, 12)}\` in ${read}, **not the declared repository** |`);
      expect(md).toContain(`- Read in ${read} (remote \`origin\`; branch \`main\` has no upstream remote), at \`teams/credit/a.yaml\`, commit \`${commit}\`\n`);
      expect(md).toContain(`- Declared repository (\`project.repository\`): ${declared}. **The file was not read in this repository as far as git shows:** the commit above is not attributed to it, and evidence links point only into the repository read.\n`);
      expect(html).toContain(`<dt>Declared repository</dt><dd>${declared}</dd>`);
      expect(html).toContain(`at commit <code>${commit.slice(0, 12)}</code> in ${read}, <strong>not the declared repository</strong>`);
      expect(html).toContain(`<dt>Read in</dt><dd>${read} (remote origin; branch main has no upstream remote), at <code>teams/credit/a.yaml</code></dd>`);
      expect(html).toContain(`<dd>${declared}. <strong>The file was not read in this repository as far as git shows:</strong>`);

      // Without a remote the repository read is a local one, and nothing links into the declared one.
      git(dir, "remote", "remove", "origin");
      const local = (await runInProcess(["report", "teams/credit/a.yaml", ...PACK], { cwd: dir, env: EPOCH })).stdout;
      expect(local).toContain(`- Read in a local repository (it has no remote), at \`teams/credit/a.yaml\`, commit \`${commit}\``);
      expect(local).toContain("**The file was not read in this repository as far as git shows:**");
      expect(local).not.toContain("/blob/");
    });
  });

  it("has a signed example: final, with a sign-off the policy accepts and actions with owners and due dates", async () => {
    const file = join(REPO, "examples", "road-defect-detection.yaml");
    const checked = await runInProcess(["check", file, "--require-signoff", "--no-config", "--format", "json"]);
    expect(checked.code, checked.stdout).toBe(0);
    expect(JSON.parse(checked.stdout).results[0].findings).toEqual([]);
    const md = (await runInProcess(["report", file], { env: EPOCH })).stdout;
    expect(md).not.toContain("DRAFT");
    expect(md).toContain("| Status | Final |");
    expect(md).toMatch(/\| H\. Castellano \| Head of highways \| \d{4}-\d\d-\d\d \| \|/);
    expect(md).not.toContain("Reviewed and approved by");
    const actions = md.match(/- \*\*Action:\*\* owner \S[^,]*, due \d{4}-\d\d-\d\d/g) ?? [];
    expect(actions.length).toBeGreaterThan(2);
    const html = (await runInProcess(["report", file, "-f", "html"], { env: EPOCH })).stdout;
    expect(html).toContain("Signed off on");
    expect(html).toContain("\n<body>\n");
  });

  it("says why no commit is known outside a git work tree", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, "a.yaml"), answers({ repository: "https://github.com/acme/x" }));
      const md = (await runInProcess(["report", "a.yaml", ...PACK], { cwd: dir, env: EPOCH })).stdout;
      expect(md).toContain("| Answers file | `a.yaml`, not read at a commit |");
      expect(md).toContain("- Not read at a commit: the answers file is not in a git work tree, so no commit is known.\n- Declared repository (`project.repository`): https://github.com/acme/x\n");
    });
  });
});

const hasPoppler = existsSync("/usr/bin/pdfinfo");

describeNeeding("Chromium and poppler-utils", hasChromium && hasPoppler, "apt-get install -y chromium poppler-utils")("report in print (Chromium PDF)", () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const pdfOf = async (html: string, format: "A4" | "Letter", out: string) => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
    await page.pdf({ path: out, format });
    await page.close();
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [out], { encoding: "utf8" }))![1]);
    const page1 = execFileSync("pdftotext", ["-layout", "-f", "1", "-l", "1", out, "-"], { encoding: "utf8" });
    return { pages, page1 };
  };

  /** Non-blank text lines on each page of a PDF, by pdftotext. */
  const linesPerPage = (pdf: string, pages: number) => Array.from({ length: pages }, (_, i) =>
    execFileSync("pdftotext", ["-layout", "-f", String(i + 1), "-l", String(i + 1), pdf, "-"], { encoding: "utf8" }).split("\n").filter((l) => l.trim()).length);

  it("prints the credit example on at most 14 A4 pages, with the whole summary on page 1 of A4 and Letter", async () => {
    await withTempDir(async (tmp) => {
      dir = tmp;
      const html = join(dir, "credit.html");
      const r = await runInProcess(["report", join(REPO, "examples", "credit-scoring.yaml"), "-f", "html", "-o", html], { env: EPOCH });
      expect(r.code).toBe(0);
      const a4 = await pdfOf(html, "A4", join(dir, "a4.pdf"));
      expect(a4.pages).toBeGreaterThan(3);
      // Pack 1.2.0's 106 questions printed on 15 pages at 8.6pt; at 8pt, 13; 11 with the denser rows and gaps.
      expect(a4.pages).toBeLessThanOrEqual(14);
      for (const { page1 } of [a4, await pdfOf(html, "Letter", join(dir, "letter.pdf"))]) {
        // Metadata, score, chart labels, the last row of the table and the note under it.
        for (const text of ["Retail credit limit scoring", "Assessors", "Evidence:", "Established", "Data risk awareness", "Scores: yes 1, partial 0.5"]) expect(page1).toContain(text);
        expect(page1).not.toContain("Principles\n");
      }
    });
  });

  it("prints the credit example with two frameworks and --previous on at most 16 A4 pages, the crosswalk HTML too, with no near-empty page but the last", async () => {
    await withTempDir(async (tmp) => {
      const credit = join(REPO, "examples", "credit-scoring.yaml");
      // An earlier assessment: twelve of the yes answers were no or partial.
      let n = 0;
      const earlier = readFileSync(credit, "utf8").replace(/(\n {6}answer: )yes/g, (all, head: string) => (++n <= 12 ? `${head}${n % 2 ? "no" : "partial"}` : all));
      writeFileSync(join(tmp, "earlier.yaml"), earlier);
      const html = join(tmp, "both.html");
      const r = await runInProcess(["report", credit, "-f", "html", "--framework", "nist-ai-rmf", "--framework", "eu-ai-act", "--previous", join(tmp, "earlier.yaml"), "-o", html], { env: EPOCH });
      expect(r.code, r.stderr).toBe(0);
      const both = await pdfOf(html, "A4", join(tmp, "both.pdf"));
      // 32 pages when each item listed its questions and each question its items; the appendix holds them
      // once (20), in two columns in print, with each item's note after its title (19). 16 when written: in print the
      // gaps and changes point to the question (3.4) for the team's notes, one coverage table per framework.
      expect(both.pages).toBeLessThanOrEqual(16);
      const lines = linesPerPage(join(tmp, "both.pdf"), both.pages);
      for (const [i, count] of lines.slice(0, -1).entries()) expect(count, `page ${i + 1} of ${both.pages}: ${lines.join(" ")}`).toBeGreaterThanOrEqual(40);
      // Print says each team note once, in its question's row, and the gap points there by the question's number;
      // the screen keeps the note in the gap too.
      const text = execFileSync("pdftotext", [join(tmp, "both.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
      const note = "Monthly sample review happens for declines only";
      expect(text.split(note).length - 1).toBe(1);
      expect(text).toContain("1.4 After deployment, does a person review");
      expect(text).toContain("Team's notes: see 1.4 above");
      expect(readFileSync(html, "utf8").split(note).length - 1).toBe(2);

      const crosswalk = join(tmp, "crosswalk.html");
      expect((await runInProcess(["crosswalk", credit, "--framework", "eu-ai-act", "-f", "html", "-o", crosswalk], { env: EPOCH })).code).toBe(0);
      const cw = await pdfOf(crosswalk, "A4", join(tmp, "crosswalk.pdf"));
      const cwLines = linesPerPage(join(tmp, "crosswalk.pdf"), cw.pages);
      for (const [i, count] of cwLines.slice(0, -1).entries()) expect(count, `crosswalk page ${i + 1}: ${cwLines.join(" ")}`).toBeGreaterThanOrEqual(40);
    });
  });

  it("marks every page of a draft, on screen and in print", async () => {
    await withTempDir(async (tmp) => {
      writeFileSync(join(tmp, "a.yaml"), answers());
      const html = join(tmp, "a.html");
      await runInProcess(["report", "a.yaml", ...PACK, "-f", "html", "-o", html], { cwd: tmp, env: EPOCH });
      const page = await browser.newPage();
      await page.goto(pathToFileURL(html).href);
      for (const media of ["screen", "print"] as const) {
        await page.emulateMedia({ media });
        const mark = await page.evaluate(() => {
          const s = getComputedStyle(document.body, "::before");
          return { content: s.content, position: s.position };
        });
        expect(mark).toEqual({ content: '"DRAFT"', position: "fixed" });
      }
      await page.close();
    });
  });
});
