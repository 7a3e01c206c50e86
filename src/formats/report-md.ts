import { escapeMarkdown, markdownCode, markdownHref } from "../text/escape.js";
import type { ReportFormat } from "./signatures.js";

/** `report --format md`: the markdown report (a level pack's TRL card), text escaped for markdown before it reaches the template. */
export const reportMarkdown: ReportFormat = {
  template: () => import("../generated/template-report-md.js"),
  card: () => import("../generated/template-card-md.js"),
  escape: { text: escapeMarkdown, href: markdownHref, code: markdownCode },
  noEscape: true,
};
