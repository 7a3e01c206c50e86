import type { EvidenceView } from "./signatures.js";
import { jsonAt } from "../text/json.js";

/** `evidence --format json`: `{ file, counts, entries }`. */
export function evidenceJson({ file, rows, counts }: EvidenceView): string {
  return `${jsonAt({ file, counts, entries: rows }, 0)}\n`;
}
