import type { Gate, HistoryEntry, LevelResult, Principle, Question, ScoredPrinciple } from "./types.js";

/** Whether n/a may pass a check of a level pack: only where the pack allows it for one of the system's traits (its level's or the question's `na-allowed-for`). */
export function naAllowed(section: Principle, question: Question, traits: readonly string[]): boolean {
  const allowed = [...(section.naAllowedFor ?? []), ...(question.naAllowedFor ?? [])];
  return allowed.some((t) => traits.includes(t));
}

/** A level pack's sections with each n/a the pack does not allow for these traits marked, so it leaves its check open. Pure. */
export function markNaNotAllowed(sections: ScoredPrinciple[], traits: readonly string[]): ScoredPrinciple[] {
  return sections.map((s) => ({
    ...s,
    questions: s.questions.map((q) => (q.status === "n/a" && !naAllowed(s.principle, q.question, traits) ? { ...q, naNotAllowed: true } : q)),
  }));
}

/** A gate of a scored section: passed when every applying question is yes, or n/a with notes where the pack allows n/a. */
function gateOf(section: ScoredPrinciple): Gate {
  const open = section.questions.filter((q) => q.status !== "yes" && !(q.status === "n/a" && !q.naNotAllowed));
  return { section, passed: open.length === 0, open, checks: section.questions.length };
}

/**
 * The level a level pack's answers reach: sections are gates in order (section L holds the criteria
 * to leave level L), and the level is the number of consecutive gates passed from gate 0, at most the
 * last section's number. The top level's own checks do not lead higher: passing them is the top level
 * *sustained*. When the last history entry is a switchback to a lower level, it caps the level. Pure.
 */
export function levelOf(sections: ScoredPrinciple[], history: readonly HistoryEntry[] = []): LevelResult {
  const gates = sections.map(gateOf);
  const top = sections.length - 1;
  let reach = 0;
  while (reach < top && gates[reach]!.passed) reach++;
  const last = history.at(-1);
  const cappedBy = last && last.kind === "switchback" && last.level < reach ? last : null;
  const level = cappedBy ? cappedBy.level : reach;
  const sustained = level === top && gates[top]!.passed;
  return { level, gatesReach: reach, cappedBy, sustained, top, current: sections[level]!.principle, next: gates[level]!, gates };
}

/** Whether a claimed level is supported: reached, and for the top level also sustained (its ongoing checks pass). */
export function claimSupported(levels: LevelResult, claimed: number): boolean {
  return claimed < levels.level || (claimed === levels.level && (claimed < levels.top || levels.sustained));
}

/** Whether a section must be answered: in a level pack, only the gates up to and including the next one. */
export function sectionRequired(levels: LevelResult | undefined, index: number): boolean {
  return !levels || index <= levels.level;
}
