import { readSync } from 'node:fs';
import { byteReaderFor, digestChunks, digestScanned } from './byte-digest.js';
import type { ChunkState, DigestTarget } from './chunk-digest.js';
import { lineBatches } from './chunk-lines.js';
import { unreadable, type LogInput } from './input.js';
import type { LineParser } from './line-parser.js';

/**
 * A range of a plain file read straight into the byte scanner's input, a loop of synchronous
 * reads with no buffer in between: the kernel's copy lands in the same small region every time
 * (it stays in cache), and nothing is copied again. Whatever the scanner cannot take (no
 * scanner, a line longer than its input) is read the general way from that line on.
 */

export async function digestFileRange(input: LogInput, range: { start: number; end: number }, parser: LineParser, state: ChunkState, target: DigestTarget): Promise<void> {
  const reader = byteReaderFor(parser);
  const fd = input.file?.handle.fd;
  if (reader === null || fd === undefined) {
    await digestChunks(lineBatches(input.read(range.start, range.end)), parser, state, target);
    return;
  }
  const bytes = reader.scanner.input;
  let position = range.start;
  /** Bytes of an unfinished line at the start of the input. */
  let carry = 0;
  while (position < range.end) {
    const read = readInto(input.path, fd, bytes, carry, Math.min(bytes.length - carry, range.end - position), position);
    if (read === 0) break;
    position += read;
    const length = carry + read;
    const whole = position >= range.end ? length : bytes.lastIndexOf(10, length - 1) + 1;
    if (whole === 0) {
      // One line fills the whole input: from its start on, the general way.
      await digestChunks(lineBatches(input.read(position - length, range.end)), parser, state, target);
      return;
    }
    digestScanned(bytes, whole, reader, parser, state, target);
    if (state.stopped) return;
    carry = length - whole;
    bytes.copyWithin(0, whole, length);
  }
  if (carry > 0) digestScanned(bytes, carry, reader, parser, state, target);
}

/** readSync, failing the way every other read of a log fails (one sentence, the path named). */
function readInto(path: string, fd: number, bytes: Buffer, at: number, length: number, position: number): number {
  try {
    return readSync(fd, bytes, at, length, position);
  } catch (error) {
    throw unreadable(path, error);
  }
}
