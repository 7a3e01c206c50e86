import type { ChalkInstance } from "chalk";
import { questionApplies } from "../core/score.js";
import type { Pack, Principle, Question } from "../core/types.js";
import { terminalSafe, wrapWords } from "../io/terminal.js";

/** One question of the walk: its principle's number in the pack, the question's in its principle, its place in the walk. */
export interface Step {
  principle: Principle;
  question: Question;
  principleIndex: number;
  principleCount: number;
  questionIndex: number;
  questionCount: number;
  overall: number;
  total: number;
  /** The walk covers the principles chosen with --principle, not the whole pack. */
  chosen: boolean;
}

/** Prose wrapped to the screen's width. */
export function wrap(text: string, width: number): string {
  return wrapWords(text, width).join("\n");
}

/** What opens a principle: its number, title and commitment. */
export function principleHeading(p: Principle, c: ChalkInstance, width: number): string {
  const title = `${p.number}. ${terminalSafe(p.title)}`;
  const rule = "━".repeat(Math.max(3, width - title.length - 4));
  return `\n${c.bold.cyan(`━━ ${title} `)}${c.cyan(rule)}\n${wrap(p.commitment ? `Commitment: ${terminalSafe(p.commitment.text)}` : terminalSafe(p.summary), width)}\n`;
}

/** What stands above a question's prompt: the progress, the question and its guidance. */
export function questionScreen(step: Step, c: ChalkInstance, width: number): string {
  const progress = `principle ${step.principleIndex} of ${step.principleCount} · question ${step.questionIndex} of ${step.questionCount} · ${step.overall} of ${step.total} ${step.chosen ? "chosen" : "overall"}`;
  const id = `${step.principle.id}/${step.question.id}`;
  const head = progress.length + 3 + id.length <= width ? `${progress}   ${id}` : `${progress}\n${id}`;
  return [
    "",
    c.dim(head),
    c.bold(wrap(terminalSafe(step.question.text), width)),
    c.dim(wrap(`Guidance: ${terminalSafe(step.question.guidance)}`, width)),
  ].join("\n") + "\n";
}

/** The walk: every question of the chosen principles (all when null) that applies to the system's traits, in pack order. */
export function walkSteps(pack: Pack, chosen: string[] | null, traits: string[]): Step[] {
  const principles = pack.principles.filter((p) => !chosen || chosen.includes(p.id));
  const applying = (p: Principle) => p.questions.filter((q) => questionApplies(q, traits));
  const total = principles.reduce((n, p) => n + applying(p).length, 0);
  const steps: Step[] = [];
  // Principles are numbered as in the pack, so "principle 5 of 8" stands under "5. …" even in a --principle walk.
  principles.forEach((principle) => applying(principle).forEach((question, qi, questions) => steps.push({
    principle, question, principleIndex: principle.number, principleCount: pack.principles.length,
    questionIndex: qi + 1, questionCount: questions.length, overall: steps.length + 1, total,
    chosen: Boolean(chosen),
  })));
  return steps;
}
