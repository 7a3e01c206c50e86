import { resolve } from "node:path";
import { EXIT, formatDiagnostic, listed, UsageError, type Diagnostic } from "../errors.js";
import { SummaryTally } from "../core/summary-tally.js";
import { PreviousSummary } from "../core/summary-previous.js";
import type { Pack } from "../core/types.js";
import { loadFormat } from "../formats/index.js";
import { generatedAt } from "../io/clock.js";
import { answersFilesFor } from "../io/discover.js";
import { fileHead } from "../io/head.js";
import type { Io } from "../io/io.js";
import { loadOne, rowsAll, workersFor, type Loaded, type RowJob } from "../bulk/many.js";
import { judgedRow } from "../bulk/summary-row.js";
import { BUILTIN_PACKS } from "../paths.js";
import { TOOL } from "../version.js";
import { builtinPack, DEFAULT_PACK, packFor, packGroups } from "./pack-option.js";
import { refuseOverwritingInput, sinkFor } from "./output.js";
import { summaryPolicy, type SummaryPolicy } from "./summary-policy.js";
import { resultItems, type Item } from "./summary-results.js";

export interface SummaryOptions {
  format: string;
  output?: string;
  exclude?: string[];
  /** An assessment older than this many days is listed as stale (default 365). */
  maxAgeDays?: number;
  /** Packs the assessments may use (each as --pack takes it); the built-in one when none is given. */
  pack?: string[];
  jobs?: number;
  /** A config file to judge assessments by, or false for --no-config; undefined looks for .rml-assess.yaml as check does. */
  config?: string | false;
  /** An earlier `summary --format json` to show movement against. */
  previous?: string;
}

export const DEFAULT_MAX_AGE_DAYS = 365;

/** Every pack named with --pack (the built-in one when none is), refusing two with one id. */
async function packsFor(dirs: string[] | undefined, io: Io): Promise<Pack[]> {
  const packs = dirs?.length ? await Promise.all(dirs.map((pack) => packFor({ pack }, io))) : [await packFor({}, io)];
  const seen = new Set<string>();
  for (const [i, pack] of packs.entries()) {
    if (seen.has(pack.id)) throw new UsageError(`two packs given with --pack have the id '${pack.id}' (${dirs![i]})`, "give each pack once; a summary tells packs apart by id");
    seen.add(pack.id);
  }
  return packs;
}

/** The `pack:` an answers file names at its top level, read from its first 64 KiB; null when it names none. */
function packNamedIn(file: string, cwd: string): string | null {
  try {
    return /^pack\s*:\s*["']?([^"'#\s]+)/m.exec(fileHead(resolve(cwd, file), 64 * 1024))?.[1] ?? null;
  } catch {
    return null;
  }
}


/**
 * The rows of files read with one pack, in order: in large runs each file is parsed and scored on a
 * worker thread, which sends back only its row (copying a parsed file between threads costs more
 * than scoring it); otherwise here.
 */
async function* rowsWith(files: string[], pack: Pack, job: RowJob, workers: number, io: Io): AsyncGenerator<Item> {
  if (workers === 0) {
    for (const file of files) yield await itemOf(await loadOne(file, pack, io.cwd), pack, job);
    return;
  }
  for await (const sent of rowsAll(files, pack, io.cwd, job, workers, io.stderr)) yield "problems" in sent ? sent : { row: { ...sent.row, pack } };
}

const itemOf = async (loaded: Loaded, pack: Pack, job: RowJob): Promise<Item> => ("problems" in loaded ? loaded : { row: await judgedRow(pack, loaded.answers, job) });

/**
 * Files are read with the first pack; one that names another of the given packs, and so fails
 * against the first, is read again with its own.
 */
async function* rowsWithTheirPacks(files: string[], packs: Pack[], policy: SummaryPolicy, io: Io, jobs?: number): AsyncGenerator<Item> {
  const [first] = packs as [Pack];
  for await (const item of rowsWith(files, first, policy.jobFor(first), workersFor(files.length, jobs), io)) {
    const other = "problems" in item && packs.length > 1 ? packs.find((p) => p !== first && p.id === packNamedIn(item.file, io.cwd)) : undefined;
    yield other && "problems" in item ? await itemOf(await loadOne(item.file, other, io.cwd), other, policy.jobFor(other)) : item;
  }
}

/** Files grouped by the built-in pack each names, each group read with its own pack. */
async function* inGroups(groups: { pack: Pack; files: string[] }[], count: number, policy: SummaryPolicy, io: Io, jobs?: number): AsyncGenerator<Item> {
  for (const { pack, files } of groups) yield* rowsWith(files, pack, policy.jobFor(pack), workersFor(count, jobs), io);
}

/** The packs a result file may name, beside those given: with --pack only those; without, every built-in pack. */
async function candidatePacks(given: Pack[], packOption: boolean, results: boolean, io: Io): Promise<Pack[]> {
  if (packOption || !results) return given;
  const more = await Promise.all(Object.keys(BUILTIN_PACKS).filter((id) => !given.some((p) => p.id === id)).map((id) => builtinPack(id, io)));
  return [...given, ...more];
}

/** A file's first problem as one line, with how many more there are. */
function problemOf(problems: Diagnostic[]): string {
  const sorted = listed(problems);
  const more = problems.length - 1;
  return `${formatDiagnostic(sorted[0]!)}${more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : ""}`;
}

/**
 * `summary`: one view over many answers files. Each file is scored and its row written as it comes
 * (the formats that lay rows out at the end keep them), totals are kept as running sums, and a file
 * that cannot be read or parsed is listed as invalid without stopping the rest. A view, not a gate:
 * exit 0 once written, 2 on a usage error.
 */
export async function summaryCommand(args: string[], opts: SummaryOptions, io: Io): Promise<number> {
  // A .json file named is a result `check --format json` wrote: its rows are taken as they are, its
  // answers files never read again. Named files are taken as given (as discovery takes them), each once.
  const isResult = (arg: string) => /\.json$/i.test(arg);
  const resultFiles = [...new Set(args.filter(isResult))];
  const answerArgs = args.filter((a) => !isResult(a));
  const files = answerArgs.length ? answersFilesFor(answerArgs, io.cwd, opts.exclude) : [];
  const named = [...files, ...resultFiles];
  const packOption = Boolean(opts.pack?.length);
  // Without --pack, each file's `pack:` picks the built-in pack it is read with, as in `check`.
  const groups = packOption ? null : files.length || !resultFiles.length ? await packGroups(files, io) : [];
  const packs = groups ? groups.map((g) => g.pack) : await packsFor(opts.pack, io);
  const candidates = await candidatePacks(packs, packOption, resultFiles.length > 0, io);
  refuseOverwritingInput(opts.output, [...named, ...(opts.previous ? [opts.previous] : [])], io);
  const generated = generatedAt(io);
  const today = generated.slice(0, 10);
  const maxAgeDays = opts.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
  let previous: PreviousSummary | null = null;
  if (opts.previous) {
    const { loadPreviousSummary } = await import("../load/previous-summary.js");
    previous = new PreviousSummary(loadPreviousSummary(opts.previous, io.cwd));
  }
  // Check allows the pack --pack names (summary: each one given), else the config's packs:, else the default.
  const allowedByDefault = packOption ? packs.map((p) => p.id) : [DEFAULT_PACK];
  // The config judges answers files only; result files carry the verdict check gave them.
  const policy = await summaryPolicy(files.length ? opts.config : false, packs, allowedByDefault, files.length, { today, maxAgeDays }, io);
  const writer = (await loadFormat("summary", opts.format))({ tool: TOOL, generated, packs: candidates, config: policy.config, previous: previous && { file: previous.file, generated: previous.generated }, inputs: { answers: files.length > 0, results: resultFiles.length > 0 } });
  const tally = new SummaryTally(packs, today, maxAgeDays);
  if (previous) tally.compareWith(previous);
  const sink = sinkFor(opts.output, io);
  // Rows are gathered into chunks of about 64 KiB: one write per row costs more than the row.
  let chunk = "";
  const flush = () => {
    if (chunk) sink.write(chunk);
    chunk = "";
  };
  const write = (text: string) => {
    chunk += text;
    if (chunk.length >= 65_536) flush();
  };
  try {
    write(writer.head());
    const fromAnswers = !files.length ? [] : groups ? inGroups(groups, files.length, policy, io, opts.jobs) : rowsWithTheirPacks(files, packs, policy, io, opts.jobs);
    const items = async function* () {
      yield* fromAnswers;
      yield* resultItems(resultFiles, candidates, { today, maxAgeDays }, io);
    };
    for await (const item of items()) {
      if ("problems" in item) {
        const invalid = { file: item.file, message: problemOf(item.problems) };
        tally.addInvalid(invalid);
        write(writer.invalid(invalid));
        continue;
      }
      tally.add(item.row);
      write(writer.row(item.row));
    }
    const totals = tally.totals();
    write(writer.end(totals));
    flush();
    sink.commit();
    if (opts.output) io.stderr(`Wrote ${opts.output} (${opts.format} summary of ${totals.assessments} assessment${totals.assessments === 1 ? "" : "s"}, ${totals.invalid.length} invalid).\n`);
  } catch (error) {
    sink.abort();
    throw error;
  }
  return EXIT.ok;
}
