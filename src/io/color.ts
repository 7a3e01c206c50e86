import type { ChalkInstance } from "chalk";

/** Every style chalk offers (chalk's modifierNames, foregroundColorNames and backgroundColorNames). */
export const STYLE_NAMES = [
  "reset", "bold", "dim", "italic", "underline", "overline", "inverse", "hidden", "strikethrough",
  "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", "blackBright", "gray", "grey",
  "redBright", "greenBright", "yellowBright", "blueBright", "magentaBright", "cyanBright", "whiteBright",
  "bgBlack", "bgRed", "bgGreen", "bgYellow", "bgBlue", "bgMagenta", "bgCyan", "bgWhite", "bgBlackBright", "bgGray", "bgGrey",
  "bgRedBright", "bgGreenBright", "bgYellowBright", "bgBlueBright", "bgMagentaBright", "bgCyanBright", "bgWhiteBright",
] as const;
const STYLES: ReadonlySet<string | symbol> = new Set(STYLE_NAMES);
/** chalk's functions that make a style from a colour (`c.hex("#f00")`), each a style too. */
const STYLE_MAKERS: ReadonlySet<string | symbol> = new Set(["rgb", "hex", "ansi256", "bgRgb", "bgHex", "bgAnsi256"]);

// As chalk joins its arguments: one is converted as it is, several are joined with spaces.
const passThrough = (...text: unknown[]): string => (text.length === 1 ? String(text[0]) : text.join(" "));

/**
 * What chalk gives at colour level 0 (every style, chained or not, returns its text unchanged),
 * without loading chalk: output that has no colour (NO_COLOR, a pipe, a file, CI) does not pay
 * for building chalk's styles. Tests hold it to chalk's own level 0.
 */
export const PLAIN: ChalkInstance = new Proxy(passThrough, {
  get(target, key) {
    if (key === "level") return 0;
    if (STYLES.has(key)) return PLAIN;
    if (STYLE_MAKERS.has(key)) return () => PLAIN;
    return Reflect.get(target, key);
  },
}) as unknown as ChalkInstance;

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
 * Colour functions for one output stream, honouring NO_COLOR and FORCE_COLOR from the given
 * environment (not the process's, so tests can run the CLI in-process). Whether the stream is a
 * terminal is asked only when the environment leaves it open; chalk is loaded only for colour.
 */
export async function colorFor(env: Record<string, string | undefined>, isTTY: () => boolean): Promise<ChalkInstance> {
  const level = colorLevel(env, isTTY);
  if (level === 0) return PLAIN;
  const { Chalk } = await import("chalk");
  return new Chalk({ level });
}
