import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import type { Worker } from "node:worker_threads";
import { InputError, type Diagnostic } from "../errors.js";
import type { CheckJob, RenderedFile } from "./check-file.js";
import type { SummaryRow } from "../core/summary.js";
import type { Answers, Pack } from "../core/types.js";
import { ANSWERS_WORKER } from "../paths.js";
import { parseText } from "../load/answers-file.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readInputsInto, readTextFile, textOf, type TextFile } from "../io/read.js";

/** One answers file read and parsed: its answers, or every problem that stops it being checked. */
export type Loaded = { file: string; answers: Answers } | { file: string; problems: Diagnostic[] };

/** Below this many files the workers' start-up costs more than it saves. */
export const PARALLEL_FROM = 200;
/** Files a worker is sent at a time. */
export const BATCH = 25;
/** The young generation of a worker's heap, in MB. */
const WORKER_YOUNG_GENERATION_MB = 16;
/**
 * The old generation of a worker's heap, in MB: far above what a batch of files of at most 5 MB
 * needs, yet small enough for V8 to let the heap grow less between collections than it does with
 * Node's default on a machine with gigabytes to spare (4,096 MB on Node 24 with 24 GiB). A worker that runs out of it all the same is
 * replaced by one without the limit, and its batches are done again, so the run still finishes.
 */
export const WORKER_OLD_GENERATION_MB = 1024;

/** Parses a file's text, or passes on why it could not be read, turning invalid input into data. */
async function loaded(file: string, read: TextFile | Diagnostic, pack: Pack): Promise<Loaded> {
  if (isDiagnostic(read)) return { file, problems: [read] };
  try {
    return { file, answers: (await parseText(read, pack)).answers };
  } catch (error) {
    if (error instanceof InputError) return { file, problems: error.diagnostics };
    throw error;
  }
}

/** Reads and parses one file (relative to cwd), turning invalid input into data. */
export function loadOne(file: string, pack: Pack, cwd: string): Promise<Loaded> {
  const path = resolve(cwd, file);
  return loaded(file, readTextFile(path, displayPath(path, cwd)), pack);
}

/**
 * A batch of files as a worker is sent it: each file's bytes, read by the sending thread (views of
 * one buffer, moved with the message, not copied), or why the file could not be read.
 */
export interface ReadBatch {
  files: string[];
  /** The path each file is named by in messages. */
  displays: string[];
  bytes: (Uint8Array | Diagnostic)[];
  buffer: ArrayBuffer;
}

/**
 * Reads a batch of files for a worker: the main thread, which waits while the workers parse, does
 * the opening and reading (with every check and limit of a read), so the worker's thread, the one a
 * large run waits for, only decodes, parses and checks.
 */
export function readBatch(files: string[], cwd: string): ReadBatch {
  const named = files.map((file) => {
    const path = resolve(cwd, file);
    return { path, display: displayPath(path, cwd) };
  });
  return { files, displays: named.map((n) => n.display), ...readInputsInto(named) };
}

/** Parses one file of a batch read by readBatch, turning invalid input into data, as loadOne does. */
export function loadRead(batch: ReadBatch, index: number, pack: Pack): Promise<Loaded> {
  const bytes = batch.bytes[index]!;
  return loaded(batch.files[index]!, isDiagnostic(bytes) ? bytes : textOf(batch.displays[index]!, bytes), pack);
}

/** Worker threads at most, however many cores there are. */
const MAX_WORKERS = 8;

/**
 * How many worker threads to use for a run of `count` files: `--jobs N` when given, whatever the
 * number of files (1 is the main thread alone; never more workers than batches of files); else
 * none under PARALLEL_FROM files, one per core but one, leaving a core to the main thread, and one
 * worker under 3 cores. On 2 cores a pool of two workers won half of its rounds
 * against the main thread alone when idle and lost most under load, using about a third more CPU
 * (issue 32); the main thread alone, with Node's default heap, grew to 461 MB over 100,000 files,
 * where one worker's bounded heap (WORKER_OLD_GENERATION_MB) keeps the run flat.
 */
export function workersFor(count: number, jobs?: number, cores = availableParallelism()): number {
  if (jobs !== undefined) return jobs > 1 ? Math.min(jobs, MAX_WORKERS, Math.ceil(count / BATCH)) : 0;
  if (count < PARALLEL_FROM) return 0;
  return Math.min(Math.max(cores - 1, 1), MAX_WORKERS);
}

/**
 * Parses answers files in order. With workers, batches of files are parsed on other threads (the
 * expensive part) while this one scores and renders; at most two batches per worker are in flight
 * and results are yielded in file order, so memory stays bounded however many files there are.
 * `stderr` receives what the workers write to their standard error; `oldGenerationMb` limits each
 * worker's old generation (a worker that runs out of it is replaced by one without a limit).
 */
export async function* loadAll(files: string[], pack: Pack, cwd: string, workers: number, stderr?: (text: string) => void, oldGenerationMb = WORKER_OLD_GENERATION_MB): AsyncGenerator<Loaded> {
  if (workers === 0) {
    for (const file of files) yield await loadOne(file, pack, cwd);
    return;
  }
  yield* pooled<Loaded>(files, { pack, cwd }, workers, stderr, oldGenerationMb);
}

/**
 * Checks answers files on `workers` threads (at least one), in order: each valid file is scored,
 * checked against the job's policy and rendered in its format on a worker, which sends back the
 * part (as UTF-8 bytes, let go once the next file is asked for) and a summary; an invalid file comes back with its problems, as from loadAll.
 */
export function checkAll(files: string[], pack: Pack, cwd: string, job: CheckJob, workers: number, stderr?: (text: string) => void): AsyncGenerator<RenderedFile<Uint8Array> | Extract<Loaded, { problems: Diagnostic[] }>> {
  return pooled(files, { pack, cwd, job }, workers, stderr);
}

import type { RowJob } from "./summary-row.js";
export type { RowJob };

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
async function* pooled<T>(files: string[], workerData: { pack: Pack; cwd: string; job?: CheckJob; rows?: RowJob }, workers: number, stderr?: (text: string) => void, oldGenerationMb = WORKER_OLD_GENERATION_MB): AsyncGenerator<T> {
  // Loaded only for large runs: a check of a few files never starts a thread.
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  // Each worker gets standard streams of its own rather than sharing this process's: a worker's
  // stdout piped to ours would make Node switch our pipe to non-blocking and buffer behind it.
  // The worker prints nothing; whatever it says on stderr (a warning from Node) is passed on.
  // A worker's garbage is short-lived (each file's parse); a small young generation keeps it from
  // growing to Node 24's default (10,000 files: 308 MB peak by default, 231 MB with this), and an
  // old generation under V8's "large heap" size keeps each worker's heap about 20 MB smaller.
  const start = (limited: boolean) => {
    const limits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, ...(limited ? { maxOldGenerationSizeMb: oldGenerationMb } : {}) };
    const worker = new Worker(ANSWERS_WORKER, { workerData, stdout: true, stderr: true, resourceLimits: limits });
    worker.stdout.resume();
    worker.stderr.setEncoding("utf8").on("data", (text: string) => stderr?.(text));
    listen(worker);
    return worker;
  };
  const done = new Map<number, T[]>();
  /** The slot in the pool of the worker each batch in flight was sent to. */
  const owner = new Map<number, number>();
  const waiting = new Map<number, (value: void) => void>();
  let failure: unknown;
  let next = 0;
  const batches = Math.ceil(files.length / BATCH);
  // A worker gets a new batch only when one of its batches has been consumed, so finished batches
  // never pile up faster than they are scored and rendered: at most two per worker are held.
  const post = (slot: number, id: number) => {
    owner.set(id, slot);
    const batch = readBatch(files.slice(id * BATCH, (id + 1) * BATCH), workerData.cwd);
    pool[slot]!.postMessage({ id, batch }, [batch.buffer]);
  };
  const send = (slot: number) => {
    if (next < batches) post(slot, next++);
  };
  // A batch of rendered parts comes with the buffer its parts are views of (moved, not copied).
  const buffers = new Map<number, ArrayBuffer>();
  function listen(worker: Worker) {
    worker.on("message", (message: { id: number; loaded: T[]; buffer?: ArrayBuffer }) => {
      done.set(message.id, message.loaded);
      if (message.buffer) buffers.set(message.id, message.buffer);
      waiting.get(message.id)?.();
    });
    worker.on("error", (error: NodeJS.ErrnoException) => {
      const slot = pool.indexOf(worker);
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY" && slot >= 0) {
        // Its heap's limit was reached: a worker without one takes its place and does its unfinished batches again.
        pool[slot] = start(false);
        for (const [id, s] of owner) if (s === slot && !done.has(id)) post(slot, id);
        return;
      }
      failure = error;
      for (const wake of waiting.values()) wake();
    });
  }
  const pool: Worker[] = [];
  for (let slot = 0; slot < workers; slot++) pool.push(start(true));
  for (let slot = 0; slot < workers; slot++) {
    send(slot);
    send(slot);
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
      // The batch's parts have been written: their memory is given back now (Node 22 and later), not
      // when a collection of this thread's young generation, which bytes do not fill, finds them.
      (buffers.get(id) as { transfer?: (length: number) => ArrayBuffer } | undefined)?.transfer?.(0);
      buffers.delete(id);
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
