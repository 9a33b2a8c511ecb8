import { addSource, type LogAggregates } from '../signals/aggregates.js';
import type { LogSourceSummary } from '../types.js';
import { digestChunks } from './byte-digest.js';
import { digestChunk, emptyCounts, type ChunkState, type DigestTarget } from './chunk-digest.js';
import { decodeLines, lineBatches, type LineChunk } from './chunk-lines.js';
import { DETECTION_LINES, detectFormatSpec, parserFor } from './detect.js';
import type { LogInput } from './input.js';
import type { LineParser } from './line-parser.js';
import { digestInParallel, plannedWorkers, startReaderPool, type ParallelJob, type ParallelOptions } from './parallel.js';
import { planRead, type ReadPlan } from './seek.js';

/**
 * Reading one source into the shared aggregates: detect its format from the first lines, plan
 * the read (seek into big ordered files), then walk the chunks of lines, in worker threads for
 * big plain files.
 */

function countNonBlankLines(chunk: string): number {
  return chunk.split('\n').filter((line) => line.trim() !== '').length;
}

/** Reads whole-line chunks until enough lines to detect the format (or the end). */
async function readHead(batches: AsyncIterator<Buffer[]>): Promise<{ head: LineChunk[]; done: boolean }> {
  const head: LineChunk[] = [];
  let lines = 0;
  while (lines < DETECTION_LINES) {
    const next = await batches.next();
    if (next.done === true) return { head, done: true };
    for (const bytes of next.value) {
      const chunk = decodeLines(bytes);
      head.push(chunk);
      if (lines < DETECTION_LINES) lines += countNonBlankLines(chunk.text);
    }
  }
  return { head, done: false };
}

/** Enough of the head for the sample: the head is a whole read (about 1 MB), the sample a few hundred lines. */
const SAMPLE_TEXT_CHARS = 256 * 1024;

function sampleLines(head: LineChunk[]): string[] {
  let text = '';
  for (const chunk of head) {
    if (text.length >= SAMPLE_TEXT_CHARS) break;
    text += chunk.text.slice(0, 1024 * 1024);
  }
  return Buffer.from(text, 'latin1').toString('utf8').split('\n').slice(0, DETECTION_LINES * 4);
}

async function planFor(input: LogInput, parser: LineParser, aggregates: LogAggregates): Promise<ReadPlan> {
  if (input.file === null) return { start: 0, end: null, stopAfterMs: null };
  return planRead(input.file.handle, input.file.size, parser, { fromMs: aggregates.fromMs, toMs: aggregates.toMs });
}

function summaryOf(input: LogInput, parser: LineParser, plan: ReadPlan, state: ChunkState): LogSourceSummary {
  return { path: input.path, format: parser.format, dialect: parser.dialect, ...state.counts, seekedTo: plan.start };
}

async function digestReadInParallel(job: ParallelJob, threads: number, state: ChunkState, target: DigestTarget): Promise<void> {
  // Started once the read is planned: started earlier, a worker booting for a file that then
  // turns out to need two hours of a week (seeking) took a core from the main thread's read.
  const pool = startReaderPool(job.input.path, threads);
  try {
    await digestInParallel(job, pool, state, target);
  } finally {
    // Not awaited: every block is merged by now, and tearing a worker's isolate down took 10-15 ms
    // that the analysis need not wait for.
    void pool.close();
  }
}

/** Digests one opened input; the summary counts only the lines actually read. */
export async function digestSource(input: LogInput, target: DigestTarget, parallel: ParallelOptions = {}): Promise<LogSourceSummary> {
  const { aggregates } = target;
  const batches = lineBatches(input.read(0));
  const { head, done } = await readHead(batches);
  const sample = sampleLines(head);
  const format = detectFormatSpec(sample, aggregates.toMs);
  const parser = parserFor(format);
  const plan: ReadPlan = done ? { start: 0, end: null, stopAfterMs: null } : await planFor(input, parser, aggregates);
  const state: ChunkState = { counts: emptyCounts(), sourceIndex: addSource(aggregates), stopAfterMs: plan.stopAfterMs, stopped: false };
  const file = input.file;
  const end = plan.end ?? file?.size ?? 0;
  const threads = file === null || done || parser.format === 'unknown' ? 0 : plannedWorkers(end - plan.start, parallel);
  if (file !== null && threads > 0) {
    await batches.return(undefined);
    await digestReadInParallel({ input, handle: file.handle, format, parser, start: plan.start, end, sample }, threads, state, target);
  } else if (plan.start > 0 || plan.end !== null) {
    await batches.return(undefined);
    await digestChunks(lineBatches(input.read(plan.start, plan.end ?? undefined)), parser, state, target);
  } else {
    for (const chunk of head) {
      digestChunk(chunk, parser, state, target);
      if (state.stopped) break;
    }
    if (!state.stopped) await digestChunks(batches, parser, state, target);
    else await batches.return(undefined);
  }
  return summaryOf(input, parser, plan, state);
}
