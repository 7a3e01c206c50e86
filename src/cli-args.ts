import { InvalidArgumentError } from "commander";

// How the command line's option values are parsed: each throws commander's InvalidArgumentError,
// which commander reports with the option's name (exit 2).

/** Parses a 0..100 score flag; commander reports the error with the flag's name. */
export function scoreArg(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError("expected a number from 0 to 100.");
  return n;
}

/** Parses a repeatable `ID=N` flag into [id, score] pairs; the id is checked against the pack later. */
export function principleScoreArg(value: string, previous: [string, number][] = []): [string, number][] {
  const match = /^([^=]+)=(.*)$/.exec(value);
  if (!match) throw new InvalidArgumentError("expected PRINCIPLE=N, e.g. bias-evaluation=60.");
  return [...previous, [match[1]!.trim(), scoreArg(match[2]!)]];
}

/** Parses a readiness level, a whole number from 0 to 9. */
export function levelArg(value: string): number {
  if (!/^\s*\d\s*$/.test(value)) throw new InvalidArgumentError("expected a whole number from 0 to 9.");
  return Number(value);
}

/** Parses a whole number of days, 1 or more. */
export function dayCountArg(value: string): number {
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1) throw new InvalidArgumentError("expected a whole number of days, 1 or more.");
  return Number(value);
}

/** Parses --jobs: a whole number of threads from 1 to 64 (1 parses on the main thread only). */
export function jobsArg(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 64) throw new InvalidArgumentError("expected a whole number from 1 to 64.");
  return n;
}

/** Collects a repeatable option's values; each may hold several, separated by commas. */
export function collectIds(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(",").map((v) => v.trim()).filter(Boolean)];
}

/** Collects a repeatable option's values as given (globs may hold commas). */
export function collectGlobs(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Parses a question weight, a whole number 1 or more. */
export function weightArg(value: string): number {
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1) throw new InvalidArgumentError("expected a whole number, 1 or more (a question's weight).");
  return Number(value);
}

/** Collects a repeatable `ID=TICKET` flag into [id, ticket] pairs; the id is checked against the pack later. */
export function ticketLinkArg(value: string, previous: [string, string][] = []): [string, string][] {
  const match = /^([^=]+)=(.*)$/.exec(value);
  const ticket = match?.[2]!.trim() ?? "";
  if (!match || !ticket) throw new InvalidArgumentError("expected ID=TICKET, e.g. bias-evaluation/protected-groups=https://github.com/org/repo/issues/12.");
  if (/[\u0000-\u001f\u007f]/.test(ticket)) throw new InvalidArgumentError("a ticket is one line, without control characters.");
  return [...previous, [match[1]!.trim(), ticket]];
}
