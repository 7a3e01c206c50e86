import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { EXIT, InputError, UsageError } from "../errors.js";
import { diffAssessments } from "../core/diff.js";
import { score } from "../core/score.js";
import type { Assessment, Pack } from "../core/types.js";
import { generatedAt } from "../io/clock.js";
import { evidenceFacts } from "../io/evidence-files.js";
import type { Io } from "../io/io.js";
import { displayPath } from "../io/paths.js";
import { parseGitPath } from "../io/git-path.js";
import { isDiagnostic, readTextFile } from "../io/read.js";
import { loadAnswersAt } from "../load/answers-file.js";
import { loadFormat } from "../formats/index.js";
import { renderReport, type TemplateSource } from "../formats/report/render.js";
import { TOOL } from "../version.js";
import { coveragesOf, crosswalksFor } from "./frameworks.js";
import { readAnswersFile } from "./inputs.js";
import { packFor, packInputs } from "./pack-option.js";
import { emit, refuseOverwritingInput } from "./output.js";

export interface ReportOptions {
  format: string;
  output?: string;
  pack?: string;
  template?: string;
  /** An earlier answers file or REF:PATH: the report adds what changed since. */
  previous?: string;
  /** Frameworks whose coverage the report adds (crosswalk files of the pack). */
  framework?: string[];
}

/** A team's own template file, read as UTF-8 text (a located error when it cannot be). */
function templateFor(file: string, io: Io): TemplateSource {
  const path = resolve(io.cwd, file);
  const read = readTextFile(path, displayPath(path, io.cwd));
  if (isDiagnostic(read)) throw new InputError([{ ...read, hint: read.message === "no such file" ? "check the path given to --template" : read.hint }]);
  return { file: read.file, text: read.text };
}

/** The earlier assessment's changes up to this one, for the report's "Changes since the last assessment". */
async function changesSince(previous: string | undefined, current: Assessment, pack: Pack, io: Io) {
  if (previous === undefined) return null;
  return diffAssessments(score(pack, (await loadAnswersAt(previous, pack, io.cwd)).answers), current);
}

/** `report`: scores one answers file and writes the report; the policy does not apply here. */
export async function reportCommand(file: string, opts: ReportOptions, io: Io): Promise<number> {
  const inputs = [file, opts.template, opts.previous].filter((f): f is string => f !== undefined && !parseGitPath(f, io.cwd));
  refuseOverwritingInput(opts.output, [...inputs, ...packInputs(opts, io)], io);
  const pack = await packFor(opts, io, file);
  const { bytes, answers } = await readAnswersFile(file, pack, io);
  const assessment = score(pack, answers);
  const template = opts.template ? templateFor(opts.template, io) : undefined;
  if (assessment.levels && opts.previous !== undefined) throw new UsageError("--previous compares scores, and a level pack's report is its TRL card, whose history: shows the path", "leave out --previous; compare two files with 'rml-assess diff OLD NEW'");
  const previous = await changesSince(opts.previous, assessment, pack, io);
  const coverage = coveragesOf(await crosswalksFor(opts.framework ?? [], pack, io), assessment);
  const generated = generatedAt(io);
  // Where the file was read (repository, path, commit), whatever project.repository declares: evidence links point there.
  const provenance = (await import("../io/provenance.js")).gitProvenance(file, io.cwd);
  const audit = { today: generated.slice(0, 10), evidence: evidenceFacts(answers, io.cwd), provenance };
  const meta = { toolName: TOOL.name, toolVersion: TOOL.version, generated, answersFingerprint: createHash("sha256").update(bytes).digest("hex"), audit };
  const content = await renderReport(assessment, await loadFormat("report", opts.format), meta, template, previous, coverage);
  emit(content, opts.output, io);
  const what = assessment.levels ? `TRL card, readiness level ${assessment.levels.level}` : `report, overall score ${assessment.score ?? "none"}`;
  if (opts.output) io.stderr(`Wrote ${opts.output} (${opts.format} ${what}).\n`);
  return EXIT.ok;
}
