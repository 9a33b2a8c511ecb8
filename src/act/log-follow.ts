import { open, stat } from 'node:fs/promises';
import { DETECTION_LINES, detectFormat } from '../evidence/logs/detect.js';
import { parseOneLine, type LineParser } from '../evidence/logs/line-parser.js';
import type { LogRecord } from '../evidence/types.js';
import { emptyLogWindow, type LogWindow } from './recovery.js';

/**
 * Following a growing log file from its current end, like `tail -F`: each poll reads what was
 * appended since, through the same format detection and line parsers as the digest. A file that
 * shrinks or is replaced (rotation) is read again from its start.
 */

const TAIL_BYTES = 64 * 1024;
/** A burst bigger than this per poll is read from its newest part: the watch needs a rate, not every line. */
const MAX_READ_BYTES = 8 * 1024 * 1024;
const MAX_LATENCIES = 2000;
const RETRY = /\bretr(?:y|ying|ies|ied)\b|\bbackoff\b/i;

export interface LogFollower {
  path: string;
  poll(): Promise<LogWindow>;
}

async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(end - start);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function countRecord(window: LogWindow, record: LogRecord): void {
  const isError = (record.status !== null && record.status >= 500) || record.level === 'error' || record.level === 'fatal';
  const isRequest = record.status !== null || record.route !== null || record.method !== null;
  window.lines++;
  if (record.message !== null && RETRY.test(record.message)) window.retryLines++;
  if (!isRequest) {
    if (isError) window.errorLines++;
    return;
  }
  window.requests++;
  if (isError) {
    window.errors++;
    if (record.route) window.errorRoutes[record.route] = (window.errorRoutes[record.route] ?? 0) + 1;
  } else if (record.latencyMs !== null && window.latencies.length < MAX_LATENCIES) {
    window.latencies.push(record.latencyMs);
  }
}

export async function followLogFile(path: string, now: () => number = Date.now): Promise<LogFollower> {
  const first = await stat(path);
  let offset = first.size;
  let inode = first.ino;
  let partial = '';
  let parser: LineParser | null = null;
  const tailStart = Math.max(0, offset - TAIL_BYTES);
  // Read from inside the file, the first line is a fragment; the last one may still be growing.
  const tail = (await readRange(path, tailStart, offset)).toString('utf8').split('\n').slice(tailStart > 0 ? 1 : 0, -1);
  if (tail.some((l) => l.trim())) parser = detectFormat(tail.slice(-DETECTION_LINES), now());

  return {
    path,
    async poll(): Promise<LogWindow> {
      const window = emptyLogWindow();
      const info = await stat(path).catch(() => null);
      if (!info) return window;
      if (info.ino !== inode || info.size < offset) {
        inode = info.ino;
        offset = 0;
        partial = '';
      }
      if (info.size === offset) return window;
      const start = Math.max(offset, info.size - MAX_READ_BYTES);
      const text = partial + (await readRange(path, start, info.size)).toString('utf8');
      offset = info.size;
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      if (!lines.some((l) => l.trim())) return window;
      parser ??= detectFormat(lines.slice(0, DETECTION_LINES * 4), now());
      for (const line of lines) {
        if (!line.trim()) continue;
        const record = parseOneLine(parser, line);
        if (record) countRecord(window, record);
      }
      return window;
    },
  };
}
