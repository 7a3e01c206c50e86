import { parentPort, workerData } from "node:worker_threads";
import { jobContext, renderAnswers, type CheckJob } from "../commands/check-file.js";
import type { Pack } from "../core/types.js";
import { loadOne } from "./many.js";

// A worker thread of `check`: parses the batches of answers files it is sent and posts them back,
// or, given a job, checks and renders each valid file and posts back its part and summary.
const { pack, cwd, job } = workerData as { pack: Pack; cwd: string; job?: CheckJob };
const context = job && jobContext(pack, cwd, job);
parentPort!.on("message", async ({ id, files }: { id: number; files: string[] }) => {
  const loaded = [];
  for (const file of files) {
    const one = await loadOne(file, pack, cwd);
    loaded.push(context && "answers" in one ? await renderAnswers(pack, one.answers, job!, context) : one);
  }
  parentPort!.postMessage({ id, loaded });
});
