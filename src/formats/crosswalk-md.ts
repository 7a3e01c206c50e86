import { renderCrosswalkPage } from "./report/crosswalk-page.js";
import type { CrosswalkFormat } from "./signatures.js";

/** `crosswalk --format md`: a markdown page around the report's coverage section. */
export const crosswalkMarkdown: CrosswalkFormat = (list, context) => renderCrosswalkPage(list, context.assessment, "md", context.meta);
