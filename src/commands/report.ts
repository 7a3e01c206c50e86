import { EXIT } from "../errors.js";
import { score } from "../core/score.js";
import type { Io } from "../io/io.js";
import { renderReport } from "../report/render.js";
import { TOOL } from "../version.js";
import { answersFor, packFor } from "./inputs.js";
import { emit, refuseOverwritingInput } from "./output.js";

export interface ReportOptions {
  format: string;
  output?: string;
  pack?: string;
}

/**
 * The moment a report says it was generated: SOURCE_DATE_EPOCH when set (reproducible builds'
 * convention, so the same inputs give a byte-identical report), otherwise now.
 */
export function generatedAt(io: Io): string {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : io.now();
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `report`: scores one answers file and writes the report; the policy does not apply here. */
export async function reportCommand(file: string, opts: ReportOptions, io: Io): Promise<number> {
  refuseOverwritingInput(opts.output, [file], io);
  const pack = packFor(opts, io);
  const assessment = score(pack, answersFor(file, pack, io));
  const content = renderReport(assessment, opts.format, { toolName: TOOL.name, toolVersion: TOOL.version, generated: generatedAt(io) });
  emit(content, opts.output, io);
  if (opts.output) io.stderr(`Wrote ${opts.output} (${opts.format} report, overall score ${assessment.score ?? "none"}).\n`);
  return EXIT.ok;
}
