import { Chalk, type ChalkInstance } from "chalk";

/** chalk without colour: every style returns its text unchanged (output to a file, a pipe, NO_COLOR). */
export const PLAIN: ChalkInstance = new Chalk({ level: 0 });

/** The colour level for one output stream, from NO_COLOR and FORCE_COLOR, else whether it is a terminal. */
export function colorLevel(env: Record<string, string | undefined>, isTTY: () => boolean): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    const level = Number(force);
    return (level >= 1 && level <= 3 ? level : 1) as 1 | 2 | 3;
  }
  return env.TERM !== "dumb" && isTTY() ? 1 : 0;
}

/**
 * Colour functions for one output stream (chalk at the level NO_COLOR, FORCE_COLOR and the stream
 * decide), from the given environment, not the process's, so tests can run the CLI in-process.
 * Whether the stream is a terminal is asked only when the environment leaves it open.
 */
export async function colorFor(env: Record<string, string | undefined>, isTTY: () => boolean): Promise<ChalkInstance> {
  const level = colorLevel(env, isTTY);
  return level === 0 ? PLAIN : new Chalk({ level });
}
