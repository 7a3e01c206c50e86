import { render } from "@inquirer/testing";
import { terminalPrompts, type PromptFunction, type Prompts } from "../../src/prompt.js";

/** A key for the prompt: a name ("enter", "down", "backspace") or a key with modifiers. */
type Key = string | { name: string; ctrl?: boolean };

/** What to do at one prompt, in order. */
export type Action =
  | Key
  | { type: string }
  /** Picks the choice with this value by typing its number, then Enter (select prompts). */
  | { choose: string }
  /** Fails unless the prompt's screen (or the text shown just before it) matches. */
  | { expect: RegExp | string }
  /** Runs something outside the terminal while the prompt waits (remove a directory, say). */
  | { meanwhile: () => void };

/** The script for one prompt: what its screen must show on arrival, and the keys to send. */
export interface Step {
  expect?: RegExp | string;
  keys: Action[];
}

export interface Driver {
  prompts: Prompts;
  /** Everything shown: the text between prompts and each prompt's final screen. */
  transcript: () => string;
  /** The steps not used yet (a finished interview should leave none). */
  remaining: () => Step[];
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function matches(text: string, expected: RegExp | string): boolean {
  return typeof expected === "string" ? text.includes(expected) : expected.test(text);
}

/**
 * Prompts that run the real @inquirer prompts, rendered by @inquirer/testing, and answer each
 * one from a script of keys. A prompt the script does not expect fails the interview with its
 * screen, so a test reads as the conversation it drives.
 */
export function scriptedPrompts(script: Step[]): Driver {
  const steps = [...script];
  let transcript = "";
  let shownSincePrompt = "";
  let count = 0;
  const prompts = terminalPrompts({
    show: (text) => {
      transcript += text;
      shownSincePrompt += text;
    },
    run: async <Config, Value>(prompt: PromptFunction<Config, Value>, config: Config): Promise<Value> => {
      const r = await render(prompt as never, config as never);
      const answer = r.answer as unknown as Promise<Value>;
      // Ctrl-C rejects the answer while keys are still being sent; it is awaited below.
      answer.catch(() => undefined);
      count++;
      const context = () => `${shownSincePrompt}\n${r.getScreen()}`;
      const step = steps.shift();
      if (!step) throw new Error(`prompt ${count} is not in the script:\n${context()}`);
      if (step.expect !== undefined && !matches(context(), step.expect)) {
        throw new Error(`prompt ${count}: expected ${String(step.expect)} on screen, got:\n${context()}`);
      }
      for (const action of step.keys) {
        if (typeof action === "string") r.events.keypress(action);
        else if ("type" in action) r.events.type(action.type);
        else if ("choose" in action) {
          const choices = (config as { choices: { value: unknown }[] }).choices;
          const index = choices.findIndex((c) => c.value === action.choose);
          if (index < 0) throw new Error(`prompt ${count}: no choice '${action.choose}'`);
          r.events.type(String(index + 1));
          await settle();
          r.events.keypress("enter");
        } else if ("meanwhile" in action) {
          action.meanwhile();
        } else if ("expect" in action) {
          if (!matches(r.getScreen(), action.expect)) throw new Error(`prompt ${count}: expected ${String(action.expect)} on screen, got:\n${r.getScreen()}`);
        } else r.events.keypress(action);
        await settle();
      }
      try {
        return await answer;
      } finally {
        transcript += `${r.getScreen()}\n`;
        shownSincePrompt = "";
      }
    },
  });
  return { prompts, transcript: () => transcript, remaining: () => steps };
}

// Steps for the usual conversation, to keep tests short.

/** Types a line of text and presses Enter (Ctrl-U first clears what the prompt put there). */
export const say = (text: string, expect?: RegExp | string): Step => ({ expect, keys: [{ name: "u", ctrl: true }, { type: text }, "enter"] });
/** Types a line of text as it comes, nothing cleared first, and presses Enter: a default on the line would be kept in front of it. */
export const type = (text: string, expect?: RegExp | string): Step => ({ expect, keys: [{ type: text }, "enter"] });
/** Presses Enter: accepts the default, or what is already on the line. */
export const enter = (expect?: RegExp | string): Step => ({ expect, keys: ["enter"] });
/** Picks a choice by value. */
export const choose = (value: string, expect?: RegExp | string): Step => ({ expect, keys: [{ choose: value }] });
/** Declines to fill in an existing file's missing details now. */
export const notNow = (expect: RegExp | string = "Fill them in now?"): Step => ({ expect, keys: [{ choose: "later" }] });
/** Presses Esc. */
export const escape = (expect?: RegExp | string): Step => ({ expect, keys: ["escape"] });
/** Presses Ctrl-C. */
export const ctrlC = (expect?: RegExp | string): Step => ({ expect, keys: [{ name: "c", ctrl: true }] });

/** A whole answer: the choice, then notes and evidence (Enter alone leaves either as it is). */
export function answer(value: string, notes?: string, evidence?: string): Step[] {
  return [choose(value), notes === undefined ? enter() : say(notes), evidence === undefined ? enter() : say(evidence)];
}

/** The metadata steps of a new file: name, owner, description, intended use, risk, repository, assessors (name, role), date. */
export function metadata(m: { name: string; owner?: string; description?: string; intendedUse?: string; risk?: string; repository?: string; assessors?: [string, string][]; date?: string }): Step[] {
  return [
    say(m.name, "Name of the ML system"),
    m.owner ? say(m.owner, "Owner") : enter("Owner"),
    m.description ? say(m.description, "Description") : enter("Description"),
    m.intendedUse ? say(m.intendedUse, "Intended use") : enter("Intended use"),
    m.risk ? choose(m.risk, "Risk level") : enter("Risk level"),
    m.repository ? say(m.repository, "Repository") : enter("Repository"),
    ...(m.assessors ?? []).flatMap(([n, role]) => [say(n, /Assessor \d: name/), role ? say(role, "Role of") : enter("Role of")]),
    enter(/Assessor \d: name/),
    m.date ? say(m.date, "Date") : enter("Date"),
  ];
}
