/**
 * `git cat-file --batch` reads many `<rev>:<path>` contents in one process. Its output is
 * byte-counted (`<oid> blob <size>\n<content>\n`, or `<request> missing\n`), so it is parsed
 * from a Buffer, not a string.
 */

/** Blobs bigger than this are treated as unreadable: a lockfile this large is not worth diffing. */
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

export function catFileRequest(rev: string, path: string): string | null {
  return path.includes('\n') ? null : `${rev}:${path}`;
}

/** One content (or null when missing, not a blob, or too big) per request, in request order. */
export function parseCatFileBatch(output: Buffer, requests: string[]): Map<string, string | null> {
  const contents = new Map<string, string | null>();
  let offset = 0;
  for (const request of requests) {
    const lineEnd = output.indexOf(0x0a, offset);
    if (lineEnd === -1) break;
    const header = output.toString('utf8', offset, lineEnd);
    offset = lineEnd + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      contents.set(request, null);
      continue;
    }
    const size = Number(match[2]);
    const isBlob = match[1] === 'blob' && size <= MAX_BLOB_BYTES;
    contents.set(request, isBlob ? output.toString('utf8', offset, offset + size) : null);
    offset += size + 1;
  }
  return contents;
}
