import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, REPO, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

// A fixture that declares every trait, so every question applies whatever the code knows of applies-to.
const CREDIT = "tests/fixtures/partial-assessment/rml-assessment.yaml";
const HOSTILE = join(FIXTURES, "hostile-answers", "rml-assessment.yaml");

describe("report --format html", () => {
  it("writes one self-contained document: no script, no external resource, a CSP forbidding both", async () => {
    const r = await runInProcess(["report", CREDIT, "--format", "html"]);
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
    expect(csp?.split(/;\s*/)).toEqual(expect.arrayContaining(["default-src 'none'", "style-src 'unsafe-inline'", "img-src data:"]));
    expect(csp).not.toMatch(/script-src|https?:/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(|@font-face/i);
    expect(html).not.toMatch(/\ssrc=/i);
  });

  it("holds every part an auditor files, top to bottom", async () => {
    const html = (await runInProcess(["report", CREDIT, "--format", "html"])).stdout;
    const order = ["<h1>Retail credit limit scoring</h1>", "<code>responsible-ml</code> 1.2.1", "M. Okafor, Model risk manager",
      "by rml-assess 0.1.0", "<span class=\"value\">65</span>", "Established", "Weakest principle", "<svg class=\"radar\"",
      "<caption>Principle scores</caption>", "class=\"bar\"", "id=\"principle-human-augmentation\"", "I commit to assess the impact",
      "<span class=\"badge\" data-status=\"yes\">Yes</span>", "id=\"gaps\"", "Red flag", "Recommendation", "id=\"sign-off\"", "Signature",
      "id=\"fingerprint\"", "sha256 <code class=\"hash\">"];
    const at = order.map((s) => html.indexOf(s));
    expect(at.filter((i) => i < 0), `missing: ${order.filter((_, k) => at[k]! < 0).join(", ")}`).toEqual([]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // The same fingerprint as the markdown report.
    const md = (await runInProcess(["report", CREDIT])).stdout;
    for (const sha of md.match(/[0-9a-f]{64}/g)!) expect(html).toContain(sha);
  });

  it("escapes every piece of user text, and links only http(s) URLs (relative paths are text without provenance)", async () => {
    const html = (await runInProcess(["report", HOSTILE, "--format", "html"])).stdout;
    expect(html).not.toMatch(/<(script|img|iframe|form|base|svg onload|meta http-equiv=refresh|style>body)/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).toContain("<h1>Evil &lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt; | model</h1>");
    expect(html).toContain("&quot;&gt;&lt;svg onload&#x3D;alert(&#x27;owner&#x27;)&gt;");
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((h) => !h.startsWith("#") && !h.startsWith("https://ethical.institute/"))).toEqual([
      "https://example.org/ok?a&#x3D;1&amp;b&#x3D;2",
    ]);
    expect(html).toContain("<li>docs/report (final).md <span class=\"tag\">missing</span></li>");
    expect(html).toContain("<li>&lt;a href&#x3D;javascript:alert(&#x27;a&#x27;)&gt;click&lt;/a&gt; <span class=\"tag\">missing</span></li>");
    expect(html).toContain("<li>javascript:alert(&#x27;evidence&#x27;)</li>");
    expect(html).toContain("<li>data:text/html;base64,");
    // Bidirectional overrides and control characters are removed; Handlebars syntax in answers is text.
    expect(html).toContain("Reviewer evil bell");
    expect(html).toContain("{{constructor.constructor(&#x27;alert(1)&#x27;)()}}");
  });

  it("gives the markdown report of the same answers no HTML but its own anchors and line breaks", async () => {
    const md = (await runInProcess(["report", HOSTILE])).stdout;
    const tags = new Set(md.match(/<\/?[a-z][^>]*>/gi));
    expect([...tags].filter((t) => !/^(<br>|<a id="\d-[a-z-]+">|<\/a>)$/.test(t))).toEqual([]);
  });

  it("marks a principle without a score in the table and the chart", async () => {
    const html = (await runInProcess(["report", HOSTILE, "--format", "html"])).stdout;
    expect(html).toMatch(/Displacement strategy<\/a><\/th>\s*<td class="num score">–<\/td>/);
    expect(html).toMatch(/<line [^>]* class="missing"\/>/);
    expect(html).toContain("5. Displacement strategy no score (all n/a)");
  });

  it("writes with -o atomically, and nothing when the input is invalid", () => withTempDir((dir) => {
    const out = join(dir, "report.html");
    const r = runBinary(["report", CREDIT, "--format", "html", "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Wrote .*report.html \(html report, overall score 65\)/);
    expect(readFileSync(out, "utf8")).toMatch(/<\/html>\n$/);
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "version: 1\nproject: {}\nanswers: {}\n");
    expect(runBinary(["report", bad, "--format", "html", "-o", join(dir, "bad.html")]).code).toBe(2);
    expect(existsSync(join(dir, "bad.html"))).toBe(false);
  }));

  it("is byte-identical for the same inputs with SOURCE_DATE_EPOCH", async () => {
    const env = { SOURCE_DATE_EPOCH: "1790000000" };
    const a = await runInProcess(["report", CREDIT, "--format", "html"], { env, now: new Date("2030-01-01T00:00:00Z") });
    const b = await runInProcess(["report", CREDIT, "--format", "html"], { env });
    expect(a.stdout).toBe(b.stdout);
  });
});

describe("report --template", () => {
  const template = (dir: string, text: string) => {
    const file = join(dir, "team.hbs");
    writeFileSync(file, text);
    return file;
  };

  it("renders a team's template with the format's escaping and the built-in partials", () => withTempDir(async (dir) => {
    const file = template(dir, "<h1>{{project.name}}</h1>\n{{#each principles}}{{number}}={{score}};{{/each}}\n{{> badge gaps.[0]}}");
    const html = await runInProcess(["report", HOSTILE, "--format", "html", "--template", file], { cwd: dir });
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<h1>Evil &lt;script&gt;alert\(&#x27;name&#x27;\)&lt;\/script&gt; \| model<\/h1>\n1=\d+;2=\d+;3=\d+;4=\d+;5=;6=\d+;7=\d+;8=\d+;\n<span class="badge"/);
    const md = await runInProcess(["report", HOSTILE, "--template", file]);
    expect(md.stdout).toMatch(/^<h1>Evil &lt;script&gt;alert\('name'\)&lt;\/script&gt; \\\| model<\/h1>/);
  }));

  it("reports a broken template at file:line:column and writes nothing", () => withTempDir(async (dir) => {
    const out = join(dir, "out.html");
    const cases: [string, RegExp][] = [
      ["<h1>{{project.name}}</h1>\n{{#each principles}}\n  <p>{{title}}</p>\n", /team.hbs:4:1: template syntax error: the template ends inside a block or a tag/],
      ["<h1>{{project.name}}</h1>\n<p>{{projcet.owner}}</p>\n", /team.hbs:2:6: 'projcet.owner' is not a helper or a field of the report context here \(see "Report templates" in the README/],
      ["{{#each principles}}\n  {{#each questions}}{{txet}}{{/each}}\n{{/each}}", /team.hbs:2:24: 'txet' is not a helper or a field/],
      ["ok\n  {{> radar}}\n  {{> chart}}\n", /team.hbs:3:3: no partial named 'chart' \(the partials are badge, card-style, coverage-summary.html, coverage.html, coverage.md, draft-banner.html, draft-banner.md, executive-audit.html, executive-audit.md, fingerprint.html, fingerprint.md, mappings.html, principle, provenance.html, provenance.md, radar, read-at.html, read-at.md, sign-off.html, sign-off.md, style\)/],
      ["{{#each principles}}{{/if}}", /team.hbs:1:4: each doesn't match if/],
      ["{{project.name}", /team.hbs:1:15: template syntax error: unexpected '}'/],
      ["ok\n{{!-- never closed", /team.hbs:2:\d+: template syntax error: unrecognised '/],
      ["{{#each gaps}}\n{{#if (eq rank 1)}}first{{/if}}{{/each}}", /team.hbs:2:8: 'eq' is not a helper or a field/],
    ];
    for (const [text, expected] of cases) {
      template(dir, text);
      const r = await runInProcess(["report", CREDIT, "--format", "html", "--template", join(dir, "team.hbs"), "-o", out]);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toMatch(expected);
      expect(r.stderr).toMatch(/nothing was written/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
    const missing = runBinary(["report", CREDIT, "--template", join(dir, "none.hbs")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none.hbs: no such file \(check the path given to --template\)/);
  }));

  it("renders the example template of docs/templates.md and documents every field of the context there", () => withTempDir(async (dir) => {
    const page = readFileSync(join(REPO, "docs", "templates.md"), "utf8");
    const example = page.match(/```handlebars\n([\s\S]*?)```/)![1]!;
    const r = await runInProcess(["report", CREDIT, "--template", template(dir, example)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      "# Retail credit limit scoring: 65 / 100 (Established)",
      ...["Human augmentation: 73", "Bias evaluation: 30", "Explainability by justification: 77", "Reproducible operations: 81",
        "Displacement strategy: 50", "Practical accuracy: 70", "Trust by privacy: 79", "Data risk awareness: 58"].map((p, i) => `- ${i + 1}. ${p}`),
      "",
    ].join("\n"));
    // Every key of the context appears in the page's description of it.
    const documented = new Set(page.match(/[A-Za-z]+/g));
    const keys = (value: unknown): string[] => Array.isArray(value) ? value.flatMap(keys)
      : value && typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]) : [];
    const { reportContext } = await import("../../src/formats/report/context.js");
    const { score } = await import("../../src/core/score.js");
    const { loadPack } = await import("../../src/load/pack.js");
    const { parseAnswers } = await import("../../src/load/answers.js");
    const { BUILTIN_PACK_DIR } = await import("../../src/paths.js");
    const pack = loadPack(BUILTIN_PACK_DIR, REPO, "built-in");
    const answers = parseAnswers({ file: CREDIT, text: readFileSync(join(REPO, CREDIT), "utf8"), bytes: readFileSync(join(REPO, CREDIT)) }, pack);
    const ctx = reportContext(score(pack, answers), { toolName: "rml-assess", toolVersion: "0", generated: "now", answersFingerprint: "f".repeat(64) }, { text: (t) => t, href: (h) => h, code: (t) => t });
    expect([...new Set(keys(ctx))].filter((k) => !documented.has(k))).toEqual([]);
  }));

  it("refuses to write the report over the template", () => withTempDir(async (dir) => {
    const file = template(dir, "{{project.name}}");
    const r = await runInProcess(["report", CREDIT, "--template", file, "-o", file]);
    expect(r.code).toBe(2);
    expect(readFileSync(file, "utf8")).toBe("{{project.name}}");
  }));
});
