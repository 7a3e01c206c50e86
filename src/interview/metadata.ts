import type { ChalkInstance } from "chalk";
import { terminalSafe } from "../io/terminal.js";
import { isCalendarDate } from "../load/limits.js";
import type { Prompts } from "../prompt.js";

/** What a new answers file records about the project, asked before the first question. */
export interface Metadata {
  projectName: string;
  owner: string;
  description: string;
  intendedUse: string;
  /** The EU AI Act's risk level, or "" when not stated. */
  risk: string;
  assessors: { name: string; role: string }[];
  date: string;
  /** The pack's traits the system has (asked after the metadata when the pack declares traits). */
  traits?: string[];
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
  const intendedUse = await text("Intended use: what it is for, and what it must not be used for (optional)");
  const risk = await prompts.choose({
    message: "Risk level in the EU AI Act's vocabulary",
    choices: [
      { value: "", name: "not stated", description: "Leave it out of the file for now." },
      { value: "minimal", name: "minimal", description: "Most systems, e.g. spam filters, recommendations of little consequence." },
      { value: "limited", name: "limited", description: "Transparency duties, e.g. chatbots and generated content." },
      { value: "high", name: "high", description: "E.g. credit scoring, hiring, medical devices and the Act's other Annex III uses." },
    ],
    default: "",
  });
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
  return { projectName, owner, description, intendedUse, risk, assessors, date };
}
