import type { Skipped } from "../io/discover.js";
import { terminalSafe } from "../io/terminal.js";

/**
 * "12 files checked, 3 skipped (2 not answers files, 1 ignored by .gitignore)": what a directory
 * search checked and passed over, so that nothing is left out in silence. A look-alike (a YAML file
 * that looks like an answers file but is not one) is named.
 */
export function skippedLine(checked: number, skipped: Skipped): string {
  const alike = skipped.lookAlikes.length;
  const total = [...skipped.reasons.values()].reduce((a, b) => a + b, 0) + alike;
  const reasons = [...skipped.reasons].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([why, n]) => `${n} ${why}`);
  if (alike) reasons.push(`${alike} ${alike === 1 ? "looks" : "look"} like an answers file but ${alike === 1 ? "is" : "are"} not: ${skipped.lookAlikes.map((l) => terminalSafe(l.path)).join(", ")}`);
  return `${checked} file${checked === 1 ? "" : "s"} checked, ${total} skipped${reasons.length ? ` (${reasons.join(", ")})` : ""}`;
}
