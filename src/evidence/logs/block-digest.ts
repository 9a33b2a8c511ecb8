import { addSource, createAggregates, emptyRecent, type LatencyHistograms, type LogAggregates } from '../signals/aggregates.js';
import { histogramSlice, mergeAggregates, type HistogramSlice } from '../signals/merge.js';
import { digestChunks, emptyCounts, type ChunkState, type DigestTarget, type LineCounts } from './chunk-digest.js';
import { lineChunks } from './chunk-lines.js';
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
  /** Without its fine latency histograms (empty): see `histograms`. */
  aggregates: LogAggregates;
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
 * The block's aggregates to send: without the scratch histograms (taken apart) and the
 * recent-value caches (strings sliced from read chunks, not worth sending). Built as an object
 * of its own shape, its keys in another order than createAggregates writes them: V8 compiles
 * the hot loop assuming the fields of that shape are never reassigned, and reassigning them
 * (or overriding them in a spread copy, which keeps the shape) threw that code away after the
 * first block, to be compiled again on every thread (seen with --trace-deopt).
 */
function sendable(aggregates: LogAggregates): LogAggregates {
  const { originMs, fromMs, toMs, bucketMs, bucketCount, sources, dimensions, templates, firstMs, lastMs } = aggregates;
  const none = new Uint32Array(0);
  return { recent: emptyRecent(), latencyOk: none, latencyFailed: none, originMs, fromMs, toMs, bucketMs, bucketCount, sources, dimensions, templates, firstMs, lastMs };
}

export interface BlockWindow {
  fromMs: number;
  toMs: number;
  stopAfterMs: number | null;
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
  const state: ChunkState = { counts: emptyCounts(), sourceIndex: addSource(aggregates), stopAfterMs: window.stopAfterMs, stopped: false };
  await digestChunks(lineChunks(input.read(range.start, range.end)), parser, state, target);
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
