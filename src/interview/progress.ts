import type { ChalkInstance } from "chalk";
import type { LevelResult, Principle, ScoredPrinciple } from "../core/types.js";
import { levelSentence } from "../text/levels.js";
import { terminalSafe } from "../io/terminal.js";
import type { Prompts } from "../prompt.js";

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What a finished principle shows: its score so far, how much of it is answered, and what is left in the walk. */
export function principleProgress(c: ChalkInstance, scored: ScoredPrinciple, counts: { answered: number; applying: number; open: number; openPrinciples: number }): string {
  const { principle } = scored;
  const score = scored.score === null ? "all n/a" : `${scored.score}/100 (${terminalSafe(scored.band ?? "")})`;
  const left = counts.open ? `still open: ${plural(counts.open, "question")} in ${plural(counts.openPrinciples, "principle")}` : "nothing left open";
  return `\n${c.green("✔")} ${principle.number}. ${terminalSafe(principle.title)} so far: ${score}, ${counts.answered} of ${counts.applying} answered; ${left}.\n`;
}

/**
 * A level pack's gate walked: shows whether it passed and the level reached; after the first gate
 * not passed (with more to walk, and unless the team already chose to go on) asks whether to stop.
 * Returns the choice, or null when nothing was asked.
 */
export async function gateProgress(prompts: Prompts, c: ChalkInstance, levels: LevelResult, principle: Principle, offer: boolean): Promise<"stop" | "go-on" | null> {
  const gate = levels.gates.find((g) => g.section.principle.id === principle.id);
  if (!gate) return null;
  const state = gate.passed ? c.green("gate passed") : c.yellow(`gate not passed (${plural(gate.open.length, "question")} open)`);
  prompts.show(`\n${c.green("✔")} ${principle.number}. ${terminalSafe(principle.title)}: ${state}; ${terminalSafe(levelSentence(levels))}.\n`);
  if (gate.passed || levels.level !== principle.number || !offer) return null;
  return prompts.choose<"stop" | "go-on">({
    message: "The next levels count only once this gate is passed. Go on to their questions?",
    choices: [
      { value: "stop", name: "stop here", short: "stopped", description: "Save and end the interview; run it again to continue from here." },
      { value: "go-on", name: "go on", short: "going on", description: "Answer the later gates' questions too." },
    ],
  });
}
