import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT } from "../errors.js";
import type { JsonSchema } from "../core/answers-schema.js";
import { loadFormat } from "../formats/index.js";
import type { Io } from "../io/io.js";
import { terminalSafe } from "../io/terminal.js";
import { SCHEMA_DIR } from "../paths.js";
import { emit, refuseOverwritingInput } from "./output.js";
import { packFor, packInputs } from "./pack-option.js";

/** The generic answers schema shipped in schema/, which every pack's schema is built from. */
export function genericAnswersSchema(): JsonSchema {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, "answers.schema.json"), "utf8")) as JsonSchema;
}

/** `schema`: writes the answers schema of a pack (built-in or --pack DIR) for editors, to standard output or -o FILE (atomically). */
export async function schemaCommand(opts: { pack?: string; output?: string }, io: Io): Promise<number> {
  refuseOverwritingInput(opts.output, packInputs(opts, io), io);
  const pack = await packFor(opts, io);
  emit((await loadFormat("schema", "json"))(pack, genericAnswersSchema()), opts.output, io);
  if (opts.output) io.stderr(`Wrote ${terminalSafe(opts.output)}: the answers schema of ${pack.id} ${pack.version}. Point an answers file at it with a first line '# yaml-language-server: $schema=PATH' (PATH relative to the answers file), or 'rml-assess init --schema PATH'.\n`);
  return EXIT.ok;
}
