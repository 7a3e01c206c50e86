import { questionApplies } from "../core/score.js";
import type { Pack } from "../core/types.js";
import { terminalSafe } from "../io/terminal.js";
import { writeFileAtomic } from "../io/write.js";
import { askNewFile, offerMissingDetails } from "./opening.js";
import { AnswersFileWriter } from "./save.js";
import { wrap } from "./screen.js";
import type { SessionOptions } from "./session.js";
import { askTraits, markNoTraits, noTraitsMarked, setTraits } from "./traits.js";

/*
 * The answers file an interview writes to, made ready before the first question: a new file
 * created from the details and traits asked for, or an existing one completed.
 */

/** The file's writer, and the system's traits (questions for other traits are not asked). */
export interface OpenedFile {
  writer: AnswersFileWriter;
  traits: string[];
}

/** How many questions the pack asks of a system with these traits. */
export function questionCountFor(pack: Pack, traits: string[]): number {
  return pack.principles.reduce((n, p) => n + p.questions.filter((q) => questionApplies(q, traits)).length, 0);
}

/** A new file: asks every metadata field and the traits (when the pack declares some), then writes the template with them. */
export async function createAnswersFile(opts: SessionOptions): Promise<OpenedFile> {
  const { prompts, color: c, file, pack } = opts;
  let traits: string[] = [];
  const text = await askNewFile(prompts, c, file, opts.newFile, opts.defaults, async () => {
    if (pack.traits.length) traits = await askTraits(prompts, c, pack);
    return traits;
  });
  const written = pack.traits.length && !traits.length ? markNoTraits(text) : text;
  writeFileAtomic(opts.path, written);
  const writer = new AnswersFileWriter(opts.path, written, pack, file);
  prompts.show(`\n${c.green("✔")} Created ${terminalSafe(file)}: ${questionCountFor(pack, traits)} questions in ${pack.principles.length} ${pack.scoring === "levels" ? "levels" : "principles"}.\n`);
  return { writer, traits };
}

/**
 * Asks once whether a file's `traits: []` is meant: none of the pack's traits, so the questions
 * for them are not asked (a template or an earlier tool may have written the empty list).
 */
async function noTraitsConfirmed(opts: SessionOptions): Promise<boolean> {
  const all = opts.pack.principles.reduce((n, p) => n + p.questions.length, 0);
  const skipped = all - questionCountFor(opts.pack, []);
  if (!skipped) return true;
  return "none" === await opts.prompts.choose({
    message: `No traits (project.traits: []): ${skipped} question${skipped === 1 ? "" : "s"} will not be asked — right?`,
    choices: [
      { value: "none", name: "yes, none of the traits applies", short: "yes, no traits" },
      { value: "choose", name: "no, choose the traits", short: "choose the traits" },
    ],
    default: "none",
  });
}

/**
 * An existing file: says where it stands (`answered` of the questions it asks), offers to fill in
 * the details it lacks, and, in a pack with traits, asks a file without `traits` for them and saves
 * them (an empty list not marked "# none applies" is confirmed once, then marked); either way says
 * which traits' questions are asked.
 */
export async function completeAnswersFile(opts: SessionOptions, opened: OpenedFile, answered: number): Promise<OpenedFile> {
  const { prompts, color: c, file, pack } = opts;
  const project = terminalSafe(opts.existing!.answers.project.name);
  prompts.show(`${c.bold(terminalSafe(file))}: ${project}, ${answered} of ${questionCountFor(pack, opened.traits)} questions answered.\n`);
  await offerMissingDetails(prompts, opened.writer, opts.defaults, opts.width);
  if (!pack.traits.length) return opened;
  let { writer, traits } = opened;
  const given = opts.existing!.answers.project.traits;
  const unconfirmed = given?.length === 0 && !noTraitsMarked(writer.current);
  const confirmed = unconfirmed && (await noTraitsConfirmed(opts));
  if (given === undefined || (unconfirmed && !confirmed)) {
    traits = await askTraits(prompts, c, pack, given);
    const text = traits.length ? setTraits(writer.current, traits) : markNoTraits(setTraits(writer.current, traits));
    writeFileAtomic(opts.path, text);
    writer = new AnswersFileWriter(opts.path, text, pack, file);
  } else if (confirmed) {
    // Asked once: the comment on `traits: []` says it was meant.
    const text = markNoTraits(writer.current);
    if (text !== writer.current) {
      writeFileAtomic(opts.path, text);
      writer = new AnswersFileWriter(opts.path, text, pack, file);
    }
  }
  const listed = traits.length ? traits.map((t) => terminalSafe(t)).join(", ") : "none";
  prompts.show(c.dim(wrap(`Traits (project.traits): ${listed}; questions for other traits are not asked.`, opts.width)) + "\n");
  return { writer, traits };
}
