/** A 10-cell bar for a 0..100 score: filled cells for each full ten points (dots when nothing is scored). Shared by the text format and the reports. */
export function textBar(score: number | null): string {
  if (score === null) return "··········";
  const filled = Math.round(score / 10);
  return "█".repeat(filled) + "░".repeat(10 - filled);
}
