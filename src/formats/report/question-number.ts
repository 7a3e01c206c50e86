import type { ScoredPrinciple } from "../../core/types.js";

/** Where a question stands in a report: its principle's number and its place among the questions asked, e.g. "3.4". */
export function questionNumber(p: ScoredPrinciple, index: number): string {
  return `${p.principle.number}.${index + 1}`;
}
