import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { EXIT, UsageError } from "../errors.js";
import { questionApplies } from "../core/score.js";
import type { Answers, Pack } from "../core/types.js";
import type { Io } from "../io/io.js";
import { commandName } from "../io/invocation.js";
import { terminalSafe } from "../io/terminal.js";
import { writeFileAtomic } from "../io/write.js";
import { addSchemaHeader, isOwnAnswersSchema, schemaHeader, withSchemaHeader } from "../interview/schema-header.js";
import { upgradeAnswers } from "../interview/upgrade.js";
import { checkSchemaOption, schemaRef } from "./init.js";
import { readAnswersFile } from "./inputs.js";
import { packFor } from "./pack-option.js";

/** How many questions that apply to the system the file has no entry for yet. */
function missing(pack: Pack, answers: Answers): number {
  const traits = answers.project.traits ?? [];
  return pack.principles.reduce((n, p) => n + p.questions.filter((q) => questionApplies(q, traits) && !answers.answers.get(p.id)?.has(q.id)).length, 0);
}

/**
 * The file's text with its yaml-language-server header pointing at the schema it should name:
 * --schema when given (a header is added when the file has none), else the pack's own schema when
 * the header names one of rml-assess's answers schemas (the generic one an earlier init wrote, or
 * another pack's) and the pack is built in.
 */
function schemaUpgrade(text: string, path: string, pack: Pack, schema: string | undefined, io: Io): { text: string; from: string; to: string } | undefined {
  const current = schemaHeader(text);
  if (!current && schema !== undefined) {
    const to = schemaRef(path, io.cwd, pack, schema);
    return { text: addSchemaHeader(text, to), from: "(no header)", to };
  }
  if (!current) return undefined;
  if (schema === undefined && (pack.origin !== "built-in" || !isOwnAnswersSchema(current.ref))) return undefined;
  const to = schemaRef(path, io.cwd, pack, schema);
  const changed = withSchemaHeader(text, to);
  return changed && { ...changed, to };
}

/**
 * `init --upgrade FILE`: rewrites an answers file written for an earlier version of the pack in
 * place (atomically), moving answers of retired questions and keeping every comment and layout,
 * and points an old yaml-language-server header at the pack's own schema.
 */
export async function upgradeCommand(file: string, opts: { force?: boolean; pack?: string; schema?: string }, io: Io): Promise<number> {
  if (opts.force) throw new UsageError("--upgrade and --force do not go together", "--upgrade keeps the file's answers; --force replaces the file with a blank template");
  checkSchemaOption(opts.schema);
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`${file} does not exist; there is nothing to upgrade`, `run 'rml-assess init ${file}' to write a new answers file`);
  const pack = await packFor(opts, io, file);
  const { text, answers } = await readAnswersFile(file, pack, io);
  const result = upgradeAnswers(text, pack, answers);
  const header = schemaUpgrade(result.text, path, pack, opts.schema, io);
  if (header) result.text = header.text;
  const shown = terminalSafe(file);
  const lines: string[] = [];
  if (result.text === text) lines.push(`${shown} needs no change for ${pack.id} ${pack.version}.`);
  else {
    writeFileAtomic(path, result.text);
    lines.push(`Upgraded ${shown} to ${pack.id} ${pack.version}:`);
  }
  if (header) lines.push(`  schema    ${terminalSafe(header.from)} -> ${terminalSafe(header.to)}`);
  for (const m of result.moved) lines.push(`  moved     ${m.from} -> ${m.to}`);
  for (const id of result.removed) lines.push(`  removed   ${id} (an empty entry)`);
  for (const l of result.left) lines.push(`  left      ${l.id}: ${l.why} (see the comment above it)`);
  const open = missing(pack, answers);
  if (open) lines.push(`${open} question${open === 1 ? "" : "s"} of the pack ${open === 1 ? "has" : "have"} no entry in the file yet; '${commandName(io)} interview ${shown}' asks ${open === 1 ? "it" : "them"}.`);
  io.stdout(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
