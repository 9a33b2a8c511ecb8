/**
 * Chunks are decoded as latin1 (byte i = char i, about twice as fast as UTF-8 decoding and
 * every JSON key and syntax character is ASCII), so the few extracted values that carry
 * non-ASCII bytes are re-decoded as UTF-8 here.
 */
const NON_ASCII = /[\u0080-\u00ff]/;

export function latin1ToUtf8(value: string): string {
  return NON_ASCII.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value;
}

/** End of a line without its trailing `\r` (CRLF files). */
export function trimLineEnd(chunk: string, start: number, end: number): number {
  let at = end;
  while (at > start) {
    const c = chunk.charCodeAt(at - 1);
    if (c !== 13 && c !== 32 && c !== 9) break;
    at--;
  }
  return at;
}

/** Position of the first character that is not a space or tab, or `end`. */
export function skipBlanks(chunk: string, at: number, end: number): number {
  let i = at;
  while (i < end) {
    const c = chunk.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

/**
 * A flat copy of a string: it does not retain the chunk it was sliced from, and comparing or
 * hashing it stays in V8's fast path (a sliced string goes through the runtime, ~100 ns each).
 */
export function copyString(value: string): string {
  return value.length === 0 ? '' : Buffer.from(value, 'utf8').toString('utf8');
}
