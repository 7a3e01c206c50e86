import type { ChalkInstance } from "chalk";
import { questionApplies } from "../core/score.js";
import type { Answers, AnswerValue, Assessment, Pack, Principle } from "../core/types.js";
import { isEscape, type Prompts } from "../prompt.js";
import { answerChoices, askAnswer, askEvidence, askNotes, offerEvidence, type Action } from "./answer-prompt.js";
import { missingEvidence } from "../io/evidence-files.js";
import type { MetadataDefaults } from "./metadata.js";
import { completeAnswersFile, createAnswersFile, questionCountFor } from "./open-file.js";
import { estimateText } from "./opening.js";
import { AnswersFileWriter, type AnswerEdit } from "./save.js";
import { gateProgress, principleProgress } from "./progress.js";
import { principleHeading, questionScreen, walkSteps, type Step } from "./screen.js";

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
  /** Start at this principle (its first question) or `principle/question`, asking it even when answered. */
  jump: { principle: string; question?: string } | null;
  prompts: Prompts;
  color: ChalkInstance;
  /** Columns to wrap text to. */
  width: number;
  /** Defaults for the project name and the date. */
  defaults: MetadataDefaults;
  /** The text of a new answers file (the `init` template, with the defaults). */
  newFile: (traits?: string[]) => string;
  /** The assessment of the file as saved now (for the score of a finished principle). */
  assess: () => Promise<Assessment>;
  /** The command that carries on this interview, shown to the user (without --review or --jump). */
  continueCommand: string;
  /** Evidence the repository's probes found for a question, as written in the answers file; absent when the repository could not be probed. */
  found?: (principle: string, question: string) => string[];
}

const key = (principle: string, question: string) => `${principle}/${question}`;

/**
 * One interview: the project's details (all of them for a new file, the missing ones for an
 * existing file), how long it takes, then the questions one at a time, each answer saved to the
 * file as soon as it is given. Ctrl-C surfaces as the prompt's error (see `isInterruption`);
 * everything answered by then is already on disk.
 */
export class InterviewSession {
  /** The file being written; null until a new file has been created. */
  writer: AnswersFileWriter | null = null;
  /** The question on screen, and what is being typed for it (notes or evidence), for the stop message. */
  current: { step: Step; typing: "notes" | "evidence" | null } | null = null;
  /** True once the team chose "save and quit". */
  quit = false;
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

  private buildSteps(): void {
    this.steps = walkSteps(this.opts.pack, this.opts.principles, this.traits);
  }

  /** A question counts as answered when it has an answer, and n/a has its notes. */
  private answered(principle: string, question: string): boolean {
    const a = this.state.get(key(principle, question));
    return Boolean(a?.answer && !(a.answer === "n/a" && !a.notes.trim()));
  }

  /** How many of the questions that apply to the system the file answers now. */
  answeredCount(): number {
    return this.opts.pack.principles.reduce((n, p) => n + this.applying(p).filter((q) => this.answered(p.id, q.id)).length, 0);
  }

  /** How many questions the pack asks of this system. */
  get questionCount(): number {
    return questionCountFor(this.opts.pack, this.traits);
  }

  /**
   * The command that carries on from here. A review resumes at the question it stopped on
   * (--review --jump), since a plain resume would start at the first unanswered question.
   */
  resumeCommand(): string {
    if (!this.opts.review) return this.opts.continueCommand;
    const at = this.current?.step;
    return `${this.opts.continueCommand} --review${at ? ` --jump ${key(at.principle.id, at.question.id)}` : ""}`;
  }

  /** Runs the interview to its end, a "save and quit", or until a prompt is interrupted. The order of its steps is here. */
  async run(): Promise<void> {
    // The writer is kept as soon as there is one: a stop (Ctrl-C) says what the file holds.
    const opened = this.writer ? await completeAnswersFile(this.opts, { writer: this.writer, traits: this.traits }, this.answeredCount()) : await createAnswersFile(this.opts);
    this.writer = opened.writer;
    this.traits = opened.traits;
    this.buildSteps();
    const ask = this.questionsToAsk();
    if (ask.size === 0) {
      this.opts.prompts.show(`Every question ${this.opts.principles ? "of the chosen principles " : ""}is answered; add --review to go through them again.\n`);
      return;
    }
    this.opts.prompts.show(estimateText([...ask].map((i) => this.steps[i]!.question), this.opts.review, this.opts.continueCommand, this.opts.color, this.opts.width));
    await this.walk(ask);
  }

  /** The steps to ask: the unanswered ones (every one with --review), and the --jump target. */
  private questionsToAsk(): Set<number> {
    const ask = new Set<number>();
    const jump = this.opts.jump;
    this.steps.forEach((s, i) => {
      const jumped = jump && s.principle.id === jump.principle && (!jump.question || s.question.id === jump.question);
      if (this.opts.review || jumped || !this.answered(s.principle.id, s.question.id)) ask.add(i);
    });
    return ask;
  }

  private async walk(ask: Set<number>): Promise<void> {
    const nextFrom = (i: number) => {
      for (let j = i + 1; j < this.steps.length; j++) if (ask.has(j)) return j;
      return undefined;
    };
    const { color, width, prompts } = this.opts;
    const history: number[] = [];
    let shownPrinciple: string | undefined;
    const jump = this.opts.jump;
    const start = jump ? this.steps.findIndex((s) => s.principle.id === jump.principle && (!jump.question || s.question.id === jump.question)) : -1;
    let i: number | undefined = start >= 0 ? start : nextFrom(-1);
    while (i !== undefined) {
      const step = this.steps[i]!;
      if (step.principle.id !== shownPrinciple) prompts.show(principleHeading(step.principle, color, width));
      shownPrinciple = step.principle.id;
      prompts.show(questionScreen(step, color, width));
      this.current = { step, typing: null };
      const canGoBack = history.length > 0 || i > 0;
      const action = await this.askAnswer(step, canGoBack);
      if (action === "quit") {
        this.quit = true;
        return;
      }
      if (action === "back") {
        i = history.length ? history.pop()! : i - 1;
        continue;
      }
      if (action === "clear") this.save(step, { ...this.state.get(key(step.principle.id, step.question.id))!, answer: null });
      else if (action !== "skip" && !(await this.askDetailsAndSave(step, action))) continue;
      history.push(i);
      const next = nextFrom(i);
      if (next === undefined || this.steps[next]!.principle.id !== step.principle.id) {
        const stop = await this.principleDone(step.principle, next !== undefined);
        if (stop) {
          this.quit = true;
          break;
        }
      }
      i = next;
    }
    this.current = null;
  }

  /** Whether the team chose to go on past the first gate not passed (asked once a session). */
  private pastGate = false;

  /**
   * After a principle's last question: its score so far, and what is left in the walk. In a level
   * pack, after the first gate not passed, offers to stop there (true: stop the walk).
   */
  private async principleDone(principle: Principle, more: boolean): Promise<boolean> {
    const { prompts, color } = this.opts;
    const assessment = await this.opts.assess();
    if (assessment.levels) {
      const choice = await gateProgress(prompts, color, assessment.levels, principle, more && !this.pastGate);
      if (choice) this.pastGate = choice === "go-on";
      return choice === "stop";
    }
    const scored = assessment.principles.find((p) => p.principle.id === principle.id);
    if (!scored) return false;
    const applying = this.applying(principle);
    const open = this.steps.filter((s) => !this.answered(s.principle.id, s.question.id));
    prompts.show(principleProgress(color, scored, {
      answered: applying.filter((q) => this.answered(principle.id, q.id)).length, applying: applying.length,
      open: open.length, openPrinciples: new Set(open.map((s) => s.principle.id)).size,
    }));
    return false;
  }

  private async askAnswer(step: Step, canGoBack: boolean): Promise<Action> {
    const current = this.state.get(key(step.principle.id, step.question.id))?.answer ?? null;
    const choices = answerChoices(this.opts.pack.answerOptions, current, canGoBack, this.resumeCommand());
    return askAnswer(this.opts.prompts, choices, current, canGoBack);
  }

  /**
   * Saves the choice at once (with the notes and evidence the question already had), then again
   * with the notes, then with the evidence: whatever was given before a stop is in the file.
   * Esc while typing returns false: the question is asked again (its choice already saved).
   */
  private async askDetailsAndSave(step: Step, answer: AnswerValue): Promise<boolean> {
    const { prompts } = this.opts;
    const current = this.state.get(key(step.principle.id, step.question.id));
    const given: AnswerEdit = { answer, notes: current?.notes ?? "", evidence: current?.evidence ?? [] };
    this.save(step, given);
    const na = answer === "n/a";
    try {
      this.current = { step, typing: "notes" };
      given.notes = await askNotes(prompts, na, given.notes);
      this.save(step, given);
      this.current = { step, typing: "evidence" };
      // A yes or partial is offered the evidence the probes found that it does not list yet.
      const offered = answer === "yes" || answer === "partial" ? (this.opts.found?.(step.principle.id, step.question.id) ?? []).filter((r) => !given.evidence.includes(r)) : [];
      if (offered.length) {
        const added = await offerEvidence(prompts, offered);
        if (added.length) {
          given.evidence = [...given.evidence, ...added];
          this.save(step, given);
        }
      }
      given.evidence = await askEvidence(prompts, given.evidence, (refs) => missingEvidence(refs, this.opts.path));
      this.save(step, given);
      this.current = { step, typing: null };
      return true;
    } catch (error) {
      if (!isEscape(error)) throw error;
      this.current = { step, typing: null };
      return false;
    }
  }

  private save(step: Step, edit: AnswerEdit): void {
    const copy = { ...edit, evidence: [...edit.evidence] };
    this.writer!.save(step.principle.id, step.question.id, copy);
    this.state.set(key(step.principle.id, step.question.id), copy);
  }
}
