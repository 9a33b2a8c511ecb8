import { addSource, createAggregates, type LatencyHistograms, type LogAggregates } from '../signals/aggregates.js';
import { histogramSlice, mergeAggregates, type AggregatesPart, type HistogramSlice } from '../signals/merge.js';
import { byteReaderFor, digestBytes } from './byte-digest.js';
import { digestChunk, emptyCounts, type ChunkState, type DigestTarget, type LineCounts } from './chunk-digest.js';
import { decodeLines } from './chunk-lines.js';
import { digestFileRange } from './file-range-digest.js';
import type { LogInput } from './input.js';
import type { LineParser } from './line-parser.js';
import { TemplateMiner, type TemplateCluster } from './template-miner.js';

/**
 * One block of a file read in parallel, digested on its own (fresh aggregates and template
 * miner) by whichever thread claimed it, then merged into the source in block order. The big
 * fine latency histograms are the exception: a thread digests all its blocks into one reused
 * pair, and each block carries a copy of only the buckets it touched (a fresh 2 MB pair per
 * block cost more in page faults, copying and garbage than the rest of the block's overhead).
 */

export interface BlockResult {
  counts: LineCounts;
  stopped: boolean;
  /** Without its fine latency histograms: see `histograms`. */
  aggregates: AggregatesPart;
  histograms: HistogramSlice;
  clusters: TemplateCluster[];
}

/** A thread's reusable histograms, all zero between blocks. */
export function blockScratch(window: { fromMs: number; toMs: number }): LatencyHistograms {
  const { latencyOk, latencyFailed } = createAggregates(window);
  return { latencyOk, latencyFailed };
}

/** Copies out the block's histograms and leaves the scratch all zero again. */
function takeHistograms(aggregates: LogAggregates): HistogramSlice {
  const touched = histogramSlice(aggregates);
  const taken = { from: touched.from, ok: touched.ok.slice(), failed: touched.failed.slice() };
  touched.ok.fill(0);
  touched.failed.fill(0);
  return taken;
}

/**
 * The block's aggregates to send, as a new object of its own shape (fewer keys, in another order
 * than createAggregates writes them). V8 compiles the hot loop assuming the aggregates' fields
 * are never reassigned, so they are not: reassigning them, even in a spread copy, which keeps
 * the shape, threw that code away on every thread (seen with --trace-deopt).
 */
function sendable(aggregates: LogAggregates): AggregatesPart {
  const { dimensions, templates, sources, firstMs, lastMs, originMs, fromMs, toMs, bucketMs, bucketCount } = aggregates;
  return { dimensions, templates, sources, firstMs, lastMs, originMs, fromMs, toMs, bucketMs, bucketCount };
}

export interface BlockWindow {
  fromMs: number;
  toMs: number;
  stopAfterMs: number | null;
}

/** Wide enough for any sample line to count as in the window. */
const ANY_TIME = { fromMs: 0, toMs: 2 ** 52, stopAfterMs: null };

function blockState(aggregates: LogAggregates, window: BlockWindow): ChunkState {
  return { counts: emptyCounts(), sourceIndex: addSource(aggregates), stopAfterMs: window.stopAfterMs, stopped: false };
}

/**
 * Digests the source's sample lines as two throwaway blocks, before a thread's first real one.
 * V8 compiles the hot loop for the hidden classes it has seen, and a block's objects only get
 * their final ones when the second block creates them again: literals sharing property names
 * (the line counts' and the source series' `lines`, the dimension maps' and the recent values'
 * `route`, ...) share hidden classes until their field types part. Without this, each thread
 * threw its compiled hot loop away at its second block and compiled it again (seen with
 * --trace-deopt; with the results sent in their own shape, 7% of a 400 MB digest's time).
 */
export function primeBlockShapes(parser: LineParser, sample: string[]): void {
  const bytes = Buffer.from(`${sample.join('\n')}\n`, 'utf8');
  const chunk = decodeLines(bytes);
  const reader = byteReaderFor(parser);
  for (let round = 0; round < 2; round++) {
    const aggregates = createAggregates(ANY_TIME);
    const target = { aggregates, miner: new TemplateMiner() };
    // Both ways: the byte path reads most lines, and hands the rest to the parser.
    if (reader !== null) digestBytes(bytes, reader, parser, blockState(aggregates, ANY_TIME), target);
    digestChunk(chunk, parser, blockState(aggregates, ANY_TIME), target);
    takeHistograms(aggregates);
    sendable(aggregates);
    target.miner.clusters();
  }
}

export async function digestBlock(
  input: LogInput,
  parser: LineParser,
  range: { start: number; end: number },
  window: BlockWindow,
  scratch: LatencyHistograms,
): Promise<BlockResult> {
  const aggregates = createAggregates(window, scratch);
  const target = { aggregates, miner: new TemplateMiner() };
  const state = blockState(aggregates, window);
  await digestFileRange(input, range, parser, state, target);
  const histograms = takeHistograms(aggregates);
  return { counts: state.counts, stopped: state.stopped, aggregates: sendable(aggregates), histograms, clusters: target.miner.clusters() };
}

/** Adds a block's digest into its source's. */
export function mergeBlock(result: BlockResult, state: ChunkState, target: DigestTarget): void {
  const ids = new Map<number, number>();
  for (const cluster of result.clusters) ids.set(cluster.id, target.miner.addTemplate(cluster.tokens, cluster.count, cluster.sample));
  mergeAggregates(target.aggregates, result.aggregates, state.sourceIndex, (id) => ids.get(id) ?? -1, result.histograms);
  for (const key of ['lines', 'parsed', 'unparsed', 'inWindow'] as const) state.counts[key] += result.counts[key];
  state.stopped ||= result.stopped;
}
