import type { LogRecord, LogSourceSummary } from '../types.js';
import type { ScanPlan } from './byte-scan-plan.js';

/**
 * A format's line parser. Lines are handed over as ranges of a chunk string (one read of the
 * file, many lines) so the hot path never allocates a string per line it does not need.
 */
export interface LineParser {
  readonly format: LogSourceSummary['format'];
  readonly dialect: string | null;
  /**
   * Called once per chunk before its lines are parsed. `ascii`: the chunk has no byte above
   * 0x7f, so extracted values need no UTF-8 re-decoding.
   */
  beginChunk(chunk: string, ascii: boolean): void;
  /** Fills `out` from chunk[start, end); false when the line is not a record with a time. */
  parse(chunk: string, start: number, end: number, out: LogRecord): boolean;
  /**
   * JSON lines on the fast path: what the byte scanner looks for (byte-digest.ts), which reads
   * the usual lines from their bytes and hands the rest to `parse`.
   */
  readonly scanPlan?: ScanPlan | null;
}

export function emptyRecord(): LogRecord {
  return { time: 0, level: null, status: null, method: null, route: null, latencyMs: null, message: null, host: null, release: null };
}

export function resetRecord(out: LogRecord): void {
  out.time = 0;
  out.level = null;
  out.status = null;
  out.method = null;
  out.route = null;
  out.latencyMs = null;
  out.message = null;
  out.host = null;
  out.release = null;
}

/** Parses one standalone (already decoded) line: tests, detection, seeking. */
export function parseOneLine(parser: LineParser, line: string): LogRecord | null {
  const out = emptyRecord();
  const latin1 = Buffer.from(line, 'utf8').toString('latin1');
  parser.beginChunk(latin1, latin1 === line);
  return parser.parse(latin1, 0, latin1.length, out) ? out : null;
}

export const unknownFormatParser: LineParser = {
  format: 'unknown',
  dialect: null,
  beginChunk: () => undefined,
  parse: () => false,
};
