import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { EXIT, InputError } from "../errors.js";
import { score } from "../core/score.js";
import { generatedAt } from "../io/clock.js";
import type { Io } from "../io/io.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readTextFile } from "../io/read.js";
import { renderReport, type TemplateSource } from "../report/render.js";
import { TOOL } from "../version.js";
import { readAnswersFile } from "./inputs.js";
import { packFor } from "./pack-option.js";
import { emit, refuseOverwritingInput } from "./output.js";

export interface ReportOptions {
  format: string;
  output?: string;
  pack?: string;
  template?: string;
}

/** A team's own template file, read as UTF-8 text (a located error when it cannot be). */
function templateFor(file: string, io: Io): TemplateSource {
  const path = resolve(io.cwd, file);
  const read = readTextFile(path, displayPath(path, io.cwd));
  if (isDiagnostic(read)) throw new InputError([{ ...read, hint: read.message === "no such file" ? "check the path given to --template" : read.hint }]);
  return { file: read.file, text: read.text };
}

/** `report`: scores one answers file and writes the report; the policy does not apply here. */
export async function reportCommand(file: string, opts: ReportOptions, io: Io): Promise<number> {
  refuseOverwritingInput(opts.output, opts.template ? [file, opts.template] : [file], io);
  const pack = await packFor(opts, io);
  const { bytes, answers } = await readAnswersFile(file, pack, io);
  const assessment = score(pack, answers);
  const template = opts.template ? templateFor(opts.template, io) : undefined;
  const content = await renderReport(assessment, opts.format, { toolName: TOOL.name, toolVersion: TOOL.version, generated: generatedAt(io), answersFingerprint: createHash("sha256").update(bytes).digest("hex") }, template);
  emit(content, opts.output, io);
  if (opts.output) io.stderr(`Wrote ${opts.output} (${opts.format} report, overall score ${assessment.score ?? "none"}).\n`);
  return EXIT.ok;
}
