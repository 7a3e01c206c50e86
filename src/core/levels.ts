import type { Gate, LevelResult, ScoredPrinciple } from "./types.js";

/** A gate of a scored section: passed when every applying question is yes, or n/a with notes. */
function gateOf(section: ScoredPrinciple): Gate {
  const open = section.questions.filter((q) => q.status !== "yes" && q.status !== "n/a");
  return { section, passed: open.length === 0, open };
}

/**
 * The level a level pack's answers reach: sections are gates in order (section L holds the criteria
 * to leave level L), and the level is the number of consecutive gates passed from gate 0, at most the
 * last section's number (whose questions are the ongoing checks of the top level). Pure.
 */
export function levelOf(sections: ScoredPrinciple[]): LevelResult {
  const gates = sections.map(gateOf);
  const top = sections.length - 1;
  let level = 0;
  while (level < top && gates[level]!.passed) level++;
  return { level, top, current: sections[level]!.principle, next: gates[level]!, gates };
}

/** Whether a section must be answered: in a level pack, only the gates up to and including the next one. */
export function sectionRequired(levels: LevelResult | undefined, index: number): boolean {
  return !levels || index <= levels.level;
}
