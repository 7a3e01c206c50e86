import type { ChalkInstance } from "chalk";
import type { Answers, AnswerValue, Pack, Principle, Question } from "../core/types.js";
import { terminalSafe } from "../io/terminal.js";
import { writeFileAtomic } from "../io/write.js";
import type { Choice, Prompts } from "../prompt.js";
import { AnswersFileWriter, type AnswerEdit } from "./save.js";

/** What a new answers file records about the project, asked before the first question. */
export interface Metadata {
  projectName: string;
  owner: string;
  description: string;
  assessors: { name: string; role: string }[];
  date: string;
}

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

/** One question of the walk, with where it stands in it. */
interface Step {
  principle: Principle;
  question: Question;
  principleIndex: number;
  principleCount: number;
  questionIndex: number;
  questionCount: number;
  overall: number;
  total: number;
}

const key = (principle: string, question: string) => `${principle}/${question}`;

/** Words wrapped into lines of at most `width` characters (a longer word stands alone). */
export function wrap(text: string, width: number, indent = ""): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = "";
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

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
  private readonly steps: Step[];

  constructor(private readonly opts: SessionOptions) {
    if (opts.existing) {
      this.writer = new AnswersFileWriter(opts.path, opts.existing.text, opts.pack);
      for (const [p, questions] of opts.existing.answers.answers) {
        for (const [q, a] of questions) if (a.answer) this.state.set(key(p, q), { answer: a.answer, notes: a.notes, evidence: a.evidence });
      }
    }
    const principles = opts.pack.principles.filter((p) => !opts.principles || opts.principles.includes(p.id));
    const total = principles.reduce((n, p) => n + p.questions.length, 0);
    this.steps = [];
    principles.forEach((principle, pi) => principle.questions.forEach((question, qi) => this.steps.push({
      principle, question, principleIndex: pi + 1, principleCount: principles.length,
      questionIndex: qi + 1, questionCount: principle.questions.length, overall: this.steps.length + 1, total,
    })));
  }

  /** A question counts as answered when it has an answer, and n/a has its notes. */
  private answered(principle: string, question: string): boolean {
    const a = this.state.get(key(principle, question));
    return Boolean(a && !(a.answer === "n/a" && !a.notes.trim()));
  }

  /** How many of the pack's questions the file answers now. */
  answeredCount(): number {
    return this.opts.pack.principles.reduce((n, p) => n + p.questions.filter((q) => this.answered(p.id, q.id)).length, 0);
  }

  get questionCount(): number {
    return this.opts.pack.principles.reduce((n, p) => n + p.questions.length, 0);
  }

  /** Runs the interview to its end (or until a prompt is interrupted). */
  async run(): Promise<void> {
    const { prompts, color: c, file } = this.opts;
    if (!this.writer) {
      const meta = await this.askMetadata();
      const text = this.opts.newFile(meta);
      writeFileAtomic(this.opts.path, text);
      this.writer = new AnswersFileWriter(this.opts.path, text, this.opts.pack);
      prompts.show(`\n${c.green("✔")} Created ${terminalSafe(file)}: ${this.questionCount} questions in ${this.opts.pack.principles.length} principles.\n`);
      prompts.show(c.dim(wrap(`Each answer is saved to the file as soon as it is given. Press Ctrl-C to stop at any time; '${this.opts.continueCommand}' carries on where you stopped.`, this.opts.width)) + "\n");
    } else {
      const project = terminalSafe(this.opts.existing!.answers.project.name);
      prompts.show(`${c.bold(terminalSafe(file))}: ${project}, ${this.answeredCount()} of ${this.questionCount} questions answered.\n`);
    }
    const ask = new Set(this.steps.map((s, i) => (this.opts.review || !this.answered(s.principle.id, s.question.id) ? i : -1)).filter((i) => i >= 0));
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
    const history: number[] = [];
    let shownPrinciple: string | undefined;
    let i: number | undefined = nextFrom(-1);
    while (i !== undefined) {
      const step = this.steps[i]!;
      if (step.principle.id !== shownPrinciple) this.showPrinciple(step);
      shownPrinciple = step.principle.id;
      this.showQuestion(step);
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

  private showPrinciple(step: Step): void {
    const { color: c, width, prompts } = this.opts;
    const p = step.principle;
    const title = `${p.number}. ${terminalSafe(p.title)}`;
    prompts.show(`\n${c.bold.cyan(`━━ ${title} `)}${c.cyan("━".repeat(Math.max(3, Math.min(width, 100) - title.length - 4)))}\n`);
    prompts.show(`${wrap(`Commitment: ${terminalSafe(p.commitment.text)}`, width)}\n`);
  }

  private showQuestion(step: Step): void {
    const { color: c, width, prompts } = this.opts;
    const progress = `principle ${step.principleIndex} of ${step.principleCount} · question ${step.questionIndex} of ${step.questionCount} · ${step.overall} of ${step.total} overall`;
    const id = `${step.principle.id}/${step.question.id}`;
    const head = progress.length + 3 + id.length <= width ? `${progress}   ${id}` : `${progress}\n${id}`;
    prompts.show(`\n${c.dim(head)}\n`);
    prompts.show(`${c.bold(wrap(terminalSafe(step.question.text), width))}\n`);
    prompts.show(`${c.dim(wrap(`Guidance: ${terminalSafe(step.question.guidance)}`, width))}\n`);
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

  private async askDetailsAndSave(step: Step, answer: AnswerValue): Promise<void> {
    const { prompts } = this.opts;
    const k = key(step.principle.id, step.question.id);
    const current = this.state.get(k);
    const na = answer === "n/a";
    const notes = await prompts.text({
      message: na ? "Notes (required for n/a: why does it not apply?)" : "Notes (optional)",
      default: current?.notes ? current.notes.replace(/\s+/g, " ").trim() : undefined,
      validate: (value) => !na || value.trim() !== "" || "n/a needs notes saying why the question does not apply",
    });
    const evidence = await prompts.text({
      message: "Evidence: paths or URLs, comma-separated (optional)",
      default: current?.evidence.length ? current.evidence.join(", ") : undefined,
    });
    const edit: AnswerEdit = { answer, notes: notes.trim(), evidence: splitEvidence(evidence) };
    this.writer!.save(step.principle.id, step.question.id, edit);
    this.state.set(k, edit);
  }

  private async askMetadata(): Promise<Metadata> {
    const { prompts, color: c, file } = this.opts;
    prompts.show(`${c.bold(`New assessment: ${terminalSafe(file)}`)}\n${c.dim("First, a few details about the system being assessed.")}\n`);
    const projectName = (await prompts.text({
      message: "Name of the ML system",
      default: this.opts.defaults.projectName,
      validate: (v) => v.trim() !== "" || "a name is required",
    })).trim();
    const owner = (await prompts.text({ message: "Owner: the team or person accountable for it (optional)" })).trim();
    const description = (await prompts.text({ message: "Description: what it does, in a sentence or two (optional)" })).trim();
    const assessors: Metadata["assessors"] = [];
    for (;;) {
      const name = (await prompts.text({ message: `Assessor ${assessors.length + 1}: name (Enter alone when done)` })).trim();
      if (!name) break;
      const role = (await prompts.text({ message: `Role of ${name} (optional)` })).trim();
      assessors.push({ name, role });
    }
    const date = (await prompts.text({
      message: "Date of the assessment (YYYY-MM-DD)",
      default: this.opts.defaults.date,
      validate: (v) => isCalendarDate(v.trim()) || "write a real date as YYYY-MM-DD, e.g. 2026-11-20",
    })).trim();
    return { projectName, owner, description, assessors, date };
  }
}
