/**
 * Buffers in, chunks of whole lines out. Lines are not split one by one here (readline makes a
 * string per line and is about three times slower); each chunk is a latin1 string of
 * complete lines that parsers walk by index. A line longer than MAX_LINE_BYTES is not kept in
 * memory: it is replaced by one placeholder line, which no parser accepts, so it is counted as
 * unparsed rather than lost.
 */

import { isAscii } from 'node:buffer';

export const MAX_LINE_BYTES = 4 * 1024 * 1024;
/**
 * Reads are big (fewer round trips) but are decoded in slices of about this size: strings under
 * V8's large-object size (128 KB) die young in a cheap scavenge, where 1 MB ones pile up in
 * large-object space until a full GC (peak RSS doubled with 1 MB strings).
 */
export const CHUNK_BYTES = 64 * 1024;
/** Stands for an overlong line: not blank, and no format's parser accepts it. */
export const OVERLONG_LINE = '\u0001(overlong line)\n';

/** Whole lines decoded as latin1; `ascii` when no byte is above 0x7f (nothing to re-decode). */
export interface LineChunk {
  text: string;
  ascii: boolean;
}

/** Whole lines' bytes as a chunk to parse. */
export function decodeLines(bytes: Buffer): LineChunk {
  return { text: bytes.toString('latin1'), ascii: isAscii(bytes) };
}

const OVERLONG_BYTES = Buffer.from(OVERLONG_LINE, 'latin1');

interface Carry {
  parts: Buffer[];
  bytes: number;
  overlong: boolean;
}

function emptyCarry(): Carry {
  return { parts: [], bytes: 0, overlong: false };
}

function keep(carry: Carry, part: Buffer): void {
  if (carry.overlong) return;
  carry.bytes += part.length;
  if (carry.bytes > MAX_LINE_BYTES) {
    carry.overlong = true;
    carry.parts = [];
    return;
  }
  // Copied: the producer may reuse its buffer for the next read.
  carry.parts.push(Buffer.from(part));
}

function release(carry: Carry, tail: Buffer): Buffer {
  if (carry.overlong) return OVERLONG_BYTES;
  return Buffer.concat([...carry.parts, tail]);
}

/** buffer[from, end) (whole lines) as chunks of about CHUNK_BYTES, cut after a newline. */
function wholeLineSlices(buffer: Buffer, from: number, end: number, into: Buffer[]): void {
  let start = from;
  while (start < end) {
    let cut = end;
    if (end - start > CHUNK_BYTES) {
      const newline = buffer.lastIndexOf(10, start + CHUNK_BYTES - 1);
      cut = newline >= start ? newline + 1 : buffer.indexOf(10, start + CHUNK_BYTES) + 1;
    }
    into.push(buffer.subarray(start, cut));
    start = cut;
  }
}

/**
 * The whole lines of each read as byte ranges of about CHUNK_BYTES, one batch per read, each
 * range decoded (decodeLines) only when its turn comes: decoded all at once, a batch's strings
 * outlived a scavenge and were copied into the old generation (peak RSS up by a fourth).
 * Yielding once per read (about 1 MB) rather than once per chunk resumes this generator too few
 * times for V8 to compile it: on a 400 MB file it was compiled (twice) on every thread, about
 * 40 ms of CPU each time, while the threads were still running slow code. A batch's ranges may
 * be views of the read's buffer: use them before asking for the next batch.
 */
export async function* lineBatches(buffers: AsyncIterable<Buffer>): AsyncGenerator<Buffer[]> {
  let carry = emptyCarry();
  for await (const buffer of buffers) {
    const batch: Buffer[] = [];
    let from = 0;
    if (carry.bytes > 0 || carry.overlong) {
      const newline = buffer.indexOf(10);
      if (newline === -1) {
        keep(carry, buffer);
        continue;
      }
      batch.push(release(carry, buffer.subarray(0, newline + 1)));
      carry = emptyCarry();
      from = newline + 1;
    }
    const last = buffer.lastIndexOf(10);
    wholeLineSlices(buffer, from, last + 1, batch);
    const restFrom = Math.max(from, last + 1);
    if (restFrom < buffer.length) keep(carry, buffer.subarray(restFrom));
    if (batch.length > 0) yield batch;
  }
  if (carry.bytes > 0 || carry.overlong) yield [release(carry, Buffer.alloc(0))];
}
