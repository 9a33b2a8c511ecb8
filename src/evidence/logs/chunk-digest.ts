import { addRecord, isInWindow, type LogAggregates } from '../signals/aggregates.js';
import type { LogRecord, LogSourceSummary } from '../types.js';
import type { LineChunk } from './chunk-lines.js';
import { emptyRecord, type LineParser } from './line-parser.js';
import type { TemplateMiner } from './template-miner.js';

/** Walking chunks of lines into the aggregates: the digest's inner loop, shared with workers. */

export interface DigestTarget {
  aggregates: LogAggregates;
  miner: TemplateMiner;
}

export type LineCounts = Pick<LogSourceSummary, 'lines' | 'parsed' | 'unparsed' | 'inWindow'>;

export interface ChunkState {
  counts: LineCounts;
  sourceIndex: number;
  /** Stop once a record is later than this (a time-ordered file past the window); null: never. */
  stopAfterMs: number | null;
  stopped: boolean;
}

export function emptyCounts(): LineCounts {
  return { lines: 0, parsed: 0, unparsed: 0, inWindow: 0 };
}

export function digestChunk({ text: chunk, ascii }: LineChunk, parser: LineParser, state: ChunkState, target: DigestTarget): void {
  const record = emptyRecord();
  const { counts } = state;
  parser.beginChunk(chunk, ascii);
  let start = 0;
  while (start < chunk.length) {
    let end = chunk.indexOf('\n', start);
    if (end === -1) end = chunk.length;
    const blank = end === start || (end === start + 1 && chunk.charCodeAt(start) === 13);
    if (!blank) {
      counts.lines++;
      if (countLine(parser.parse(chunk, start, end, record), record, state, target)) return;
    }
    start = end + 1;
  }
}

/** Counts one non-blank line, parsed into `record` or not; true when the read stops there. */
export function countLine(parsed: boolean, record: LogRecord, state: ChunkState, target: DigestTarget): boolean {
  const { counts } = state;
  if (!parsed) {
    counts.unparsed++;
    return false;
  }
  counts.parsed++;
  const { aggregates } = target;
  if (isInWindow(aggregates, record.time)) {
    counts.inWindow++;
    addRecord(aggregates, state.sourceIndex, record, record.message === null ? -1 : target.miner.add(record.message));
    return false;
  }
  if (state.stopAfterMs === null || record.time <= state.stopAfterMs) return false;
  state.stopped = true;
  return true;
}
