import { describe, expect, it } from "vitest";
import { htmlHref, htmlText, markdownCode, markdownHref, safeHref } from "../../src/text/escape.js";

describe("htmlText", () => {
  it("removes what HTML forbids and bidirectional overrides, and keeps markup for Handlebars to escape", () => {
    expect(htmlText("a\u0007b\u0000c\u009fd")).toBe("abcd");
    expect(htmlText("one\r\ntwo\rthree\tfour")).toBe("one\ntwo\nthree\tfour");
    expect(htmlText("pay \u202Eevil\u202C now \u2066x\u2069")).toBe("pay evil now x");
    expect(htmlText("lone \ud800 and \udc00, pair \ud83d\ude00")).toBe("lone \ufffd and \ufffd, pair \ud83d\ude00");
    expect(htmlText("\ufdd0\uffff<b>")).toBe("<b>");
  });
});

describe("htmlHref", () => {
  it("keeps http(s) URLs, normalised and percent-encoded by the URL parser", () => {
    expect(htmlHref("https://example.org/a b?q=\"x\"")).toBe("https://example.org/a%20b?q=%22x%22");
    expect(htmlHref("HTTP://Example.org")).toBe("http://example.org/");
    expect(htmlHref("https://exa mple.org")).toBeNull();
  });

  it("percent-encodes relative paths without touching existing escapes or their meaning", () => {
    expect(htmlHref("docs/report (final).md")).toBe("docs/report%20(final).md");
    expect(htmlHref("../shared/a%20b.md#part")).toBe("../shared/a%20b.md#part");
    expect(htmlHref("docs/100%.md")).toBe("docs/100%25.md");
    expect(htmlHref("docs/ümlaut.md")).toBe("docs/%C3%BCmlaut.md");
  });

  it("never sees what safeHref turns away", () => {
    for (const bad of ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example/x", "\\\\evil\\x", "java\tscript:x", ""]) {
      expect(safeHref(bad)).toBeNull();
    }
  });
});

describe("safeHref and schemes hidden from it", () => {
  it("decides the scheme on what a renderer reads: character references and percent-escapes hide none", () => {
    for (const bad of [
      "javascript&#58;alert(document.domain)", "javascript&#x3A;alert(1)", "data&colon;text/html;base64,PHNjcmlwdD4=",
      "file&colon;///etc/passwd", "javascript%3Aalert(1)", "javascript%253Aalert(1)", "%2F%2Fevil.example/x", "java%09script:x",
    ]) expect(safeHref(bad), bad).toBeNull();
  });

  it("keeps relative paths, http(s) and mailto links", () => {
    expect(safeHref("docs/model card.md")).toBe("docs/model card.md");
    expect(safeHref("docs/a%20b.md#part")).toBe("docs/a%20b.md#part");
    expect(safeHref("https://example.org/a?x=1&y=2")).toBe("https://example.org/a?x=1&y=2");
    expect(safeHref("mailto:risk@example.org")).toBe("mailto:risk@example.org");
    expect(safeHref("mailto:javascript:alert(1)")).toBeNull();
  });
});

describe("markdownHref", () => {
  it("writes & as &amp;, so no character reference can form in a link destination", () => {
    expect(markdownHref("https://example.org/a?x=1&y=2")).toBe("https://example.org/a?x=1&amp;y=2");
    expect(markdownHref("docs/a&b.md")).toBe("docs/a&amp;b.md");
  });
});

describe("markdownCode", () => {
  it("shows a file name literally: no backslashes, a fence longer than its backticks, a table's | escaped", () => {
    expect(markdownCode("credit_scoring [v2].yaml")).toBe("`credit_scoring [v2].yaml`");
    expect(markdownCode("a`b.yaml")).toBe("``a`b.yaml``");
    expect(markdownCode("`start``.yaml")).toBe("``` `start``.yaml ```");
    expect(markdownCode("a|b.yaml")).toBe("`a\\|b.yaml`");
    expect(markdownCode("a\u001b[2Kb\u200b.yaml")).toBe("`a\\u001b[2Kb\\u200b.yaml`");
  });
});
