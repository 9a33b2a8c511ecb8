import { createReadStream, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../errors.js';

/**
 * Opening a log input: a path (gzip recognised by its magic bytes or `.gz`) or `-` for stdin.
 * A plain regular file also exposes its handle and size, which seeking needs.
 */

export interface LogInput {
  path: string;
  /** Handle and size of a regular, uncompressed file; null for gzip and stdin. */
  file: { handle: FileHandle; size: number } | null;
  /**
   * Bytes [start, end) of a plain file, or everything (gzip, stdin). A plain file's buffers are
   * reused: each one must be consumed before the next is asked for.
   */
  read(start: number, end?: number): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

const READ_CHUNK_BYTES = 1024 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];

export function unreadable(path: string, cause: unknown): InputError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a directory', EACCES: 'permission denied' };
  const reason = (code === undefined ? undefined : reasons[code]) ?? (cause as Error | undefined)?.message ?? 'unknown error';
  return new InputError(`Cannot read the log file ${path}: ${reason}.`, { hint: 'Check that the log path exists and is readable.', cause });
}

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

async function* reportingErrors(path: string, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const buffer of source) yield buffer;
  } catch (error) {
    throw error instanceof InputError ? error : unreadable(path, error);
  }
}

/**
 * Positional reads into one reused buffer. A stream allocates a fresh buffer per read (whose
 * page faults cost more than the copy itself) and goes through the thread pool; a regular
 * file's read is a copy from the page cache, cheaper done here than handed to another thread
 * the reader then waits for (on two busy cores, that thread has to find a core first).
 */
async function* readRange(handle: FileHandle, start: number, end: number): AsyncGenerator<Buffer> {
  if (end <= start) return;
  const buffer = Buffer.allocUnsafeSlow(Math.min(READ_CHUNK_BYTES, end - start));
  for (let at = start; at < end; ) {
    const bytesRead = readSync(handle.fd, buffer, 0, Math.min(buffer.length, end - at), at);
    if (bytesRead === 0) return;
    at += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

async function openFile(path: string): Promise<LogInput> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const stats = await handle.stat();
    if (stats.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    const gzip = isGzip(head) || path.endsWith('.gz');
    const plain = !gzip && stats.isFile();
    const opened = handle;
    const stream = (start: number, end?: number): Readable =>
      createReadStream(path, { start, end: end === undefined ? undefined : end - 1, highWaterMark: READ_CHUNK_BYTES });
    const bytes = (start: number, end?: number): AsyncIterable<Buffer> => {
      if (gzip) return stream(0).pipe(createGunzip());
      // Without an end, to the end of file as it is then (a live log may have grown since).
      return plain ? readRange(opened, start, end ?? Number.POSITIVE_INFINITY) : stream(start, end);
    };
    return {
      path,
      file: plain ? { handle, size: stats.size } : null,
      read: (start, end) => reportingErrors(path, bytes(start, end)),
      close: () => (handle as FileHandle).close(),
    };
  } catch (error) {
    await handle?.close();
    throw unreadable(path, error);
  }
}

/** stdin, gunzipped when its first bytes are gzip's magic number. */
function openStdin(stdin: NodeJS.ReadableStream): LogInput {
  async function* bytes(): AsyncGenerator<Buffer> {
    const iterator = (stdin as Readable)[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done === true) return;
    const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(String(first.value));
    const replay = Readable.from((async function* () {
      yield head;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
        yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
      }
    })());
    yield* isGzip(head) ? replay.pipe(createGunzip()) : replay;
  }
  return { path: '-', file: null, read: () => reportingErrors('-', bytes()), close: async () => undefined };
}

export async function openLogInput(path: string, stdin: NodeJS.ReadableStream | undefined): Promise<LogInput> {
  return path === '-' ? openStdin(stdin ?? process.stdin) : openFile(path);
}
