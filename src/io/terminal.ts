import { stripVTControlCharacters } from "node:util";

/**
 * Makes user text safe for a terminal: escape sequences and control characters are removed, so a
 * note cannot move the cursor, recolour the screen or forge a "passed" line. Newlines become spaces.
 */
export function terminalSafe(text: string): string {
  return stripVTControlCharacters(text)
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, "");
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
