import type { ChalkInstance } from "chalk";
import { terminalSafe } from "../io/terminal.js";
import { isCalendarDate } from "../load/limits.js";
import type { Prompts } from "../prompt.js";

/** What a new answers file records about the project, asked before the first question. */
export interface Metadata {
  projectName: string;
  owner: string;
  description: string;
  assessors: { name: string; role: string }[];
  date: string;
}

/** Asks a new file's metadata: name (required), owner, description, assessors with roles, date. */
export async function askMetadata(prompts: Prompts, c: ChalkInstance, file: string, defaults: { projectName: string; date: string }): Promise<Metadata> {
  prompts.show(`${c.bold(`New assessment: ${terminalSafe(file)}`)}\n${c.dim("First, a few details about the system being assessed.")}\n`);
  const text = async (message: string, options: { default?: string; validate?: (v: string) => true | string } = {}) =>
    (await prompts.text({ message, ...options })).trim();
  const projectName = await text("Name of the ML system", {
    default: defaults.projectName,
    validate: (v) => v.trim() !== "" || "a name is required",
  });
  const owner = await text("Owner: the team or person accountable for it (optional)");
  const description = await text("Description: what it does, in a sentence or two (optional)");
  const assessors: Metadata["assessors"] = [];
  for (;;) {
    const name = await text(`Assessor ${assessors.length + 1}: name (Enter alone when done)`);
    if (!name) break;
    assessors.push({ name, role: await text(`Role of ${name} (optional)`) });
  }
  const date = await text("Date of the assessment (YYYY-MM-DD)", {
    default: defaults.date,
    validate: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) && isCalendarDate(v.trim())) || "write a real date as YYYY-MM-DD, e.g. 2026-11-20",
  });
  return { projectName, owner, description, assessors, date };
}
