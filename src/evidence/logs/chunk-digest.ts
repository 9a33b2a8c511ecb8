import { addRecord, isInWindow, type LogAggregates } from '../signals/aggregates.js';
import type { LogSourceSummary } from '../types.js';
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
  const { aggregates, miner } = target;
  parser.beginChunk(chunk, ascii);
  let start = 0;
  while (start < chunk.length) {
    let end = chunk.indexOf('\n', start);
    if (end === -1) end = chunk.length;
    const blank = end === start || (end === start + 1 && chunk.charCodeAt(start) === 13);
    if (!blank) {
      counts.lines++;
      if (!parser.parse(chunk, start, end, record)) counts.unparsed++;
      else {
        counts.parsed++;
        if (isInWindow(aggregates, record.time)) {
          counts.inWindow++;
          addRecord(aggregates, state.sourceIndex, record, record.message === null ? -1 : miner.add(record.message));
        } else if (state.stopAfterMs !== null && record.time > state.stopAfterMs) {
          state.stopped = true;
          return;
        }
      }
    }
    start = end + 1;
  }
}
