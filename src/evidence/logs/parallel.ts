import { existsSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { mergeAggregates } from '../signals/merge.js';
import type { ChunkState, DigestTarget } from './chunk-digest.js';
import type { WorkerJob, WorkerResult } from './digest-worker.js';

/**
 * Parallel digest of one big plain file: its byte range is cut at line boundaries into one
 * part per core, each read by a worker thread, and the parts' aggregates and templates merged.
 * Only from the compiled build (the worker is a .js file next to this one).
 */

export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
const BOUNDARY_PROBE_BYTES = 64 * 1024;

export interface ParallelOptions {
  /** Smallest byte range read in parallel (default 64 MiB). */
  minBytes?: number;
  /** Worker threads (default: the cores available, at most 2); below 2, no workers. */
  workers?: number;
}

export function workerScript(): URL | null {
  if (!import.meta.url.endsWith('.js')) return null;
  const script = new URL('./digest-worker.js', import.meta.url);
  return existsSync(fileURLToPath(script)) ? script : null;
}

export function plannedWorkers(bytes: number, options: ParallelOptions = {}): number {
  if (bytes < (options.minBytes ?? PARALLEL_MIN_BYTES) || workerScript() === null) return 0;
  const workers = options.workers ?? Math.min(2, availableParallelism());
  return workers >= 2 ? workers : 0;
}

/** Offset of the first line start at or after `offset` (or `end`). */
async function nextLineStart(handle: FileHandle, offset: number, end: number): Promise<number> {
  const buffer = Buffer.alloc(BOUNDARY_PROBE_BYTES);
  for (let at = offset; at < end; at += BOUNDARY_PROBE_BYTES) {
    const { bytesRead } = await handle.read(buffer, 0, BOUNDARY_PROBE_BYTES, at);
    const newline = buffer.subarray(0, bytesRead).indexOf(10);
    if (newline !== -1) return Math.min(end, at + newline + 1);
    if (bytesRead === 0) break;
  }
  return end;
}

export async function splitAtLines(handle: FileHandle, start: number, end: number, parts: number): Promise<number[]> {
  const bounds = [start];
  for (let k = 1; k < parts; k++) {
    const cut = start + Math.floor(((end - start) * k) / parts);
    bounds.push(Math.max(bounds[k - 1] as number, await nextLineStart(handle, cut - 1, end)));
  }
  bounds.push(end);
  return bounds;
}

function runWorker(script: URL, job: WorkerJob, started: Worker[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    // No inherited execArgv: `node -e`/`--input-type` flags of the parent are invalid in a worker.
    const worker = new Worker(script, { workerData: job, execArgv: [] });
    started.push(worker);
    worker.once('message', (result: WorkerResult) => resolve(result));
    worker.once('error', (error) => reject(new InputError(`Cannot read the log file ${job.path}: ${error.message}`, { cause: error })));
    worker.once('exit', (code) => {
      if (code !== 0) reject(new InputError(`Cannot read the log file ${job.path}: its reader stopped with code ${code}.`));
    });
  });
}

export interface ParallelJob {
  path: string;
  handle: FileHandle;
  start: number;
  end: number;
  sample: string[];
}

export async function digestInParallel(job: ParallelJob, workers: number, state: ChunkState, target: DigestTarget): Promise<void> {
  const script = workerScript();
  if (script === null) throw new Error('digestInParallel: the worker script is not built.');
  const bounds = await splitAtLines(job.handle, job.start, job.end, workers);
  const { fromMs, toMs } = target.aggregates;
  const started: Worker[] = [];
  const jobs = bounds.slice(0, -1).map((start, i) =>
    runWorker(script, { path: job.path, start, end: bounds[i + 1] as number, sample: job.sample, fromMs, toMs, stopAfterMs: state.stopAfterMs }, started),
  );
  try {
    for (const result of await Promise.all(jobs)) mergeResult(result, state, target);
  } catch (error) {
    await Promise.all(started.map((worker) => worker.terminate()));
    throw error;
  }
}

function mergeResult(result: WorkerResult, state: ChunkState, target: DigestTarget): void {
  const ids = new Map<number, number>();
  for (const cluster of result.clusters) ids.set(cluster.id, target.miner.addTemplate(cluster.tokens, cluster.count, cluster.sample));
  mergeAggregates(target.aggregates, result.aggregates, state.sourceIndex, (id) => ids.get(id) ?? -1);
  for (const key of ['lines', 'parsed', 'unparsed', 'inWindow'] as const) state.counts[key] += result.counts[key];
  state.stopped ||= result.stopped;
}
