import type { ChalkInstance } from "chalk";

/**
 * No colour (output to a file, a pipe, NO_COLOR): every style, alone or chained, returns its text
 * unchanged, as chalk does at level 0, and chalk is not loaded at all. It has no `then`, so an
 * async function can return it.
 */
export const PLAIN: ChalkInstance = new Proxy((...text: unknown[]) => (text.length === 1 ? String(text[0]) : text.join(" ")), {
  get: (_, key) => (key === "level" ? 0 : typeof key === "string" && key !== "then" ? PLAIN : undefined),
}) as unknown as ChalkInstance;

/** chalk at a colour level above 0, loaded on first use. */
export async function chalkAt(level: 1 | 2 | 3): Promise<ChalkInstance> {
  const { Chalk } = await import("chalk");
  return new Chalk({ level });
}

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
  return level === 0 ? PLAIN : chalkAt(level);
}
