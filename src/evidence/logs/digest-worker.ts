import { parentPort, workerData } from 'node:worker_threads';
import { addSource, createAggregates, emptyRecent, type LogAggregates } from '../signals/aggregates.js';
import { lineChunks } from './chunk-lines.js';
import { digestChunks, emptyCounts, type ChunkState, type LineCounts } from './chunk-digest.js';
import { detectFormat } from './detect.js';
import { openLogInput } from './input.js';
import { TemplateMiner, type TemplateCluster } from './template-miner.js';

/**
 * Worker side of a parallel digest: reads bytes [start, end) of one plain file (whole lines)
 * into fresh aggregates and a fresh template miner, and posts them back to be merged.
 */

export interface WorkerJob {
  path: string;
  start: number;
  end: number;
  /** The source's first lines, so the worker detects the same format as the main thread. */
  sample: string[];
  fromMs: number;
  toMs: number;
  stopAfterMs: number | null;
}

export interface WorkerResult {
  counts: LineCounts;
  stopped: boolean;
  aggregates: LogAggregates;
  clusters: TemplateCluster[];
}

async function runJob(job: WorkerJob): Promise<WorkerResult> {
  const parser = detectFormat(job.sample, job.toMs);
  const aggregates = createAggregates({ fromMs: job.fromMs, toMs: job.toMs });
  const target = { aggregates, miner: new TemplateMiner() };
  const state: ChunkState = { counts: emptyCounts(), sourceIndex: addSource(aggregates), stopAfterMs: job.stopAfterMs, stopped: false };
  const input = await openLogInput(job.path, undefined);
  try {
    await digestChunks(lineChunks(input.read(job.start, job.end)), parser, state, target);
  } finally {
    await input.close();
  }
  aggregates.recent = emptyRecent();

  return { counts: state.counts, stopped: state.stopped, aggregates, clusters: target.miner.clusters() };
}

if (parentPort !== null) {
  const port = parentPort;
  runJob(workerData as WorkerJob).then(
    (result) => port.postMessage(result),
    (error: unknown) => {
      throw error;
    },
  );
}
