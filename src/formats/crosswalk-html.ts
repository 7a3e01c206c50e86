import { renderCrosswalkPage } from "./report/crosswalk-page.js";
import type { CrosswalkFormat } from "./signatures.js";

/** `crosswalk --format html`: a self-contained HTML page around the report's coverage section. */
export const crosswalkHtml: CrosswalkFormat = (list, context) => renderCrosswalkPage(list, context.assessment, "html", context.meta);
