import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { InputError, type Diagnostic } from "../errors.js";
import type { CheckJob, RenderedFile } from "../commands/check-file.js";
import type { SummaryRow } from "../core/summary.js";
import type { Answers, Pack } from "../core/types.js";
import { ANSWERS_WORKER } from "../paths.js";
import { loadAnswers } from "./answers-file.js";

/** One answers file read and parsed: its answers, or every problem that stops it being checked. */
export type Loaded = { file: string; answers: Answers } | { file: string; problems: Diagnostic[] };

/** Below this many files the workers' start-up costs more than it saves. */
export const PARALLEL_FROM = 200;
const BATCH = 25;
/** The young generation of a worker's heap, in MB. */
const WORKER_YOUNG_GENERATION_MB = 16;

/** Reads and parses one file, turning invalid input into data. */
export async function loadOne(file: string, pack: Pack, cwd: string): Promise<Loaded> {
  try {
    return { file, answers: (await loadAnswers(file, pack, cwd)).answers };
  } catch (error) {
    if (error instanceof InputError) return { file, problems: error.diagnostics };
    throw error;
  }
}

/** How many worker threads to use for a run of `count` files: one per core, none for small runs. */
export function workersFor(count: number, jobs?: number): number {
  const cores = jobs ?? availableParallelism();
  return count >= PARALLEL_FROM && cores > 1 ? Math.min(cores, 8) : 0;
}

/**
 * Parses answers files in order. With workers, batches of files are parsed on other threads (the
 * expensive part) while this one scores and renders; at most two batches per worker are in flight
 * and results are yielded in file order, so memory stays bounded however many files there are.
 * `stderr` receives what the workers write to their standard error.
 */
export async function* loadAll(files: string[], pack: Pack, cwd: string, workers: number, stderr?: (text: string) => void): AsyncGenerator<Loaded> {
  if (workers === 0) {
    for (const file of files) yield await loadOne(file, pack, cwd);
    return;
  }
  yield* pooled<Loaded>(files, { pack, cwd }, workers, stderr);
}

/**
 * Checks answers files on `workers` threads (at least one), in order: each valid file is scored,
 * checked against the job's policy and rendered in its format on a worker, which sends back the
 * part and a summary; an invalid file comes back with its problems, as from loadAll.
 */
export function checkAll(files: string[], pack: Pack, cwd: string, job: CheckJob, workers: number, stderr?: (text: string) => void): AsyncGenerator<RenderedFile | Extract<Loaded, { problems: Diagnostic[] }>> {
  return pooled(files, { pack, cwd, job }, workers, stderr);
}

/** What a worker needs to make each file's summary row: the day ages count to, and the maximum age. */
export interface RowJob {
  today: string;
  maxAgeDays: number;
}

/** A file's summary row as a worker sends it: without its pack, which the receiving thread has. */
export type SentRow = { file: string; row: Omit<SummaryRow, "pack"> };

/**
 * Summary rows of answers files made on `workers` threads (at least one), in order: each valid file
 * is scored on a worker, which sends back only its row; an invalid file comes back with its problems.
 */
export function rowsAll(files: string[], pack: Pack, cwd: string, rows: RowJob, workers: number, stderr?: (text: string) => void): AsyncGenerator<SentRow | Extract<Loaded, { problems: Diagnostic[] }>> {
  return pooled(files, { pack, cwd, rows }, workers, stderr);
}

/**
 * Batches of files handed to a pool of worker threads, their results yielded in file order; at
 * most two batches per worker are in flight, so memory stays bounded however many files there are.
 */
async function* pooled<T>(files: string[], workerData: { pack: Pack; cwd: string; job?: CheckJob; rows?: RowJob }, workers: number, stderr?: (text: string) => void): AsyncGenerator<T> {
  // Loaded only for large runs: a check of a few files never starts a thread.
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  // Each worker gets standard streams of its own rather than sharing this process's: a worker's
  // stdout piped to ours would make Node switch our pipe to non-blocking and buffer behind it.
  // The worker prints nothing; whatever it says on stderr (a warning from Node) is passed on.
  // A worker's garbage is short-lived (each file's parse); a small young generation keeps it from
  // growing to Node 24's default (10,000 files: 308 MB peak by default, 231 MB with this).
  const pool: Worker[] = Array.from({ length: workers }, () => {
    const worker = new Worker(ANSWERS_WORKER, { workerData, stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.stdout.resume();
    worker.stderr.setEncoding("utf8").on("data", (text: string) => stderr?.(text));
    return worker;
  });
  const done = new Map<number, T[]>();
  const owner = new Map<number, Worker>();
  const waiting = new Map<number, (value: void) => void>();
  let failure: unknown;
  let next = 0;
  const batches = Math.ceil(files.length / BATCH);
  // A worker gets a new batch only when one of its batches has been consumed, so finished batches
  // never pile up faster than they are scored and rendered: at most two per worker are held.
  const send = (worker: Worker) => {
    if (next >= batches) return;
    const id = next++;
    owner.set(id, worker);
    worker.postMessage({ id, files: files.slice(id * BATCH, (id + 1) * BATCH) });
  };
  for (const worker of pool) {
    worker.on("message", (message: { id: number; loaded: T[] }) => {
      done.set(message.id, message.loaded);
      waiting.get(message.id)?.();
    });
    worker.on("error", (error) => {
      failure = error;
      for (const wake of waiting.values()) wake();
    });
    send(worker);
    send(worker);
  }
  try {
    for (let id = 0; id < batches; id++) {
      if (!done.has(id) && failure === undefined) await new Promise<void>((wake) => waiting.set(id, wake));
      if (failure !== undefined) throw failure;
      waiting.delete(id);
      const batch = done.get(id)!;
      done.delete(id);
      send(owner.get(id)!);
      owner.delete(id);
      yield* batch;
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
