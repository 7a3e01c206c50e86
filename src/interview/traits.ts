import type { ChalkInstance } from "chalk";
import { isDeepStrictEqual } from "node:util";
import { isMap, isSeq, parseDocument, type YAMLMap } from "yaml";
import type { Pack } from "../core/types.js";
import { terminalSafe } from "../io/terminal.js";
import type { Prompts } from "../prompt.js";
import { pairOf } from "../load/answer-entry.js";

/** Asks which of the pack's traits the system has, each shown with its description. */
export async function askTraits(prompts: Prompts, c: ChalkInstance, pack: Pack, current: readonly string[] = []): Promise<string[]> {
  prompts.show(`\n${c.dim("Some questions apply only to some systems. Tick what this system is (none is a fine answer).")}\n`);
  return prompts.checkbox({
    message: "What is the system? (space ticks, Enter confirms)",
    choices: pack.traits.map((t) => ({ value: t.id, name: `${terminalSafe(t.id)}: ${terminalSafe(t.description)}`, short: terminalSafe(t.id), checked: current.includes(t.id) })),
  });
}

/**
 * The answers file's text with `project.traits` set: a line added after the project's last key
 * (every other byte kept), or, for a shape that defeats that, the whole document printed again.
 */
export function setTraits(text: string, traits: string[]): string {
  const doc = parseDocument(text);
  doc.setIn(["project", "traits"], doc.createNode(traits, { flow: true }));
  const expected = doc.toJS();
  const fallback = () => doc.toString({ nullStr: "" });
  const original = parseDocument(text);
  const project = isMap(original.contents) ? pairOf(original.contents as YAMLMap, "project") : undefined;
  if (!project || !isMap(project.value) || project.value.flow || pairOf(project.value, "traits")) return fallback();
  const last = project.value.items[project.value.items.length - 1];
  const first = project.value.items[0];
  if (!last || !first || isSeq(last.value) || isMap(last.value)) return fallback();
  const keyStart = (first.key as { range?: [number, number, number] }).range?.[0];
  const valueEnd = ((last.value ?? last.key) as { range?: [number, number, number] }).range?.[1];
  if (keyStart === undefined || valueEnd === undefined) return fallback();
  const indent = keyStart - (text.lastIndexOf("\n", keyStart - 1) + 1);
  let end = text.indexOf("\n", valueEnd - 1);
  if (end === -1) end = text.length;
  if (text[end - 1] === "\r") end--;
  const nl = text.includes("\r\n") ? "\r\n" : "\n";
  const spliced = `${text.slice(0, end)}${nl}${" ".repeat(indent)}traits: [${traits.join(", ")}]${text.slice(end)}`;
  const check = parseDocument(spliced);
  return !check.errors.length && isDeepStrictEqual(check.toJS(), expected) ? spliced : fallback();
}

/** The comment that marks `traits: []` as answered: none of the pack's traits applies. */
const NONE_APPLIES = /^[ \t]+traits:[ \t]*\[\][ \t]*#[ \t]*none applies\b/m;

/** True when the file's empty traits were confirmed (by an interview, or by hand with the comment). */
export const noTraitsMarked = (text: string): boolean => NONE_APPLIES.test(text);

/** The text with the project's `traits: []` marked as answered ("# none applies"); unchanged when there is no such line. */
export function markNoTraits(text: string): string {
  return noTraitsMarked(text) ? text : text.replace(/^([ \t]+traits:[ \t]*\[\])[ \t]*(\r?)$/m, "$1  # none applies$2");
}
