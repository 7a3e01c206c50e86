import { Chalk, type ChalkInstance } from "chalk";

/**
 * A chalk instance for one output stream, honouring NO_COLOR and FORCE_COLOR from the given
 * environment (not the process's, so tests can run the CLI in-process). Whether the stream is a
 * terminal is asked only when the environment leaves it open.
 */
export function colorFor(env: Record<string, string | undefined>, isTTY: () => boolean): ChalkInstance {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return new Chalk({ level: 0 });
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "0" || force === "false") return new Chalk({ level: 0 });
    const level = Number(force);
    return new Chalk({ level: (level >= 1 && level <= 3 ? level : 1) as 1 | 2 | 3 });
  }
  return new Chalk({ level: env.TERM !== "dumb" && isTTY() ? 1 : 0 });
}
