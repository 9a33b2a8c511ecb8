import type { FileHandle } from 'node:fs/promises';
import { emptyRecord, type LineParser } from './line-parser.js';

/**
 * Seeking into big time-ordered files: rather than read a week of logs to keep the last two
 * hours, binary-search the byte offset where the window starts (probing a small chunk at an
 * offset, skipping to the next line, parsing its first timestamp), and stop reading once the
 * timestamps are past the window. Only done when probes spread over the file show it in order.
 */

export const SEEK_MIN_BYTES = 8 * 1024 * 1024;
/** Started this long before the window and stopped this long after it: tolerates slight disorder. */
export const SEEK_MARGIN_MS = 2 * 60_000;
export const STOP_MARGIN_MS = 5 * 60_000;
const PROBE_BYTES = 64 * 1024;
const ORDER_PROBES = 16;

export interface ReadPlan {
  /** Byte offset of the first line to read (0 = from the start). */
  start: number;
  /** Byte offset past which every line is after the window (null: read to the end). */
  end: number | null;
  /** Stop once a record is later than this; null to read to the end. */
  stopAfterMs: number | null;
}

interface Probe {
  time: number;
  lineStart: number;
}

function firstTimeIn(parser: LineParser, chunk: string, from: number, base: number): Probe | null {
  const record = emptyRecord();
  parser.beginChunk(chunk, false);
  let start = from;
  while (start < chunk.length) {
    const newline = chunk.indexOf('\n', start);
    if (newline === -1) return null;
    if (parser.parse(chunk, start, newline, record)) return { time: record.time, lineStart: base + start };
    start = newline + 1;
  }
  return null;
}

/** First parseable time at or after the first line start at/after `offset`. */
async function probe(handle: FileHandle, parser: LineParser, offset: number): Promise<Probe | null> {
  const buffer = Buffer.alloc(PROBE_BYTES);
  const { bytesRead } = await handle.read(buffer, 0, PROBE_BYTES, offset);
  const chunk = buffer.toString('latin1', 0, bytesRead);
  const from = offset === 0 ? 0 : chunk.indexOf('\n') + 1;
  if (offset > 0 && from === 0) return null;
  return firstTimeIn(parser, chunk, from, offset);
}

async function lastTime(handle: FileHandle, parser: LineParser, size: number): Promise<number | null> {
  const offset = Math.max(0, size - PROBE_BYTES);
  const buffer = Buffer.alloc(size - offset);
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
  const lines = buffer.toString('latin1', 0, bytesRead).split('\n');
  const record = emptyRecord();
  for (let i = lines.length - 1; i >= (offset === 0 ? 0 : 1); i--) {
    const line = lines[i] as string;
    parser.beginChunk(line, false);
    if (parser.parse(line, 0, line.length, record)) return record.time;
  }
  return null;
}

/** Probes spread over the file never go back in time by more than the stop margin. */
async function isTimeOrdered(handle: FileHandle, parser: LineParser, size: number, last: number): Promise<boolean> {
  // Read at once: one after the other, these probes were a good part of the digest's start.
  const offsets = Array.from({ length: ORDER_PROBES }, (_, i) => Math.floor((size * i) / ORDER_PROBES));
  const probes = await Promise.all(offsets.map((offset) => probe(handle, parser, offset)));
  let previous = Number.NEGATIVE_INFINITY;
  for (const found of probes) {
    if (found === null) continue;
    if (found.time < previous - STOP_MARGIN_MS) return false;
    previous = Math.max(previous, found.time);
  }
  return previous !== Number.NEGATIVE_INFINITY && last >= previous - STOP_MARGIN_MS;
}

/**
 * Binary search for `target`: returns probe offsets lo < hi, less than one probe apart, with
 * the first line after lo earlier than `target` (or lo = 0) and every line after hi at or past it.
 */
async function bracket(handle: FileHandle, parser: LineParser, size: number, target: number): Promise<{ lo: number; hi: number }> {
  let lo = 0;
  let hi = size;
  while (hi - lo > PROBE_BYTES) {
    const mid = Math.floor((lo + hi) / 2);
    const found = await probe(handle, parser, mid);
    if (found === null || found.time < target) lo = mid;
    else hi = mid;
  }
  return { lo, hi };
}

async function lineStartAt(handle: FileHandle, parser: LineParser, offset: number, size: number): Promise<number> {
  if (offset === 0 || offset >= size) return offset;
  return (await probe(handle, parser, offset))?.lineStart ?? offset;
}

/** Where to start and stop reading a plain file for the window. */
export async function planRead(handle: FileHandle, size: number, parser: LineParser, window: { fromMs: number; toMs: number }): Promise<ReadPlan> {
  const whole: ReadPlan = { start: 0, end: null, stopAfterMs: null };
  if (size < SEEK_MIN_BYTES || parser.format === 'unknown') return whole;
  const first = await probe(handle, parser, 0);
  const last = await lastTime(handle, parser, size);
  if (first === null || last === null || last < first.time) return whole;
  const startAt = window.fromMs - SEEK_MARGIN_MS;
  const stopAfterMs = window.toMs + STOP_MARGIN_MS;
  // A window around the first and the last record takes the whole file: no need to probe its order.
  if (first.time >= startAt && last <= stopAfterMs) return whole;
  if (!(await isTimeOrdered(handle, parser, size, last))) return whole;
  const start = first.time >= startAt ? 0 : await lineStartAt(handle, parser, (await bracket(handle, parser, size, startAt)).lo, size);
  const end = last <= stopAfterMs ? null : await lineStartAt(handle, parser, (await bracket(handle, parser, size, stopAfterMs)).hi, size);
  return { start, end: end === null || end >= size ? null : Math.max(start, end), stopAfterMs };
}
