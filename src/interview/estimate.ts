import type { Question } from "../core/types.js";

/*
 * How long the questions take, from the pack itself (so it holds for any pack and any subset):
 * - reading: the words of each question and its guidance at 200 words a minute (a careful reading
 *   pace for technical prose, below the 230-250 of casual reading);
 * - a solo pass: reading, plus half a minute a question to pick an answer and type a short note;
 * - a team: reading, plus 2 to 3½ minutes a question to discuss it, agree and record the answer.
 * For the 63 questions and ~3,400 words of the built-in pack 1.0.0 this gives about 50 minutes
 * alone and 2½ to 4 hours as a team, the range a first team reported.
 */
export const READING_WORDS_PER_MINUTE = 200;
export const SOLO_MINUTES_PER_QUESTION = 0.5;
export const TEAM_MINUTES_PER_QUESTION: readonly [number, number] = [2, 3.5];

export interface Estimate {
  questions: number;
  words: number;
  soloMinutes: number;
  teamMinutes: [number, number];
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The estimate for answering these questions. */
export function estimate(questions: Question[]): Estimate {
  const words = questions.reduce((n, q) => n + wordCount(q.text) + wordCount(q.guidance), 0);
  const reading = words / READING_WORDS_PER_MINUTE;
  const n = questions.length;
  return {
    questions: n,
    words,
    soloMinutes: reading + n * SOLO_MINUTES_PER_QUESTION,
    teamMinutes: [reading + n * TEAM_MINUTES_PER_QUESTION[0], reading + n * TEAM_MINUTES_PER_QUESTION[1]],
  };
}

/** A duration as people say it: "5 minutes", "45 minutes", "1½ hours" (half hours above an hour). */
export function duration(minutes: number): string {
  if (minutes < 55) return `${Math.max(5, Math.round(minutes / 5) * 5)} minutes`;
  const halves = Math.max(2, Math.round(minutes / 30));
  const whole = Math.floor(halves / 2);
  const text = `${whole}${halves % 2 ? "½" : ""}`;
  return `${text} hour${halves === 2 ? "" : "s"}`;
}

/** A range of durations, "2½–4 hours", or one duration when both ends read the same. */
export function durationRange([low, high]: [number, number]): string {
  const a = duration(low);
  const b = duration(high);
  if (a === b) return a;
  const [aNum, aUnit] = [a.replace(/ .*/, ""), a.replace(/^\S+ /, "")];
  const bUnit = b.replace(/^\S+ /, "");
  return aUnit.replace(/s$/, "") === bUnit.replace(/s$/, "") ? `${aNum}–${b}` : `${a} to ${b}`;
}
