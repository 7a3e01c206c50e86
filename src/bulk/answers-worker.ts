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
 * A batch's parts, encoded as UTF-8 into one buffer as each file is rendered, each part a view of
 * it. The buffer is moved to the main thread, not copied: the parts never become strings on its
 * heap, whose young generation would otherwise grow with them (Node sizes it by what survives). Here
 * a part's string dies as soon as it is encoded, so the collections of this worker's young
 * generation, each of which copies what is still alive, do not carry a batch's parts along.
 */
class Parts {
  private buffer = new ArrayBuffer(1 << 20);
  private bytes = Buffer.from(this.buffer);
  private at = 0;
  private readonly views: { at: number; length: number }[] = [];

  /** Encodes a part; its index among the batch's parts. */
  add(part: string): number {
    // At most 3 bytes a UTF-16 unit: only a part that might not fit is measured first.
    if (this.at + 3 * part.length > this.buffer.byteLength) this.grow(Buffer.byteLength(part, "utf8"));
    const length = this.bytes.write(part, this.at, "utf8");
    this.views.push({ at: this.at, length });
    this.at += length;
    return this.views.length - 1;
  }

  private grow(needed: number): void {
    if (this.at + needed <= this.buffer.byteLength) return;
    const larger = new ArrayBuffer(Math.max(2 * this.buffer.byteLength, this.at + needed));
    new Uint8Array(larger).set(new Uint8Array(this.buffer, 0, this.at));
    this.buffer = larger;
    this.bytes = Buffer.from(larger);
  }

  /** The buffer, and the view of each part in it. */
  done(): { buffer: ArrayBuffer; view: (index: number) => Uint8Array } {
    const { buffer, views } = this;
    return { buffer, view: (index) => new Uint8Array(buffer, views[index]!.at, views[index]!.length) };
  }
}

parentPort!.on("message", async ({ id, batch: read }: { id: number; batch: ReadBatch }) => {
  const loaded: (Loaded | RenderedFile<number> | SentRow)[] = [];
  const parts = context && new Parts();
  for (let i = 0; i < read.files.length; i++) {
    const file = read.files[i]!;
    const one = await loadRead(read, i, pack);
    if (!("answers" in one)) loaded.push(one);
    else if (parts) {
      const rendered = await renderAnswers(pack, one.answers, job!, context, await (format ??= loadFormat("check", job!.format)));
      loaded.push({ ...rendered, part: parts.add(rendered.part) });
    } else loaded.push(rows ? await rowOf(file, one.answers, rows) : one);
  }
  if (!parts) return parentPort!.postMessage({ id, loaded });
  const { buffer, view } = parts.done();
  const batch = loaded.map((one) => ("part" in one && typeof one.part === "number" ? { ...one, part: view(one.part) } : one));
  parentPort!.postMessage({ id, loaded: batch, buffer }, [buffer]);
});
