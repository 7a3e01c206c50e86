import { parentPort, workerData } from "node:worker_threads";
import { Chalk } from "chalk";
import { jobContext, renderAnswers, type CheckJob, type RenderedFile } from "./check-file.js";
import { judgedRow } from "./summary-row.js";
import type { Answers, Pack } from "../core/types.js";
import { loadFormat } from "../formats/index.js";
import type { CheckFormat } from "../formats/document.js";
import { PLAIN } from "../io/color.js";
import { loadRead, type Loaded, type ReadBatch, type RowJob, type SentRow } from "./many.js";

// A worker thread of `check` and `summary`: parses the batches of answers files it is sent (read by
// the main thread, their bytes moved with the message) and
// posts them back; given a check job, checks and renders each valid file and posts back its part
// and summary; given a row job, posts back each valid file's summary row (without its pack).
const { pack, cwd, job, rows } = workerData as { pack: Pack; cwd: string; job?: CheckJob; rows?: RowJob };
const context = job && jobContext(pack, cwd, job, job.colorLevel === 0 ? PLAIN : new Chalk({ level: job.colorLevel }));
/** The check format the job names, loaded with the first batch. */
let format: Promise<CheckFormat> | undefined;

async function rowOf(file: string, answers: Answers, job: RowJob): Promise<SentRow> {
  const { pack: _, ...row } = await judgedRow(pack, answers, job);
  return { file, row };
}

/**
 * The batch's parts encoded as UTF-8 into one buffer, each file's part a view of it. The buffer is
 * moved to the main thread, not copied: the parts never become strings on its heap, whose young
 * generation would otherwise grow with them (Node sizes it by what survives), and they die young here.
 */
function encoded(batch: (Loaded | RenderedFile)[]): { batch: (Loaded | RenderedFile<Uint8Array>)[]; buffer: ArrayBuffer } {
  let size = 0;
  for (const one of batch) if ("part" in one) size += Buffer.byteLength(one.part, "utf8");
  const buffer = new ArrayBuffer(size);
  const bytes = Buffer.from(buffer);
  let at = 0;
  const out = batch.map((one) => {
    if (!("part" in one)) return one;
    const length = bytes.write(one.part, at, "utf8");
    at += length;
    return { ...one, part: new Uint8Array(buffer, at - length, length) };
  });
  return { batch: out, buffer };
}

parentPort!.on("message", async ({ id, batch: read }: { id: number; batch: ReadBatch }) => {
  const loaded: (Loaded | RenderedFile | SentRow)[] = [];
  for (let i = 0; i < read.files.length; i++) {
    const file = read.files[i]!;
    const one = await loadRead(read, i, pack);
    if (!("answers" in one)) loaded.push(one);
    else if (context) loaded.push(await renderAnswers(pack, one.answers, job!, context, await (format ??= loadFormat("check", job!.format))));
    else loaded.push(rows ? await rowOf(file, one.answers, rows) : one);
  }
  if (!context) return parentPort!.postMessage({ id, loaded });
  const { batch, buffer } = encoded(loaded as (Loaded | RenderedFile)[]);
  parentPort!.postMessage({ id, loaded: batch, buffer }, [buffer]);
});
