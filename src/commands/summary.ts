import { resolve } from "node:path";
import { EXIT, formatDiagnostic, listed, UsageError, type Diagnostic } from "../errors.js";
import { score } from "../core/score.js";
import { SummaryTally, summaryRow } from "../core/summary.js";
import type { Pack } from "../core/types.js";
import { summaryFormats } from "../formats/index.js";
import { generatedAt } from "../io/clock.js";
import { answersFilesFor } from "../io/discover.js";
import { fileHead } from "../io/head.js";
import type { Io } from "../io/io.js";
import { loadAll, loadOne, workersFor, type Loaded } from "../load/many.js";
import { TOOL } from "../version.js";
import { packFor, packGroups } from "./pack-option.js";
import { refuseOverwritingInput, sinkFor } from "./output.js";

export interface SummaryOptions {
  format: string;
  output?: string;
  exclude?: string[];
  /** An assessment older than this many days is listed as stale (default 365). */
  maxAgeDays?: number;
  /** Packs the assessments may use (each as --pack takes it); the built-in one when none is given. */
  pack?: string[];
  jobs?: number;
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
 * Files are parsed against the first pack (on worker threads in large runs); one that names
 * another of the given packs, and so fails against the first, is parsed again against its own.
 */
async function* loadedWithTheirPacks(files: string[], packs: Pack[], io: Io, jobs?: number): AsyncGenerator<{ loaded: Loaded; pack: Pack }> {
  const [first] = packs as [Pack];
  for await (const loaded of loadAll(files, first, io.cwd, workersFor(files.length, jobs), io.stderr)) {
    const other = "problems" in loaded && packs.length > 1 ? packs.find((p) => p !== first && p.id === packNamedIn(loaded.file, io.cwd)) : undefined;
    yield other ? { loaded: await loadOne(loaded.file, other, io.cwd), pack: other } : { loaded, pack: first };
  }
}

/** Files grouped by the built-in pack each names, each group parsed against its own pack. */
async function* inGroups(groups: { pack: Pack; files: string[] }[], count: number, io: Io, jobs?: number): AsyncGenerator<{ loaded: Loaded; pack: Pack }> {
  for (const { pack, files } of groups) {
    for await (const loaded of loadAll(files, pack, io.cwd, workersFor(count, jobs), io.stderr)) yield { loaded, pack };
  }
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
  const files = answersFilesFor(args, io.cwd, opts.exclude);
  // Without --pack, each file's `pack:` picks the built-in pack it is read with, as in `check`.
  const groups = opts.pack?.length ? null : await packGroups(files, io);
  const packs = groups ? groups.map((g) => g.pack) : await packsFor(opts.pack, io);
  refuseOverwritingInput(opts.output, files, io);
  const generated = generatedAt(io);
  const today = generated.slice(0, 10);
  const maxAgeDays = opts.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
  const writer = (await summaryFormats[opts.format]!())({ tool: TOOL, generated, packs });
  const tally = new SummaryTally(packs, today, maxAgeDays);
  const sink = sinkFor(opts.output, io);
  const write = (text: string) => text && sink.write(text);
  try {
    write(writer.head());
    const loadedFiles = groups ? inGroups(groups, files.length, io, opts.jobs) : loadedWithTheirPacks(files, packs, io, opts.jobs);
    for await (const { loaded, pack } of loadedFiles) {
      if ("problems" in loaded) {
        const invalid = { file: loaded.file, message: problemOf(loaded.problems) };
        tally.addInvalid(invalid);
        write(writer.invalid(invalid));
        continue;
      }
      const row = summaryRow(score(pack, loaded.answers), today, maxAgeDays);
      tally.add(row);
      write(writer.row(row));
    }
    const totals = tally.totals();
    write(writer.end(totals));
    sink.commit();
    if (opts.output) io.stderr(`Wrote ${opts.output} (${opts.format} summary of ${totals.assessments} assessment${totals.assessments === 1 ? "" : "s"}, ${totals.invalid.length} invalid).\n`);
  } catch (error) {
    sink.abort();
    throw error;
  }
  return EXIT.ok;
}
