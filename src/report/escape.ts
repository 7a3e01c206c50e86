import { terminalSafe } from "../io/terminal.js";

/**
 * Escapes text for inline use in markdown, including table cells: HTML is neutralised as entities,
 * inline markdown syntax is backslash-escaped, and line breaks become <br> so the text can never
 * leave the line or cell it is placed in.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => terminalSafe(line)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/([\\`*_[\]|~])/g, "\\$1"))
    .join("<br>");
}

/** Only http(s) URLs and relative paths may become links; anything else (javascript:, data:) is text. */
export function safeHref(value: string): string | null {
  const v = value.trim();
  if (/^https?:\/\/[^\s]+$/i.test(v)) return v;
  if (/^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith("//") || v.startsWith("\\")) return null;
  if (v === "" || /[\u0000-\u001f\u007f]/.test(v)) return null;
  return v;
}

/** A link destination for markdown: spaces, parentheses and angle brackets percent-encoded. */
export function markdownHref(href: string): string {
  return encodeURI(href).replace(/%25([0-9A-F]{2})/gi, "%$1").replace(/\(/g, "%28").replace(/\)/g, "%29");
}

/**
 * Prepares text for HTML, where Handlebars escapes the markup: removes the code points HTML forbids
 * (control characters, noncharacters, lone surrogates) and bidirectional overrides, which could
 * make a note display differently from what it says.
 */
export function htmlText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/**
 * A link destination for HTML (after safeHref): absolute URLs normalised by the URL parser, relative
 * paths percent-encoded where a URL may not hold the character; null when it cannot be a valid URL.
 */
export function htmlHref(href: string): string | null {
  const clean = htmlText(href);
  if (/^https?:/i.test(clean)) {
    try {
      return new URL(clean).href;
    } catch {
      return null;
    }
  }
  return encodeURI(clean).replace(/%25([0-9A-F]{2})/gi, "%$1");
}
