import { parentPort } from 'node:worker_threads';
import { claimBlocks } from './block-claims.js';
import { blockScratch, digestBlock, primeBlockShapes, type BlockResult } from './block-digest.js';
import { parserFor, type FormatSpec } from './detect.js';
import { openLogInput } from './input.js';

/**
 * Worker side of a parallel digest: told its job once booted, it claims blocks of the file like
 * the main thread does (block-claims.ts) and posts each block's digest back to be merged.
 */

export interface ReaderJob {
  path: string;
  /** Block bounds at line starts (see blocks.ts). */
  bounds: number[];
  /** Shared claims (see block-claims.ts). */
  claims: Int32Array;
  /** The format the main thread detected, so both read lines the same way. */
  format: FormatSpec;
  /** The source's first lines (see primeBlockShapes). */
  sample: string[];
  fromMs: number;
  toMs: number;
  stopAfterMs: number | null;
}

/** A block's digest, or null for a block skipped after a stopped one; then `done`. */
export type ReaderMessage = { kind: 'block'; index: number; result: BlockResult | null } | { kind: 'done' };

async function runJob(job: ReaderJob, post: (message: ReaderMessage) => void): Promise<void> {
  const parser = parserFor(job.format);
  primeBlockShapes(parser, job.sample);
  const input = await openLogInput(job.path, undefined);
  const scratch = blockScratch(job);
  const read = async (index: number): Promise<boolean> => {
    const range = { start: job.bounds[index] as number, end: job.bounds[index + 1] as number };
    const result = await digestBlock(input, parser, range, job, scratch);
    post({ kind: 'block', index, result });
    return result.stopped;
  };
  try {
    await claimBlocks(job.claims, job.bounds.length - 1, read, (index) => post({ kind: 'block', index, result: null }));
  } finally {
    await input.close();
  }
  post({ kind: 'done' });
}

if (parentPort !== null) {
  const port = parentPort;
  port.once('message', (job: ReaderJob) => {
    // Rethrown outside the promise so the worker fails with it and the main thread hears of it.
    runJob(job, (message) => port.postMessage(message)).catch((error: unknown) => {
      setImmediate(() => {
        throw error;
      });
    });
  });
}
