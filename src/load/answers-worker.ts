import { parentPort, workerData } from "node:worker_threads";
import { jobContext, renderAnswers, type CheckJob, type RenderedFile } from "../commands/check-file.js";
import type { Pack } from "../core/types.js";
import { loadOne, type Loaded } from "./many.js";

// A worker thread of `check`: parses the batches of answers files it is sent and posts them back,
// or, given a job, checks and renders each valid file and posts back its part and summary.
const { pack, cwd, job } = workerData as { pack: Pack; cwd: string; job?: CheckJob };
const context = job && jobContext(pack, cwd, job);

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

parentPort!.on("message", async ({ id, files }: { id: number; files: string[] }) => {
  const loaded: (Loaded | RenderedFile)[] = [];
  for (const file of files) {
    const one = await loadOne(file, pack, cwd);
    loaded.push(context && "answers" in one ? await renderAnswers(pack, one.answers, job!, context) : one);
  }
  if (!context) return parentPort!.postMessage({ id, loaded });
  const { batch, buffer } = encoded(loaded);
  parentPort!.postMessage({ id, loaded: batch, buffer }, [buffer]);
});
