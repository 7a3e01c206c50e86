import type {
  Answer, Answers, Assessment, Band, Counts, Pack, Principle, Question, ScoredPrinciple, ScoredQuestion,
} from "./types.js";
import { levelOf, markNaNotAllowed } from "./levels.js";

/** Whether a question applies to a system with these traits: always, or when one of its traits is listed. */
export function questionApplies(question: Question, traits: readonly string[]): boolean {
  return question.appliesTo.length === 0 || question.appliesTo.some((t) => traits.includes(t));
}

/**
 * Rounds to the nearest integer, halves up. The tiny nudge first removes binary noise such as
 * 62.49999999999999 for what is exactly 62.5 on paper, so auditors recomputing by hand agree.
 */
export function roundScore(exact: number): number {
  return Math.floor(Number(exact.toFixed(9)) + 0.5);
}

/** The band whose range holds a rounded score; bands are sorted by `min` ascending. */
export function bandFor(bands: Band[], score: number | null): string | null {
  if (score === null) return null;
  let label: string | null = null;
  for (const band of bands) if (score >= band.min) label = band.label;
  return label;
}

/** The points for a question's answer, from the pack's answer options; null for n/a. */
function pointsFor(pack: Pack, answer: Answer | undefined): ScoredQuestion["value"] {
  if (!answer?.answer) return 0;
  const option = pack.answerOptions.find((o) => o.id === answer.answer);
  return option?.value ?? null;
}

function scoreQuestion(pack: Pack, answer: Answer | undefined, question: ScoredQuestion["question"]): ScoredQuestion {
  const given = answer?.answer ?? null;
  const naWithoutReason = given === "n/a" && answer!.notes.trim() === "";
  if (given === null || naWithoutReason) {
    return { question, status: "unanswered", naWithoutReason, answer, value: 0 };
  }
  return { question, status: given, naWithoutReason: false, answer, value: pointsFor(pack, answer) };
}

function countStatuses(questions: ScoredQuestion[]): Counts {
  const counts: Counts = { yes: 0, partial: 0, no: 0, na: 0, unanswered: 0 };
  for (const q of questions) {
    if (q.status === "n/a") counts.na++;
    else counts[q.status]++;
  }
  return counts;
}

/** Weighted mean on a 0..100 scale, or null when there is nothing to average. */
function weightedMean(items: { weight: number; value: number }[]): number | null {
  let total = 0;
  let weights = 0;
  for (const { weight, value } of items) {
    total += weight * value;
    weights += weight;
  }
  return weights === 0 ? null : total / weights;
}

function scorePrinciple(pack: Pack, principle: Principle, given: Map<string, Answer> | undefined, traits: readonly string[]): ScoredPrinciple {
  const questions = principle.questions.filter((q) => questionApplies(q, traits)).map((q) => scoreQuestion(pack, given?.get(q.id), q));
  const notApplying = principle.questions.filter((q) => !questionApplies(q, traits)).map((question) => ({ question, answer: given?.get(question.id) }));
  const scored = questions.filter((q) => q.value !== null);
  const mean = weightedMean(scored.map((q) => ({ weight: q.question.weight, value: q.value as number })));
  const exact = mean === null ? null : 100 * mean;
  const score = exact === null ? null : roundScore(exact);
  return { principle, exact, score, band: bandFor(pack.bands, score), counts: countStatuses(questions), questions, notApplying };
}

/**
 * Scores an answers file against a pack, exactly as the README states: yes 1, partial 0.5, no 0,
 * unanswered 0, n/a (with notes) left out; a question whose traits (`applies-to`) the file's
 * `project.traits` does not list is left out whatever its answer; principle = 100 × Σ(weight × value) / Σ weight; overall =
 * the principle-weighted mean of the unrounded principle scores. Pure: no IO, no clock.
 */
export function score(pack: Pack, answers: Answers): Assessment {
  const traits = answers.project.traits ?? [];
  const principles = pack.principles.map((p) => scorePrinciple(pack, p, answers.answers.get(p.id), traits));
  const counted = principles.filter((p) => p.exact !== null);
  const exact = weightedMean(counted.map((p) => ({ weight: p.principle.weight, value: p.exact as number })));
  const overall = exact === null ? null : roundScore(exact);
  let weakest: Assessment["weakest"] = null;
  let weakestExact = Infinity;
  for (const p of counted) {
    if ((p.exact as number) < weakestExact) {
      weakestExact = p.exact as number;
      weakest = { principle: p.principle, score: p.score as number };
    }
  }
  // A level pack is judged by the level its gates reach, not by an overall score (later gates are not asked yet).
  // There, n/a passes a check only where the pack allows it for the system's traits (na-allowed-for).
  if (pack.scoring === "levels" && principles.length) {
    const gated = markNaNotAllowed(principles, traits);
    return { pack, answers, principles: gated, exact: null, score: null, band: null, weakest: null, levels: levelOf(gated, answers.history) };
  }
  return { pack, answers, principles, exact, score: overall, band: bandFor(pack.bands, overall), weakest };
}
