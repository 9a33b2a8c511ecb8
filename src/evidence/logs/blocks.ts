import type { FileHandle } from 'node:fs/promises';

/**
 * Cutting a big file's byte range into blocks that reading threads claim one at a time. Blocks
 * shrink toward the end (an eighth of what is left, within bounds) so the threads finish close
 * together whatever their speed. The cuts depend only on the range, never on the threads or
 * their timing, and each block is digested on its own, so the digest is the same however the
 * blocks are shared out.
 */

const MAX_BLOCK_BYTES = 64 * 1024 * 1024;
const MIN_BLOCK_BYTES = 8 * 1024 * 1024;
/** A small range (tests) still gets a few blocks. */
const MIN_BLOCKS = 16;
/** Most lines are far shorter; a longer one takes more probes. */
const BOUNDARY_PROBE_BYTES = 4 * 1024;

/** Offset of the first line start at or after `offset` (or `end`). */
async function nextLineStart(handle: FileHandle, offset: number, end: number): Promise<number> {
  const buffer = Buffer.alloc(BOUNDARY_PROBE_BYTES);
  for (let at = offset; at < end; at += BOUNDARY_PROBE_BYTES) {
    const { bytesRead } = await handle.read(buffer, 0, BOUNDARY_PROBE_BYTES, at);
    const newline = buffer.subarray(0, bytesRead).indexOf(10);
    if (newline !== -1) return Math.min(end, at + newline + 1);
    if (bytesRead === 0) break;
  }
  return end;
}

/** Unaligned cut offsets: start, ..., end. */
export function blockCuts(start: number, end: number): number[] {
  const minimum = Math.max(1, Math.min(MIN_BLOCK_BYTES, Math.ceil((end - start) / MIN_BLOCKS)));
  const cuts = [start];
  for (let at = start; at < end; ) {
    const size = Math.min(MAX_BLOCK_BYTES, Math.max(minimum, Math.ceil((end - at) / 8)));
    at = Math.min(end, at + size);
    cuts.push(at);
  }
  return cuts;
}

/** Block bounds at line starts: block i is [bounds[i], bounds[i + 1]), never empty. */
export async function blockBounds(handle: FileHandle, start: number, end: number): Promise<number[]> {
  const cuts = blockCuts(start, end).slice(1, -1);
  const lineStarts = await Promise.all(cuts.map((cut) => nextLineStart(handle, cut - 1, end)));
  const bounds = [start];
  for (const at of lineStarts) {
    if (at > (bounds[bounds.length - 1] as number) && at < end) bounds.push(at);
  }
  bounds.push(end);
  return bounds;
}
