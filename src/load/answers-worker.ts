import { parentPort, workerData } from "node:worker_threads";
import type { Pack } from "../core/types.js";
import { loadOne } from "./many.js";

// A worker thread of `check`: parses the batches of answers files it is sent and posts them back.
const { pack, cwd } = workerData as { pack: Pack; cwd: string };
parentPort!.on("message", ({ id, files }: { id: number; files: string[] }) => {
  parentPort!.postMessage({ id, loaded: files.map((file) => loadOne(file, pack, cwd)) });
});
