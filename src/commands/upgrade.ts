import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { EXIT, UsageError } from "../errors.js";
import { questionApplies } from "../core/score.js";
import type { Answers, Pack } from "../core/types.js";
import type { Io } from "../io/io.js";
import { commandName } from "../io/invocation.js";
import { terminalSafe } from "../io/terminal.js";
import { writeFileAtomic } from "../io/write.js";
import { upgradeAnswers } from "../interview/upgrade.js";
import { readAnswersFile } from "./inputs.js";
import { packFor } from "./pack-option.js";

/** How many questions that apply to the system the file has no entry for yet. */
function missing(pack: Pack, answers: Answers): number {
  const traits = answers.project.traits ?? [];
  return pack.principles.reduce((n, p) => n + p.questions.filter((q) => questionApplies(q, traits) && !answers.answers.get(p.id)?.has(q.id)).length, 0);
}

/**
 * `init --upgrade FILE`: rewrites an answers file written for an earlier version of the pack in
 * place (atomically), moving answers of retired questions and keeping every comment and layout.
 */
export async function upgradeCommand(file: string, opts: { force?: boolean; pack?: string }, io: Io): Promise<number> {
  if (opts.force) throw new UsageError("--upgrade and --force do not go together", "--upgrade keeps the file's answers; --force replaces the file with a blank template");
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`${file} does not exist; there is nothing to upgrade`, `run 'rml-assess init ${file}' to write a new answers file`);
  const pack = await packFor(opts, io, file);
  const { text, answers } = await readAnswersFile(file, pack, io);
  const result = upgradeAnswers(text, pack, answers);
  const shown = terminalSafe(file);
  const lines: string[] = [];
  if (result.text === text) lines.push(`${shown} needs no change for ${pack.id} ${pack.version}.`);
  else {
    writeFileAtomic(path, result.text);
    lines.push(`Upgraded ${shown} to ${pack.id} ${pack.version}:`);
  }
  for (const m of result.moved) lines.push(`  moved     ${m.from} -> ${m.to}`);
  for (const id of result.removed) lines.push(`  removed   ${id} (an empty entry)`);
  for (const l of result.left) lines.push(`  left      ${l.id}: ${l.why} (see the comment above it)`);
  const open = missing(pack, answers);
  if (open) lines.push(`${open} question${open === 1 ? "" : "s"} of the pack ${open === 1 ? "has" : "have"} no entry in the file yet; '${commandName(io)} interview ${shown}' asks ${open === 1 ? "it" : "them"}.`);
  io.stdout(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
