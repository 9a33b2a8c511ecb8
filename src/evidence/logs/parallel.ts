import { existsSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { packagePath } from '../../util/package-root.js';
import { abandonClaims, claimBlocks, createClaims } from './block-claims.js';
import { blockScratch, digestBlock, mergeBlock, primeBlockShapes, type BlockResult } from './block-digest.js';
import { blockBounds } from './blocks.js';
import type { ChunkState, DigestTarget } from './chunk-digest.js';
import type { FormatSpec } from './detect.js';
import type { ReaderJob, ReaderMessage } from './digest-worker.js';
import type { LogInput } from './input.js';
import type { LineParser } from './line-parser.js';

/**
 * Parallel digest of one big plain file: the main thread and worker threads claim blocks of
 * its byte range (blocks.ts) and digest each on its own; the main thread merges them in block
 * order, so the result does not depend on which thread read what. The main thread starts on
 * the first block at once and the workers join as they finish booting, so no thread waits for
 * another. Only from the compiled build (the worker is a bundle in dist/workers/).
 */

export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

export interface ParallelOptions {
  /** Smallest byte range read in parallel (default 64 MiB). */
  minBytes?: number;
  /** Threads reading, the main one included (default: the cores available, at most 2); below 2, none in parallel. */
  workers?: number;
}

export function workerScript(): URL | null {
  if (!import.meta.url.endsWith('.js')) return null;
  // From the package root, not from this module: this code runs from a CLI chunk or from tsc's
  // module tree (eval, benchmarks), and the worker is always the one bundle in dist/workers/.
  const script = packagePath('dist', 'workers', 'digest-worker.js');
  return existsSync(script) ? pathToFileURL(script) : null;
}

/** Reading threads for a range of `bytes`, the main one included; 0 when not worth it. */
export function plannedWorkers(bytes: number, options: ParallelOptions = {}): number {
  if (bytes < (options.minBytes ?? PARALLEL_MIN_BYTES) || workerScript() === null) return 0;
  const threads = options.workers ?? Math.min(2, availableParallelism());
  return threads >= 2 ? threads : 0;
}

interface Reader {
  worker: Worker;
  /** Set when the worker failed before being given a job. */
  failure: Error | null;
  /** Whether it was given a job, and said it finished it. */
  started: boolean;
  done: boolean;
  onMessage: (message: ReaderMessage) => void;
  onFailure: (error: Error) => void;
}

/** Worker threads, each told its job once it has booted. */
export interface ReaderPool {
  readers: Reader[];
  close(): Promise<void>;
}

function startReader(script: URL, path: string): Reader {
  // No inherited execArgv: `node -e`/`--input-type` flags of the parent are invalid in a worker.
  const worker = new Worker(script, { execArgv: [] });
  const reader: Reader = { worker, failure: null, started: false, done: false, onMessage: () => undefined, onFailure: (error) => (reader.failure ??= error) };
  worker.on('message', (message: ReaderMessage) => {
    if (message.kind === 'done') reader.done = true;
    reader.onMessage(message);
  });
  worker.once('error', (error) => reader.onFailure(new InputError(`Cannot read the log file ${path}: ${error.message}`, { cause: error })));
  worker.once('exit', (code) => {
    // Blocks it claimed would never be merged: fail rather than wait forever.
    if (code !== 0 || (reader.started && !reader.done)) reader.onFailure(new InputError(`Cannot read the log file ${path}: its reader stopped with code ${code}.`));
  });
  return reader;
}

/** Starts the worker threads that read beside the main one (`threads` in all). */
export function startReaderPool(path: string, threads: number): ReaderPool {
  const script = workerScript();
  if (script === null) throw new Error('startReaderPool: the worker script is not built.');
  const readers = Array.from({ length: threads - 1 }, () => startReader(script, path));
  return { readers, close: async () => void (await Promise.all(readers.map((reader) => reader.worker.terminate()))) };
}

export interface ParallelJob {
  input: LogInput;
  handle: FileHandle;
  /** What the main thread detected; `parser` is built from it. */
  format: FormatSpec;
  parser: LineParser;
  start: number;
  end: number;
  sample: string[];
}

/** Merges block results strictly in block order; blocks after the first that stopped are dropped. */
class BlockMerger {
  private readonly pending = new Map<number, BlockResult | null>();
  private next = 0;
  private stopped = false;

  constructor(
    private readonly count: number,
    private readonly state: ChunkState,
    private readonly target: DigestTarget,
    private readonly onDone: () => void,
  ) {}

  settle(index: number, result: BlockResult | null): void {
    this.pending.set(index, result);
    for (let ready = this.pending.get(this.next); ready !== undefined; ready = this.pending.get(this.next)) {
      this.pending.delete(this.next);
      if (ready !== null && !this.stopped) {
        mergeBlock(ready, this.state, this.target);
        this.stopped = ready.stopped;
      }
      this.next++;
    }
    if (this.next === this.count) this.onDone();
  }
}

/** Digests the job's range on the main thread and the pool's workers; resolves once all is merged. */
export async function digestInParallel(job: ParallelJob, pool: ReaderPool, state: ChunkState, target: DigestTarget): Promise<void> {
  const bounds = await blockBounds(job.handle, job.start, job.end);
  const count = bounds.length - 1;
  const claims = createClaims();
  const window = { fromMs: target.aggregates.fromMs, toMs: target.aggregates.toMs, stopAfterMs: state.stopAfterMs };
  const finished = new Promise<void>((resolve, reject) => {
    const merger = new BlockMerger(count, state, target, resolve);
    for (const reader of pool.readers) {
      if (reader.failure !== null) reject(reader.failure);
      reader.onFailure = reject;
      reader.onMessage = (message) => {
        if (message.kind === 'block') merger.settle(message.index, message.result);
      };
      const readerJob: ReaderJob = { path: job.input.path, bounds, claims, format: job.format, sample: job.sample, ...window };
      reader.worker.postMessage(readerJob);
      reader.started = true;
    }
    const scratch = blockScratch(window);
    const read = async (index: number): Promise<boolean> => {
      const range = { start: bounds[index] as number, end: bounds[index + 1] as number };
      const result = await digestBlock(job.input, job.parser, range, window, scratch);
      merger.settle(index, result);
      // A block reads synchronously, so the workers' results wait for a turn of the event loop:
      // without one here they were all merged at the end, after the last block.
      await new Promise((resolve) => setImmediate(resolve));
      return result.stopped;
    };
    primeBlockShapes(job.parser, job.sample);
    claimBlocks(claims, count, read, (index) => merger.settle(index, null)).catch(reject);
  });
  try {
    await finished;
  } finally {
    // After a failure, the main thread's claim loop ends with the block it is reading.
    abandonClaims(claims);
  }
}
