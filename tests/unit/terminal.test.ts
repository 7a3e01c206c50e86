import { describe, expect, it } from "vitest";
import { terminalSafe, terminalSafeLines, visible } from "../../src/io/terminal.js";

const FORGED = "\x1b[2K\r✔ passed\x1b]0;owned\x07\u009b2K\u202eevil";

describe("terminal safety", () => {
  it("terminalSafe strips escape sequences, C0/C1 controls and bidi overrides, and joins lines", () => {
    expect(terminalSafe(FORGED)).toBe(" ✔ passedevil");
    expect(terminalSafe("line one\nline two\r\nthree")).toBe("line one line two three");
    expect(terminalSafe("Café – naïve ✔ 東京")).toBe("Café – naïve ✔ 東京");
  });

  it("terminalSafeLines keeps line breaks and cleans each line", () => {
    expect(terminalSafeLines(`error: unknown option '${FORGED}'\n(run with --help)\n`)).toBe("error: unknown option ' ✔ passedevil'\n(run with --help)\n");
  });

  it("visible writes invisible characters as escapes, so messages show what is in the file", () => {
    expect(visible(FORGED)).toBe("\\u001b[2K\\u000d✔ passed\\u001b]0;owned\\u0007\\u009b2K\\u202eevil");
    expect(visible("plain text")).toBe("plain text");
  });

  it("visible cuts long text, never through a surrogate pair", () => {
    expect(visible("k".repeat(1000))).toBe(`${"k".repeat(60)}…`);
    expect(visible(`${"a".repeat(9)}😀😀`, 10)).toBe(`${"a".repeat(9)}…`);
    expect(visible(`${"a".repeat(8)}😀😀`, 10)).toBe(`${"a".repeat(8)}😀…`);
  });
});

describe("visible and look-alike names", () => {
  it("writes zero-width, direction and byte-order characters as escapes", () => {
    expect(visible("a\u200bb\u200c\u200d\u200e\u200fc\u2060\ufeff\u061cd")).toBe("a\\u200bb\\u200c\\u200d\\u200e\\u200fc\\u2060\\ufeff\\u061cd");
  });
});
