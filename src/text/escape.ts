import { terminalSafe, visible } from "../io/terminal.js";

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

/** A character reference (`&#58;`, `&#x3A;`, `&colon;`): renderers decode these in link destinations. */
const CHARACTER_REFERENCE = /&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** What a browser would take the destination to say: percent-escapes decoded, and the blanks it drops. */
function percentDecoded(value: string): string {
  let v = value;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(v);
      if (next === v) break;
      v = next;
    } catch {
      break;
    }
  }
  return v.replace(/[\u0000-\u0020\u007f]/g, "");
}

/**
 * Only http(s) and mailto URLs and relative paths may become links; anything else (javascript:,
 * data:, file:) is text. The scheme is decided on what a renderer would read: a value holding a
 * character reference (`javascript&#58;...`) is never a link, and percent-escapes are decoded first.
 */
export function safeHref(value: string): string | null {
  const v = value.trim();
  if (/^https?:\/\/[^\s]+$/i.test(v) || /^mailto:[^\s:/]+@[^\s]+$/i.test(v)) return v;
  if (v === "" || /[\u0000-\u001f\u007f]/.test(v) || CHARACTER_REFERENCE.test(v)) return null;
  for (const form of [v, percentDecoded(v)]) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(form) || form.startsWith("//") || form.startsWith("\\") || form.startsWith("/\\") || form.startsWith("\\/")) return null;
  }
  return v;
}

/** A link destination for markdown: spaces, parentheses and angle brackets percent-encoded, `&` written as `&amp;`. */
export function markdownHref(href: string): string {
  return encodeURI(href).replace(/%25([0-9A-F]{2})/gi, "%$1").replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/&/g, "&amp;");
}

/**
 * Text as a whole markdown code span, backticks included, for names shown literally (a file name):
 * nothing inside is backslash-escaped, since a code span shows backslashes as they are. The fence
 * is longer than any run of backticks in the text (CommonMark), a table's `|` is escaped as GFM
 * asks, and line breaks and invisible characters are shown visibly.
 */
export function markdownCode(text: string): string {
  const shown = visible(text.replace(/\r\n|\r|\n/g, " "), Infinity).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(shown) ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
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
