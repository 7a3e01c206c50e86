import type { AnswerOption, AnswerValue } from "../core/types.js";
import { terminalSafe } from "../io/terminal.js";
import { isEscape, type Choice, type Prompts } from "../prompt.js";

/** What the user chose at a question: an answer, or a way to move on. */
export type Action = AnswerValue | "skip" | "clear" | "back" | "quit";

/** Evidence as typed: paths or URLs separated by commas (or line breaks, when pasted). */
export function splitEvidence(text: string): string[] {
  return text.split(/[,\n]/).map((e) => e.trim()).filter(Boolean);
}

/** The choices at a question: the pack's answers, keep or skip, clear (disabled when unanswered), back and quit; the same numbers on every question. */
export function answerChoices(options: AnswerOption[], current: AnswerValue | null, canGoBack: boolean, resumeCommand: string): Choice<Action>[] {
  const choices: Choice<Action>[] = options.map((o) => ({ value: o.id, name: o.id, short: o.id, description: terminalSafe(o.description) }));
  choices.push(current
    ? { value: "skip", name: `keep ${current}`, short: `kept ${current}`, description: `Keep the current answer (${current}) with its notes and evidence, and go on.` }
    : { value: "skip", name: "skip", short: "skipped, left unanswered", description: "Leave it unanswered for now and go on." });
  // Always listed (disabled while unanswered), so each action keeps its number on every question.
  choices.push({
    value: "clear", name: "clear answer", short: "cleared", description: "Remove the answer: the question is unanswered again (its notes and evidence stay).",
    ...(current ? {} : { disabled: "(not answered yet)" }),
  });
  choices.push({
    value: "back", name: "← back", short: "← back", description: "Go back to the previous question (Esc does the same).",
    ...(canGoBack ? {} : { disabled: "(this is the first question)" }),
  });
  choices.push({ value: "quit", name: "save and quit", short: "saved; stopping here", description: `Stop here; every answer given is saved. '${resumeCommand}' carries on.` });
  return choices;
}

/**
 * Asks for the answer to one question. With an answer already given, Enter keeps it (one key for
 * an unchanged question in a review); Esc goes back, except at the first question.
 */
export async function askAnswer(prompts: Prompts, choices: Choice<Action>[], current: AnswerValue | null, canGoBack: boolean): Promise<Action> {
  for (;;) {
    try {
      return await prompts.choose<Action>({
        message: current ? `Answer (currently ${current})` : "Answer",
        choices,
        ...(current ? { default: "skip" as const } : {}),
      });
    } catch (error) {
      if (!isEscape(error)) throw error;
      if (canGoBack) return "back";
    }
  }
}

/**
 * Asks for a question's notes, required (and validated) for n/a; the current notes are the default.
 * Notes left as shown come back exactly as they were: the prompt shows them cleaned for the
 * terminal, and an unchanged answer must not be rewritten with the cleaned text.
 */
export async function askNotes(prompts: Prompts, na: boolean, current: string): Promise<string> {
  const shown = current ? terminalSafe(current).trim() : undefined;
  const typed = (await prompts.text({
    message: na ? "Notes (required for n/a: why does it not apply?)" : "Notes (optional)",
    default: shown,
    validate: (value) => !na || value.trim() !== "" || "n/a needs notes saying why the question does not apply",
  })).trim();
  return shown !== undefined && typed === shown ? current : typed;
}

/**
 * Offers evidence the repository's probes found for a question ("found: docs/model_card.md — add
 * it?"); the paths the team accepts, or none.
 */
export async function offerEvidence(prompts: Prompts, found: string[]): Promise<string[]> {
  const one = found.length === 1;
  const add = await prompts.choose({
    message: `found: ${found.map((e) => terminalSafe(e)).join(", ")} — add ${one ? "it" : "them"}?`,
    choices: [
      { value: "add", name: one ? "add it to the evidence" : "add them to the evidence", short: "added", description: "The repository's probes found this file; it is added to the evidence, which you can still edit next." },
      { value: "skip", name: "do not add", short: "not added" },
    ],
    default: "add",
  });
  return add === "add" ? found : [];
}

/**
 * Asks for a question's evidence, comma-separated; the current entries are the default. Entries
 * left as shown come back as they were, so an entry holding a comma ("docs/error analysis, v2.pdf",
 * a URL's query) is not split into several. A path typed that `missing` says is not in the
 * repository is named, and kept or typed again as the team chooses.
 */
export async function askEvidence(prompts: Prompts, current: string[], missing: (refs: string[]) => string[] = () => []): Promise<string[]> {
  const original = current.length ? terminalSafe(current.join(", ")) : undefined;
  let shown = original;
  for (;;) {
    const typed = await prompts.text({ message: "Evidence: paths or URLs, comma-separated (optional)", default: shown });
    if (original !== undefined && typed.trim() === original.trim()) return current;
    const entries = splitEvidence(typed);
    // A path typed now that is not in the repository may be a typo: say so, and let the team keep it (it may come later).
    const absent = missing(entries.filter((e) => !current.includes(e)));
    if (!absent.length) return entries;
    const keep = await prompts.choose({
      message: `${absent.map((e) => terminalSafe(e)).join(", ")} ${absent.length === 1 ? "does" : "do"} not exist in the repository (paths are relative to the answers file's directory). Keep ${absent.length === 1 ? "it" : "them"}?`,
      choices: [
        { value: "keep", name: "keep as typed", short: "kept", description: "The evidence may be added later; check --verify-evidence reports a path that is still missing." },
        { value: "again", name: "type the evidence again", short: "again" },
      ],
      default: "keep",
    });
    if (keep === "keep") return entries;
    shown = terminalSafe(entries.join(", "));
  }
}
