import type { ChalkInstance } from "chalk";
import { questionApplies } from "../core/score.js";
import type { Answers, AnswerValue, Pack, Principle } from "../core/types.js";
import { terminalSafe } from "../io/terminal.js";
import { writeFileAtomic } from "../io/write.js";
import type { Choice, Prompts } from "../prompt.js";
import { askMetadata, type Metadata } from "./metadata.js";
import { AnswersFileWriter, type AnswerEdit } from "./save.js";
import { askTraits, setTraits } from "./traits.js";
import { principleHeading, questionScreen, wrap, type Step } from "./screen.js";

export interface SessionOptions {
  pack: Pack;
  /** Absolute path of the answers file. */
  path: string;
  /** The file as the user named it, for messages. */
  file: string;
  /** The file's text and parsed answers when it exists; null to start a new file. */
  existing: { text: string; answers: Answers } | null;
  /** Principle ids to walk (in pack order), or null for all. */
  principles: string[] | null;
  /** Walk every question, not only the unanswered ones. */
  review: boolean;
  prompts: Prompts;
  color: ChalkInstance;
  /** Columns to wrap text to. */
  width: number;
  /** Defaults for a new file's project name and date. */
  defaults: { projectName: string; date: string };
  /** The text of a new answers file with this metadata (the `init` template). */
  newFile: (meta: Metadata) => string;
  /** The command that carries on this interview, shown to the user. */
  continueCommand: string;
}

type Action = AnswerValue | "skip" | "back";

const key = (principle: string, question: string) => `${principle}/${question}`;

/** Evidence as typed: paths or URLs separated by commas (or line breaks, when pasted). */
export function splitEvidence(text: string): string[] {
  return text.split(/[,\n]/).map((e) => e.trim()).filter(Boolean);
}

/**
 * One interview: asks the metadata of a new file, then walks the questions one at a time,
 * saving each answer to the file as soon as it is given. Ctrl-C surfaces as the prompt's error
 * (see `isInterruption`); everything answered by then is already on disk.
 */
export class InterviewSession {
  /** The file being written; null until a new file has been created. */
  writer: AnswersFileWriter | null = null;
  /** Answers in the file now, by `principle/question`. */
  private readonly state = new Map<string, AnswerEdit>();
  private steps: Step[] = [];
  /** The system's traits: questions for other traits are not asked (nor counted). */
  private traits: string[];

  constructor(private readonly opts: SessionOptions) {
    if (opts.existing) {
      this.writer = new AnswersFileWriter(opts.path, opts.existing.text, opts.pack, opts.file);
      for (const [p, questions] of opts.existing.answers.answers) {
        for (const [q, a] of questions) if (a.answer) this.state.set(key(p, q), { answer: a.answer, notes: a.notes, evidence: a.evidence });
      }
    }
    this.traits = opts.existing?.answers.project.traits ?? [];
    this.buildSteps();
  }

  /** The questions of a principle that apply to the system. */
  private applying(principle: Principle) {
    return principle.questions.filter((q) => questionApplies(q, this.traits));
  }

  /** The walk: every applying question of the chosen principles, in pack order. */
  private buildSteps(): void {
    const principles = this.opts.pack.principles.filter((p) => !this.opts.principles || this.opts.principles.includes(p.id));
    const total = principles.reduce((n, p) => n + this.applying(p).length, 0);
    this.steps = [];
    principles.forEach((principle, pi) => this.applying(principle).forEach((question, qi, questions) => this.steps.push({
      principle, question, principleIndex: pi + 1, principleCount: principles.length,
      questionIndex: qi + 1, questionCount: questions.length, overall: this.steps.length + 1, total,
    })));
  }

  /** A question counts as answered when it has an answer, and n/a has its notes. */
  private answered(principle: string, question: string): boolean {
    const a = this.state.get(key(principle, question));
    return Boolean(a && !(a.answer === "n/a" && !a.notes.trim()));
  }

  /** How many of the questions that apply to the system the file answers now. */
  answeredCount(): number {
    return this.opts.pack.principles.reduce((n, p) => n + this.applying(p).filter((q) => this.answered(p.id, q.id)).length, 0);
  }

  /** How many questions the pack asks of this system. */
  get questionCount(): number {
    return this.opts.pack.principles.reduce((n, p) => n + this.applying(p).length, 0);
  }

  /** Runs the interview to its end (or until a prompt is interrupted). */
  async run(): Promise<void> {
    const { prompts, color: c, file } = this.opts;
    if (!this.writer) {
      const meta = await askMetadata(prompts, c, file, this.opts.defaults);
      if (this.opts.pack.traits.length) meta.traits = this.traits = await askTraits(prompts, c, this.opts.pack);
      this.buildSteps();
      const text = this.opts.newFile(meta);
      writeFileAtomic(this.opts.path, text);
      this.writer = new AnswersFileWriter(this.opts.path, text, this.opts.pack, file);
      prompts.show(`\n${c.green("✔")} Created ${terminalSafe(file)}: ${this.questionCount} questions in ${this.opts.pack.principles.length} principles.\n`);
      prompts.show(c.dim(wrap(`Each answer is saved to the file as soon as it is given. Press Ctrl-C to stop at any time; '${this.opts.continueCommand}' carries on where you stopped.`, this.opts.width)) + "\n");
    } else {
      if (this.opts.pack.traits.length && this.opts.existing!.answers.project.traits === undefined) {
        // A file from before the pack had traits: they are asked once and saved, then not again.
        this.traits = await askTraits(prompts, c, this.opts.pack);
        const text = setTraits(this.opts.existing!.text, this.traits);
        writeFileAtomic(this.opts.path, text);
        this.writer = new AnswersFileWriter(this.opts.path, text, this.opts.pack, file);
        this.buildSteps();
      }
      const project = terminalSafe(this.opts.existing!.answers.project.name);
      prompts.show(`${c.bold(terminalSafe(file))}: ${project}, ${this.answeredCount()} of ${this.questionCount} questions answered.\n`);
      if (this.opts.pack.traits.length) {
        const listed = this.traits.length ? this.traits.map((t) => terminalSafe(t)).join(", ") : "none";
        prompts.show(c.dim(`Traits (project.traits): ${listed}; questions for other traits are not asked.`) + "\n");
      }
    }
    const ask = new Set<number>();
    this.steps.forEach((s, i) => {
      if (this.opts.review || !this.answered(s.principle.id, s.question.id)) ask.add(i);
    });
    if (ask.size === 0) {
      prompts.show(`Every question ${this.opts.principles ? "of the chosen principles " : ""}is answered; add --review to go through them again.\n`);
      return;
    }
    if (this.opts.review) prompts.show(c.dim(`Reviewing ${ask.size} questions; the current answer is preselected, Enter keeps it.`) + "\n");
    else if (this.opts.existing) prompts.show(c.dim(`${ask.size} question${ask.size === 1 ? "" : "s"} to answer.`) + "\n");
    await this.walk(ask);
  }

  private async walk(ask: Set<number>): Promise<void> {
    const nextFrom = (i: number) => {
      for (let j = i + 1; j < this.steps.length; j++) if (ask.has(j)) return j;
      return undefined;
    };
    const { color, width, prompts } = this.opts;
    const history: number[] = [];
    let shownPrinciple: string | undefined;
    let i: number | undefined = nextFrom(-1);
    while (i !== undefined) {
      const step = this.steps[i]!;
      if (step.principle.id !== shownPrinciple) prompts.show(principleHeading(step.principle, color, width));
      shownPrinciple = step.principle.id;
      prompts.show(questionScreen(step, color, width));
      const canGoBack = history.length > 0 || i > 0;
      const action = await this.askAnswer(step, canGoBack);
      if (action === "back") {
        i = history.length ? history.pop()! : i - 1;
        continue;
      }
      if (action !== "skip") await this.askDetailsAndSave(step, action);
      history.push(i);
      i = nextFrom(i);
    }
  }

  private async askAnswer(step: Step, canGoBack: boolean): Promise<Action> {
    const current = this.state.get(key(step.principle.id, step.question.id));
    const choices: Choice<Action>[] = this.opts.pack.answerOptions.map((o) => ({
      value: o.id, name: o.id, short: o.id, description: terminalSafe(o.description),
    }));
    choices.push({
      value: "skip", name: "skip", short: "skipped",
      description: current ? `Keep the current answer (${current.answer}) and go on.` : "Leave it unanswered for now and go on.",
    });
    choices.push({
      value: "back", name: "← back", short: "← back", description: "Go back to the previous question.",
      ...(canGoBack ? {} : { disabled: "(this is the first question)" }),
    });
    return this.opts.prompts.choose<Action>({
      message: current ? `Answer (currently ${current.answer})` : "Answer",
      choices,
      ...(current ? { default: current.answer } : {}),
    });
  }

  /**
   * Saves the choice at once (with the notes and evidence the question already had), then again
   * with the notes, then with the evidence: whatever was given before a stop is in the file.
   */
  private async askDetailsAndSave(step: Step, answer: AnswerValue): Promise<void> {
    const { prompts } = this.opts;
    const current = this.state.get(key(step.principle.id, step.question.id));
    const given: AnswerEdit = { answer, notes: current?.notes ?? "", evidence: current?.evidence ?? [] };
    this.save(step, given);
    const na = answer === "n/a";
    given.notes = (await prompts.text({
      message: na ? "Notes (required for n/a: why does it not apply?)" : "Notes (optional)",
      default: given.notes ? terminalSafe(given.notes).trim() : undefined,
      validate: (value) => !na || value.trim() !== "" || "n/a needs notes saying why the question does not apply",
    })).trim();
    this.save(step, given);
    given.evidence = splitEvidence(await prompts.text({
      message: "Evidence: paths or URLs, comma-separated (optional)",
      default: given.evidence.length ? terminalSafe(given.evidence.join(", ")) : undefined,
    }));
    this.save(step, given);
  }

  private save(step: Step, edit: AnswerEdit): void {
    const copy = { ...edit, evidence: [...edit.evidence] };
    this.writer!.save(step.principle.id, step.question.id, copy);
    this.state.set(key(step.principle.id, step.question.id), copy);
  }
}
