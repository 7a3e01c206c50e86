import { answersSchema, type JsonSchema } from "../core/answers-schema.js";
import type { Pack } from "../core/types.js";
import { terminalSafe } from "../io/terminal.js";
import { escapeMarkdown } from "../text/escape.js";

/** One line of pack text: line breaks and runs of blanks as one space, controls and direction overrides dropped. */
const oneLine = (text: string) => terminalSafe(text).replace(/\s+/g, " ").trim();

/**
 * The answers schema of `pack` as the file `schema` writes (two-space JSON, a final newline):
 * descriptions cleaned of controls, markdown descriptions escaped, so a pack's text can neither
 * hide characters in an editor's hover nor add links or markup to it.
 */
export function schemaJson(pack: Pack, generic: JsonSchema): string {
  const schema = answersSchema(pack, generic, { plain: oneLine, markdown: (text) => escapeMarkdown(oneLine(text)) });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
