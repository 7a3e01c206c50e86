import { describe, expect, it } from "vitest";
import { htmlHref, htmlText, safeHref } from "../../src/report/escape.js";

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
