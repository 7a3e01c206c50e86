/**
 * The one module that talks to the prompt library (@inquirer/prompts). The rest of the tool asks
 * its questions through the `Prompts` interface, so the library can change, and tests can drive
 * whole interviews through the real prompts (see `PromptRunner`).
 */
import { checkbox, input, select } from "@inquirer/prompts";
import { createInterface } from "node:readline";

export interface Choice<T> {
  value: T;
  /** What the list shows. */
  name: string;
  /** Shown under the list while the choice is highlighted. */
  description?: string;
  /** What stays on screen once chosen. */
  short?: string;
  /** Shown but not selectable; a string says why. */
  disabled?: boolean | string;
}

export interface ChooseQuestion<T> {
  message: string;
  choices: Choice<T>[];
  /** The value highlighted at first (the current answer, when there is one). */
  default?: T;
}

export interface TextQuestion {
  message: string;
  /** Put on the line ready to edit; Enter keeps it. */
  default?: string;
  /** The default is not put on the line: typing replaces it, Enter alone keeps it (the message should name it). */
  replaceDefault?: boolean;
  /** true when the value is acceptable, otherwise what is wrong with it. */
  validate?: (value: string) => true | string;
}

export interface CheckboxQuestion<T> {
  message: string;
  choices: (Choice<T> & { checked?: boolean })[];
}

/** Everything an interview shows or asks. */
export interface Prompts {
  /** Text that stays on screen above the next question. */
  show(text: string): void;
  /** One of a list, chosen with the arrow keys (or j/k) or its number, then Enter. */
  choose<T>(question: ChooseQuestion<T>): Promise<T>;
  /** A line of text. */
  text(question: TextQuestion): Promise<string>;
  /** Any number of a list: space ticks a choice, Enter confirms (none is a valid answer). */
  checkbox<T>(question: CheckboxQuestion<T>): Promise<T[]>;
}

/** What a prompt of the library receives besides its config. */
export interface PromptContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

/** A prompt function of the library: config in, answer out. */
export type PromptFunction<Config, Value> = (config: Config, context?: PromptContext) => Promise<Value>;

/**
 * Runs one library prompt with its config. The default runs it on the terminal; tests pass one
 * that renders it with @inquirer/testing and types keys into it.
 */
export type PromptRunner = <Config, Value>(prompt: PromptFunction<Config, Value>, config: Config) => Promise<Value>;

export interface TerminalPromptsOptions {
  /** Where `show` writes (the terminal's standard output). */
  show: (text: string) => void;
  /** Aborting it ends the prompt on screen, as Ctrl-C does. */
  signal?: AbortSignal;
  run?: PromptRunner;
}

/** What a prompt ends with when Esc is pressed: the caller goes back a step. */
export class EscapeError extends Error {
  constructor() {
    super("Esc pressed");
    this.name = "EscapeError";
  }
}

/** True for the error a prompt ends with when Esc is pressed (see `EscapeError`). */
export function isEscape(error: unknown): boolean {
  return error instanceof EscapeError;
}

/**
 * A prompt that ends with EscapeError when Esc is pressed. The library ignores Esc; the prompt's
 * input emits it as a keypress, which aborts the prompt through a signal of its own.
 */
function escapable<Config, Value>(prompt: PromptFunction<Config, Value>): PromptFunction<Config, Value> {
  return async (config, context = {}) => {
    const input = context.input ?? process.stdin;
    const escape = new AbortController();
    const onKey = (_text: unknown, key: { name?: string } | undefined) => {
      if (key?.name === "escape") escape.abort();
    };
    input.on("keypress", onKey);
    try {
      return await prompt(config, { ...context, signal: context.signal ? AbortSignal.any([context.signal, escape.signal]) : escape.signal });
    } catch (error) {
      if (escape.signal.aborted && !context.signal?.aborted) throw new EscapeError();
      throw error;
    } finally {
      input.off("keypress", onKey);
    }
  };
}

/**
 * Makes the terminal tell Esc from Alt+key within 50 ms instead of readline's 500: Esc followed
 * by a letter typed at once was read as Alt+letter, and the letter lost. Keypress decoding is set
 * up once per stream, by the first interface made on it, so this one (closed at once) sets it.
 */
export function quickEscape(stream: NodeJS.ReadableStream & { isTTY?: boolean }): void {
  if (!stream.isTTY) return;
  createInterface({ input: stream, terminal: true, escapeCodeTimeout: 50 }).close();
}

/** `Prompts` made of @inquirer/prompts' select and input; Esc ends a prompt with EscapeError. */
export function terminalPrompts(opts: TerminalPromptsOptions): Prompts {
  const inner: PromptRunner = opts.run ?? ((prompt, config) => prompt(config, { signal: opts.signal }));
  const run: PromptRunner = (prompt, config) => inner(escapable(prompt), config);
  return {
    show: opts.show,
    choose<T>(q: ChooseQuestion<T>): Promise<T> {
      const config = {
        message: q.message,
        choices: q.choices,
        ...(q.default !== undefined ? { default: q.default } : {}),
        pageSize: Math.max(7, q.choices.length),
        loop: false,
        // Numbers pick a choice. Vim keys (j/k) replace type-to-search, which would move the
        // highlight to the first choice on Ctrl-C and leave a misleading last screen.
        theme: {
          indexMode: "number" as const,
          keybindings: ["vim" as const],
          style: { keysHelpTip: () => `↑↓ or 1-${q.choices.length} to choose • ⏎ to confirm • Esc to go back` },
        },
      };
      return run(select as PromptFunction<typeof config, T>, config);
    },
    text(q: TextQuestion): Promise<string> {
      const config = {
        message: q.message,
        ...(q.default ? { default: q.default, prefill: q.replaceDefault ? ("tab" as const) : ("editable" as const) } : {}),
        // A replaceable default is named in the message, so the prompt does not repeat it.
        ...(q.default && q.replaceDefault ? { theme: { style: { defaultAnswer: () => "" } } } : {}),
        ...(q.validate ? { validate: q.validate } : {}),
      };
      return run(input as PromptFunction<typeof config, string>, config);
    },
    checkbox<T>(q: CheckboxQuestion<T>): Promise<T[]> {
      const config = {
        message: q.message,
        choices: q.choices,
        pageSize: Math.max(7, q.choices.length),
        loop: false,
        theme: { keybindings: ["vim" as const] },
      };
      return run(checkbox as PromptFunction<typeof config, T[]>, config);
    },
  };
}

/** True for the error a prompt ends with when the user presses Ctrl-C or the prompt is aborted. */
export function isInterruption(error: unknown): boolean {
  return error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError");
}
