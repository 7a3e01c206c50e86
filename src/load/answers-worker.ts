import { parentPort, workerData } from "node:worker_threads";
import type { Pack } from "../core/types.js";
import { loadOne } from "./many.js";

// A worker thread of `check`: parses the batches of answers files it is sent and posts them back.
const { pack, cwd } = workerData as { pack: Pack; cwd: string };
parentPort!.on("message", async ({ id, files }: { id: number; files: string[] }) => {
  const loaded = [];
  for (const file of files) loaded.push(await loadOne(file, pack, cwd));
  parentPort!.postMessage({ id, loaded });
});
