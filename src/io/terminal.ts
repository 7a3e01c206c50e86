import { stripVTControlCharacters } from "node:util";

/** C0 and C1 controls, DEL, line/paragraph separators and bidirectional overrides: never shown raw. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * What a quoted name shows as \u escapes: the characters above, and the invisible ones that make
 * two names look alike (zero-width spaces and joiners, direction marks, the word joiner, the
 * byte-order mark, the Arabic letter mark).
 */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/**
 * Makes user text safe for a terminal: escape sequences and control characters are removed, so a
 * note cannot move the cursor, recolour the screen or forge a "passed" line. Newlines become spaces.
 */
export function terminalSafe(text: string): string {
  return stripVTControlCharacters(text).replace(/\r\n|\r|\n/g, " ").replace(INVISIBLE, "");
}

/** terminalSafe for text of several lines (commander's messages): each line cleaned, newlines kept. */
export function terminalSafeLines(text: string): string {
  return text.split("\n").map(terminalSafe).join("\n");
}

/**
 * User text as a message should quote it: invisible, zero-width and control characters written as \u escapes,
 * so "found 'Yes\u001b[2K'" shows exactly what is in the file instead of acting on the terminal,
 * and cut to `max` characters so a megabyte-long key cannot flood the screen.
 */
export function visible(text: string, max = 60): string {
  let shown = text;
  if (shown.length > max) {
    shown = shown.slice(0, /[\ud800-\udbff]/.test(shown[max - 1]!) ? max - 1 : max);
    shown += "…";
  }
  return shown.replace(HIDDEN, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Words wrapped into lines of at most `width` characters (a longer word stands alone). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = "";
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
