import { resolve } from "node:path";
import { rowFromResult } from "../core/summary-result.js";
import type { Pack } from "../core/types.js";
import type { Io } from "../io/io.js";
import { readResults, resultProblem } from "../load/results.js";
import { TOOL } from "../version.js";
import type { Diagnostic } from "../errors.js";
import type { SummaryRow } from "../core/summary.js";

/** A file of the summary: its row, or the problems that keep it out. */
export type Item = { row: SummaryRow } | { file: string; problems: Diagnostic[] };

/**
 * The rows of result files `check --format json` wrote, in order: each result becomes the row the
 * answers file itself would give (its verdict the one check gave), without reading that file
 * again. A result that is not as this version writes it, or names a pack (or pack version) this
 * summary does not have, is listed as invalid with its position, as an invalid answers file is.
 */
export async function* resultItems(files: string[], packs: Pack[], job: { today: string; maxAgeDays: number }, io: Io): AsyncGenerator<Item> {
  for (const file of files) {
    for (const read of readResults(resolve(io.cwd, file), file, TOOL.version)) {
      if ("problem" in read) {
        yield { file, problems: [read.problem] };
        continue;
      }
      const { id, version } = read.result.pack;
      const pack = packs.find((p) => p.id === id);
      if (!pack) {
        yield { file, problems: [resultProblem(read, ["pack", "id"], `the result of ${read.result.file} is for the pack '${id}', which this summary does not read`, `give that pack with --pack (${packs.map((p) => p.id).join(", ")} given)`)] };
      } else if (pack.version !== version) {
        yield { file, problems: [resultProblem(read, ["pack", "version"], `the result of ${read.result.file} was made with ${id} ${version}, but this summary reads ${id} ${pack.version}`, "check the file again with the same pack version, or give that version with --pack DIR")] };
      } else yield { row: rowFromResult(read.result, pack, job.today, job.maxAgeDays) };
    }
  }
}
