import { closest, distance } from "fastest-levenshtein";

/** The candidate closest to a mistyped word, when it is close enough to be the likely intent. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, candidates);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(word, best) <= limit ? best : undefined;
}

/** How many allowed words a hint lists: every policy key of the config, fewer than a pack's question ids. */
const SHOWN = 16;

/** " (did you mean 'x'?)"-style hint text, or a list of what is allowed when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[], noun: string): string {
  const guess = suggest(word, candidates);
  if (guess) return `did you mean '${guess}'?`;
  const shown = candidates.slice(0, SHOWN).join(", ");
  return `known ${noun}s: ${shown}${candidates.length > SHOWN ? ", …" : ""}`;
}
