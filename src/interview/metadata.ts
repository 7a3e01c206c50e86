import { terminalSafe } from "../io/terminal.js";
import { isCalendarDate } from "../load/limits.js";
import type { Prompts } from "../prompt.js";

/** A metadata value as the answers file holds it: text, or the list of assessors. */
export type MetadataValue = string | { name: string; role: string }[];

/** What a field's question may use: the prompts, the value the file holds now, the defaults. */
export interface AskContext {
  prompts: Prompts;
  current: MetadataValue | undefined;
  defaults: MetadataDefaults;
}

export interface MetadataDefaults {
  /** Offered for the project's name when the file has none: the working directory's name. */
  projectName: string;
  /** Offered for the date: today. */
  date: string;
}

/** One metadata field of the answers file: where it lives, what to call it, how to ask for it. */
export interface MetadataField {
  path: string[];
  label: string;
  /** When true, an empty answer leaves the key out of the file (its schema allows no empty value). */
  omitEmpty?: boolean;
  ask(ctx: AskContext): Promise<MetadataValue>;
}

const trimmed = async (prompts: Prompts, message: string, options: { default?: string; replaceDefault?: boolean; validate?: (v: string) => true | string } = {}) =>
  (await prompts.text({ message, ...options })).trim();

/** An optional line of text; Enter alone leaves it empty (or keeps what is there). */
function textField(path: string[], label: string, message: string): MetadataField {
  return { path, label, ask: ({ prompts, current }) => trimmed(prompts, message, { default: typeof current === "string" ? terminalSafe(current) : undefined }) };
}

async function askAssessors({ prompts }: AskContext): Promise<MetadataValue> {
  const assessors: { name: string; role: string }[] = [];
  for (;;) {
    const name = await trimmed(prompts, `Assessor ${assessors.length + 1}: name (Enter alone when done)`);
    if (!name) return assessors;
    assessors.push({ name, role: await trimmed(prompts, `Role of ${terminalSafe(name)} (optional)`) });
  }
}

/**
 * The metadata an interview asks for, in the order it asks. A new field is one line here (and
 * one in the answers schema); the file is written by `setMetadata`, which knows no field by name.
 */
export const METADATA_FIELDS: MetadataField[] = [
  {
    path: ["project", "name"], label: "project name",
    ask: ({ prompts, current, defaults }) => {
      const now = typeof current === "string" && current ? current : "";
      const offered = now || defaults.projectName;
      const whence = offered === defaults.projectName ? ", the folder's name" : "";
      return trimmed(prompts, `Name of the ML system (Enter keeps '${terminalSafe(offered)}'${whence})`, {
        // A default, not text on the line: typing a name replaces it, Enter keeps it.
        default: terminalSafe(offered),
        replaceDefault: true,
        validate: (v) => v.trim() !== "" || "a name is required",
      });
    },
  },
  textField(["project", "owner"], "owner", "Owner: the team or person accountable for it (optional)"),
  textField(["project", "description"], "description", "Description: what it does, in a sentence or two (optional)"),
  textField(["project", "intended-use"], "intended use", "Intended use: what it is for, and what it must not be used for (optional)"),
  {
    path: ["project", "risk"], label: "risk level", omitEmpty: true,
    ask: ({ prompts, current }) => prompts.choose({
      message: "Risk level in the EU AI Act's vocabulary",
      choices: [
        { value: "", name: "not stated", description: "Leave it out of the file for now." },
        { value: "minimal", name: "minimal", description: "Most systems, e.g. spam filters, recommendations of little consequence." },
        { value: "limited", name: "limited", description: "Transparency duties, e.g. chatbots and generated content." },
        { value: "high", name: "high", description: "E.g. credit scoring, hiring, medical devices and the Act's other Annex III uses." },
      ],
      default: typeof current === "string" ? current : "",
    }),
  },
  textField(["project", "repository"], "repository", "Repository: where its code lives, a URL or path (optional)"),
  { path: ["assessors"], label: "assessors", ask: askAssessors },
  {
    path: ["date"], label: "date",
    ask: ({ prompts, current, defaults }) => trimmed(prompts, "Date of the assessment (YYYY-MM-DD)", {
      default: typeof current === "string" && current ? current : defaults.date,
      validate: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) && isCalendarDate(v.trim())) || "write a real date as YYYY-MM-DD, e.g. 2026-11-20",
    }),
  },
];

/** True when a field's value says nothing yet: absent, empty text or an empty list. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}

/** The value at a path of plain data, or undefined. */
export function valueAtPath(data: unknown, path: string[]): unknown {
  let node = data;
  for (const key of path) {
    if (!node || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The fields of an existing file to ask for: every empty one, and, along with them, the project's
 * name when it is the folder's name (which `init` gives when told nothing), so a team sees and confirms it.
 */
export function missingFields(data: unknown, defaults: MetadataDefaults, fields = METADATA_FIELDS): MetadataField[] {
  const empty = fields.filter((f) => isEmptyValue(valueAtPath(data, f.path)));
  // Once the other details are filled in, a name that is the folder's was chosen: not asked again.
  const isName = (f: MetadataField) => f.path.join(".") === "project.name";
  return fields.filter((f) => empty.includes(f) || (isName(f) && empty.length > 0 && valueAtPath(data, f.path) === defaults.projectName));
}

/** Asks each field in turn; returns the answers by field, in order. */
export async function askFields(fields: MetadataField[], prompts: Prompts, data: unknown, defaults: MetadataDefaults): Promise<[MetadataField, MetadataValue][]> {
  const out: [MetadataField, MetadataValue][] = [];
  for (const field of fields) {
    const current = valueAtPath(data, field.path) as MetadataValue | undefined;
    out.push([field, await field.ask({ prompts, current, defaults })]);
  }
  return out;
}
