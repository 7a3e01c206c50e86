import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/run.js";

const md = new MarkdownIt({ html: true });
const DOCS = join(REPO, "docs");
const PAGES = [join(REPO, "README.md"), ...readdirSync(DOCS).filter((f) => f.endsWith(".md")).sort().map((f) => join(DOCS, f))];

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(file: string): Set<string> {
  const tokens = md.parse(readFileSync(file, "utf8"), {});
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    const text = (tokens[i + 1]!.children ?? []).filter((c) => c.type === "text" || c.type === "code_inline").map((c) => c.content).join("");
    const slug = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  });
  return anchors;
}

/** Every link and image destination in a markdown file, with the line it is on. */
function linksOf(file: string): { href: string; line: number }[] {
  const out: { href: string; line: number }[] = [];
  let line = 1; // the start of the last block that says where it is (table cells do not)
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.map) line = t.map[0] + 1;
      if (t.type === "link_open") out.push({ href: t.attrGet("href")!, line });
      if (t.type === "image") out.push({ href: t.attrGet("src")!, line });
      if (t.children) visit(t.children);
    }
  };
  visit(md.parse(readFileSync(file, "utf8"), {}));
  return out;
}

describe("README.md", () => {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");

  it("is at most 250 lines", () => {
    expect(readme.split("\n").length - (readme.endsWith("\n") ? 1 : 0)).toBeLessThanOrEqual(250);
  });

  it("links every page in docs/", () => {
    const linked = new Set(linksOf(join(REPO, "README.md")).map((l) => l.href.split("#")[0]));
    const pages = readdirSync(DOCS).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
    expect(pages.filter((p) => !linked.has(p))).toEqual([]);
  });

  it("keeps the quick start's two commands", () => {
    expect(readme).toContain("```sh\nnpm install && npx rml-assess report examples/credit-scoring.yaml\n```");
    expect(readme).toContain("```sh\nnpm test\n```");
  });
});

describe("relative links in README.md and docs/*.md", () => {
  it("point to files that exist, and to headings that exist in markdown files", () => {
    const broken: string[] = [];
    const anchors = new Map<string, Set<string>>();
    for (const page of PAGES) {
      for (const { href, line } of linksOf(page)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // https:, mailto:
        const [path, anchor] = href.split("#") as [string, string | undefined];
        const target = path === "" ? page : join(dirname(page), decodeURIComponent(path));
        const where = `${relative(REPO, page)}:${line}: ${href}`;
        if (!existsSync(target)) {
          broken.push(`${where} (no such file)`);
          continue;
        }
        if (anchor === undefined || !target.endsWith(".md") || statSync(target).isDirectory()) continue;
        if (!anchors.has(target)) anchors.set(target, anchorsOf(target));
        if (!anchors.get(target)!.has(anchor)) broken.push(`${where} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
