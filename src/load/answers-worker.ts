import { parentPort, workerData } from "node:worker_threads";
import { Chalk } from "chalk";
import { jobContext, renderAnswers, type CheckJob } from "../commands/check-file.js";
import { score } from "../core/score.js";
import { summaryRow } from "../core/summary.js";
import type { Answers, Pack } from "../core/types.js";
import { PLAIN } from "../io/color.js";
import { loadOne, type RowJob, type SentRow } from "./many.js";

// A worker thread of `check` and `summary`: parses the batches of answers files it is sent and
// posts them back; given a check job, checks and renders each valid file and posts back its part
// and summary; given a row job, posts back each valid file's summary row (without its pack).
const { pack, cwd, job, rows } = workerData as { pack: Pack; cwd: string; job?: CheckJob; rows?: RowJob };
const context = job && jobContext(pack, cwd, job, job.colorLevel === 0 ? PLAIN : new Chalk({ level: job.colorLevel }));

function rowOf(file: string, answers: Answers, { today, maxAgeDays }: RowJob): SentRow {
  const { pack: _, ...row } = summaryRow(score(pack, answers), today, maxAgeDays);
  return { file, row };
}

parentPort!.on("message", async ({ id, files }: { id: number; files: string[] }) => {
  const loaded = [];
  for (const file of files) {
    const one = await loadOne(file, pack, cwd);
    if (!("answers" in one)) loaded.push(one);
    else if (context) loaded.push(await renderAnswers(pack, one.answers, job!, context));
    else loaded.push(rows ? rowOf(file, one.answers, rows) : one);
  }
  parentPort!.postMessage({ id, loaded });
});
