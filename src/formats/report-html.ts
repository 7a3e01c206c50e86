import { htmlHref, htmlText } from "../text/escape.js";
import type { ReportFormat } from "./signatures.js";

/** `report --format html`: the self-contained HTML report (a level pack's TRL card), escaped by Handlebars. */
export const reportHtml: ReportFormat = {
  template: () => import("../generated/template-report-html.js"),
  card: () => import("../generated/template-card-html.js"),
  escape: { text: htmlText, href: htmlHref, code: htmlText },
  noEscape: false,
};
