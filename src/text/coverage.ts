import type { CoverageStatus, ItemCoverage } from "../core/crosswalk.js";

/** The statement every crosswalk view carries, prominently: what a met item does not mean. */
export const NOT_CONFORMITY = "Coverage by self-assessment is not conformity. A met item means the team's own answers claim the mapped practices are in place, with evidence listed; it is not an audit, not a conformity assessment under the EU AI Act, and not ISO/IEC 42001 certification, and NIST, the EU and ISO have not reviewed these mappings.";

/** A status in words, as every view shows it. */
export const STATUS_WORDS: Record<CoverageStatus, string> = { met: "met", partial: "partial", gap: "gap", unmapped: "unmapped", "not-applicable": "not applicable" };

/** An item's status in words: a met item says whether its evidence was verified ("met (evidence not verified)"). */
export function itemStatusWords(i: Pick<ItemCoverage, "status" | "evidence">): string {
  if (i.status !== "met") return STATUS_WORDS[i.status];
  return i.evidence === "verified" ? "met (evidence verified)" : "met (evidence not verified)";
}

/** What an item's note says after its answers: why it is unmapped or not applicable, or what kept it from met. */
export function itemNote(i: Pick<ItemCoverage, "reason" | "limits" | "item" | "status">): string {
  const parts = [...(i.reason ? [i.reason] : []), ...i.limits.map((l) => `at most partial: ${l}`)];
  // What the mapping leaves out matters only where the item is judged (partial or gap).
  const judged = i.status === "partial" || i.status === "gap";
  if (judged && !i.limits.length && i.item.coverage === "partial" && i.item.uncovered) parts.push(`not asked: ${i.item.uncovered}`);
  return parts.join("; ");
}
