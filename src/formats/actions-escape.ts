import type { BodyEscape } from "../core/actions.js";
import { escapeMarkdown, markdownCode, markdownHref, safeHref } from "../text/escape.js";

/**
 * Markdown for a tracker's issue body, inline or as a paragraph of its own: the report's escaping
 * (HTML as entities, markdown syntax backslash-escaped, control characters dropped, line breaks as
 * <br>, tabs as spaces), a leading heading, quote, list or rule marker escaped, and an `@` before
 * a name followed by a word joiner (U+2060), so the team's text never notifies anyone.
 */
export function issueText(text: string): string {
  return escapeMarkdown(text.replace(/\t/g, " "))
    .replace(/^(\s*)([#>+\-=])/, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/, "$1\\$2")
    .replace(/@(?=[A-Za-z0-9])/g, "@\u2060");
}

/** The escaping every tracker format gives the items' bodies. */
export const ISSUE_ESCAPE: BodyEscape = {
  text: issueText,
  code: markdownCode,
  href: (url) => {
    const safe = safeHref(url);
    return safe === null ? null : markdownHref(safe);
  },
};
