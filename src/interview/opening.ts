import type { ChalkInstance } from "chalk";
import { parseDocument } from "yaml";
import type { Question } from "../core/types.js";
import { terminalSafe } from "../io/terminal.js";
import type { Prompts } from "../prompt.js";
import { duration, durationRange, estimate } from "./estimate.js";
import { askFields, isEmptyValue, METADATA_FIELDS, missingFields, type MetadataDefaults } from "./metadata.js";
import { setMetadata } from "./metadata-file.js";
import type { AnswersFileWriter } from "./save.js";
import { wrap } from "./screen.js";

/*
 * What comes before the first question: the project's details, and how long the questions take.
 */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * A new file's text: every metadata field asked for, then what `afterFields` asks (the traits),
 * whose answer `template` turns into the template's text (with the defaults), then the fields set in it.
 */
export async function askNewFile<T>(prompts: Prompts, c: ChalkInstance, file: string, template: (extra?: T) => string, defaults: MetadataDefaults, afterFields: () => Promise<T>): Promise<string> {
  prompts.show(`${c.bold(`New assessment: ${terminalSafe(file)}`)}\n${c.dim("First, a few details about the system being assessed.")}\n`);
  const values = await askFields(METADATA_FIELDS, prompts, parseDocument(template()).toJS(), defaults);
  let text = template(await afterFields());
  for (const [field, value] of values) if (!(field.omitEmpty && isEmptyValue(value))) text = setMetadata(text, field.path, value);
  return text;
}

/** Offers to fill in the details an existing file lacks ("not now" skips them); each is saved as given. */
export async function offerMissingDetails(prompts: Prompts, writer: AnswersFileWriter, defaults: MetadataDefaults, width: number): Promise<void> {
  const data = parseDocument(writer.current).toJS();
  const missing = missingFields(data, defaults);
  if (!missing.length) return;
  const labels = missing.map((f) => (f.path.join(".") === "project.name" ? `project name (now '${terminalSafe(defaults.projectName)}', the folder's name)` : f.label));
  prompts.show(wrap(`The file has no ${labels.join(", ")}.`, width) + "\n");
  const fill = await prompts.choose<"fill" | "later">({
    message: `Fill ${missing.length === 1 ? "it" : "them"} in now?`,
    choices: [
      { value: "fill", name: "fill in now", short: "filling in", description: "Asks for each; Enter alone leaves one empty." },
      { value: "later", name: "not now", short: "not now", description: "Go to the questions; the next interview offers again." },
    ],
  });
  if (fill === "later") return;
  for (const [field, value] of await askFields(missing, prompts, data, defaults)) {
    if (!(field.omitEmpty && isEmptyValue(value))) writer.saveMetadata(field.path, value);
  }
}

/** How many questions, how long they take alone and as a team (see estimate.ts), and that it can stop at any point. */
export function estimateText(questions: Question[], review: boolean, continueCommand: string, c: ChalkInstance, width: number): string {
  const e = estimate(questions);
  const what = review ? `${plural(e.questions, "question")} to review; the current answer is preselected, Enter keeps it.` : `${plural(e.questions, "question")} to answer.`;
  return `${what}\n${c.dim(wrap(
    `About ${e.words.toLocaleString("en")} words of questions and guidance: about ${duration(e.soloMinutes)} for one person alone, ` +
    `${durationRange(e.teamMinutes)} for a team that discusses each question (often two or three meetings). ` +
    `Each answer is saved as soon as it is given: stop at any point with 'save and quit' or Ctrl-C, and ${review ? `the command shown then ('${continueCommand} --review --jump …')` : `'${continueCommand}'`} carries on where you stopped.`,
    width,
  ))}\n`;
}
