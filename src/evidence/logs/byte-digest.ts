import { isAscii } from 'node:buffer';
import type { LogRecord } from '../types.js';
import { KIND_ID, KIND_MISSING, KIND_NUMBER, LINE_BLANK, LINE_OK, createByteScanner, type ByteScanner } from './byte-scan.js';
import type { ScanPart, ScanPlan } from './byte-scan-plan.js';
import { countLine, digestChunk, type ChunkState, type DigestTarget } from './chunk-digest.js';
import { decodeLines } from './chunk-lines.js';
import { assignCapture, assignKnown, assignNumber } from './json-fast-read.js';
import type { KnownField } from './json-known-values.js';
import { combineMessage, isErrorRecord, tracebackSummary } from './json-record.js';
import { emptyRecord, resetRecord, type LineParser } from './line-parser.js';
import { latin1ToUtf8 } from './text.js';

/**
 * Digesting a range of JSON lines from its bytes: the scanner finds every value the line regex
 * would capture, and the values become fields through the same conversions as the regex path
 * (json-fast-read.ts), numbers straight from the scanner and interned strings once per distinct
 * value. Lines the scanner defers (a key present but not where the regex would capture it, an
 * error text the JS path would read with JSON.parse, blanks around the object, anything not an
 * object) are decoded and given to the parser, so every line gets the record it would get the
 * JS way. Measured on a 400 MB pino-http file: see `npm run bench`.
 */

/** An interned value the JS path would not read without JSON.parse: the whole line goes that way. */
const DEFERRED = Symbol('deferred');
type Learned = KnownField | null | typeof DEFERRED;

export interface ByteReader {
  scanner: ByteScanner;
  parts: ScanPart[];
  /** Per part, the field value of each interned id. */
  learned: Learned[][];
  scratch: LogRecord;
}

/** One reader per parser and thread (a parser is built per source, and on every thread). */
const readers = new WeakMap<LineParser, ByteReader | null>();

export function byteReaderFor(parser: LineParser): ByteReader | null {
  let reader = readers.get(parser);
  if (reader === undefined) {
    reader = readerOf(parser.scanPlan ?? null);
    readers.set(parser, reader);
  }
  return reader;
}

function readerOf(plan: ScanPlan | null): ByteReader | null {
  if (plan === null) return null;
  const scanner = createByteScanner(plan);
  if (scanner === null) return null;
  return { scanner, parts: plan.parts, learned: plan.parts.map(() => []), scratch: emptyRecord() };
}

/** The field an interned value sets, converted as the regex path converts its capture. */
function learn(reader: ByteReader, part: ScanPart, partIndex: number, id: number, raw: string): Learned {
  const { scratch } = reader;
  resetRecord(scratch);
  const value = assignCapture(scratch, part.reader, raw, 0, false) && part.field !== null ? (scratch[part.field] as KnownField | null) : DEFERRED;
  (reader.learned[partIndex] as Learned[])[id] = value;
  return value;
}

/** The record of a line the scanner accepted; false when it must go the JS way after all. */
function fillRecord(reader: ByteReader, line: number, bytes: Buffer, out: LogRecord): boolean {
  const { meta, numbers, metaWords, partCount } = reader.scanner;
  const { parts } = reader;
  resetRecord(out);
  const base = line * metaWords + 3;
  for (let p = 0; p < partCount; p++) {
    const at = base + p * 4;
    const part = parts[p] as ScanPart;
    const kind = meta[at];
    if (kind === KIND_NUMBER) {
      assignNumber(out, part.reader, numbers[line * partCount + p] as number);
    } else if (kind === KIND_ID) {
      const id = meta[at + 1] as number;
      let value = (reader.learned[p] as Learned[])[id];
      if (value === undefined) value = learn(reader, part, p, id, bytes.toString('latin1', meta[at + 2], meta[at + 3]));
      if (value === DEFERRED) return false;
      assignKnown(out, part.reader.role, value as KnownField);
    } else if (kind !== KIND_MISSING && !assignCapture(out, part.reader, bytes.toString('latin1', meta[at + 2], meta[at + 3]), 0, false)) {
      return false;
    }
  }
  return !isErrorRecord(out) || addErrorText(reader.scanner, line, bytes, out);
}

/** An error line's text, added to its message as readErrorFast adds it; false when that needs the JS path. */
function addErrorText(scanner: ByteScanner, line: number, bytes: Buffer, out: LogRecord): boolean {
  const at = line * scanner.metaWords;
  const start = scanner.errorText(scanner.meta[at + 1] as number, scanner.meta[at + 2] as number);
  if (start < 0) return false;
  out.message = combineMessage(out.message, tracebackSummary(latin1ToUtf8(bytes.toString('latin1', start, scanner.errorTextEnd()))));
  return true;
}

/** A deferred line, decoded and parsed the JS way. */
function parseDeferred(parser: LineParser, bytes: Buffer, start: number, end: number, out: LogRecord): boolean {
  const text = bytes.toString('latin1', start, end);
  parser.beginChunk(text, isAscii(bytes.subarray(start, end)));
  return parser.parse(text, 0, text.length, out);
}

/** digestChunk for a range of whole lines' bytes. */
export function digestBytes(bytes: Buffer, reader: ByteReader, parser: LineParser, state: ChunkState, target: DigestTarget): void {
  if (reader.scanner.load(bytes)) digestScanned(bytes, bytes.length, reader, parser, state, target);
  else digestChunk(decodeLines(bytes), parser, state, target);
}

/**
 * Digests the whole lines of the scanner's input [0, length); `bytes` holds the same bytes (the
 * range that was loaded, or a view of the input itself), for the lines and values JS decodes.
 */
export function digestScanned(bytes: Buffer, length: number, reader: ByteReader, parser: LineParser, state: ChunkState, target: DigestTarget): void {
  const { scanner } = reader;
  const record = emptyRecord();
  const { counts } = state;
  const { meta, metaWords } = scanner;
  let from = 0;
  while (from < length) {
    const lines = scanner.scan(from, length);
    from = scanner.nextStart();
    for (let line = 0; line < lines; line++) {
      const at = line * metaWords;
      const status = meta[at];
      if (status === LINE_BLANK) continue;
      counts.lines++;
      const parsed =
        status === LINE_OK && fillRecord(reader, line, bytes, record) ? record.time > 0 : parseDeferred(parser, bytes, meta[at + 1] as number, meta[at + 2] as number, record);
      if (countLine(parsed, record, state, target)) return;
    }
  }
}

/**
 * Digests batches of whole lines until they end or the state says stop (then the source is
 * closed early): from their bytes when the parser has a scan plan and this thread a scanner,
 * else decoded and walked the JS way.
 */
export async function digestChunks(batches: AsyncIterable<Buffer[]>, parser: LineParser, state: ChunkState, target: DigestTarget): Promise<void> {
  const reader = byteReaderFor(parser);
  for await (const batch of batches) {
    for (const lines of batch) {
      if (reader !== null) digestBytes(lines, reader, parser, state, target);
      else digestChunk(decodeLines(lines), parser, state, target);
      if (state.stopped) return;
    }
  }
}

/**
 * Each non-blank line's record by the byte path (null: not a record), or null without a scanner:
 * the line-by-line counterpart of digestBytes, to check the byte path against the JS one.
 */
export function recordsFromBytes(parser: LineParser, bytes: Buffer): (LogRecord | null)[] | null {
  const reader = byteReaderFor(parser);
  if (reader === null || !reader.scanner.load(bytes)) return null;
  const { scanner } = reader;
  const records: (LogRecord | null)[] = [];
  let from = 0;
  while (from < bytes.length) {
    const lines = scanner.scan(from, bytes.length);
    from = scanner.nextStart();
    for (let line = 0; line < lines; line++) {
      const at = line * scanner.metaWords;
      const status = scanner.meta[at];
      if (status === LINE_BLANK) continue;
      const record = emptyRecord();
      const parsed =
        status === LINE_OK && fillRecord(reader, line, bytes, record)
          ? record.time > 0
          : parseDeferred(parser, bytes, scanner.meta[at + 1] as number, scanner.meta[at + 2] as number, record);
      records.push(parsed ? record : null);
    }
  }
  return records;
}
