import { latin1ToUtf8, skipBlanks } from './text.js';

/**
 * Reading one key's value straight from a raw JSON line, without JSON.parse: the digest's hot
 * path's fallback for keys the line regex did not capture (JSON.parse of every line of a 400 MB
 * file costs several seconds).
 */

/** Returned when the line cannot be read this way; the caller falls back to JSON.parse. */
export const AMBIGUOUS = Symbol('ambiguous');
export type ScannedValue = string | number | boolean | null | undefined | typeof AMBIGUOUS;

/**
 * Position of `needle` (`"key"`) in the line: -1 when absent, -2 when it occurs twice (the
 * line has the same name at two paths, so a fast read would be a guess).
 */
export function findKey(line: string, needle: string): number {
  const at = line.indexOf(needle);
  if (at === -1) return -1;
  return line.indexOf(needle, at + needle.length) === -1 ? at : -2;
}

/**
 * A JSON number's text as a number: digits and one decimal point by hand (the common case,
 * several times cheaper than Number() for 13-digit epoch times), anything else via Number().
 */
export function parseJsonNumber(raw: string): number {
  let i = 0;
  const negative = raw.charCodeAt(0) === 45;
  if (negative) i++;
  let value = 0;
  let scale = 0;
  for (; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (scale !== 0) scale *= 10;
    } else if (c === 46 && scale === 0) scale = 1;
    else return Number(raw);
  }
  if (scale > 1) value /= scale;
  return negative ? -value : value;
}

/** A captured JSON scalar (`"text"`, `12.5`, `true`, `null`) as a value. */
export function scalarOf(raw: string): ScannedValue {
  if (raw.charCodeAt(0) === 34) return latin1ToUtf8(raw.slice(1, -1));
  if (raw === 'null') return null;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  const value = Number(raw);
  return Number.isNaN(value) ? AMBIGUOUS : value;
}

function readNumber(chunk: string, at: number, end: number): number | typeof AMBIGUOUS {
  let i = at;
  let negative = false;
  if (chunk.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  let value = 0;
  const digitsFrom = i;
  for (; i < end; i++) {
    const c = chunk.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
  }
  if (i === digitsFrom) return AMBIGUOUS;
  const next = chunk.charCodeAt(i);
  if (next === 46 || next === 101 || next === 69) return readDecimal(chunk, at, end);
  return negative ? -value : value;
}

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}

function readDecimal(chunk: string, at: number, end: number): number | typeof AMBIGUOUS {
  let i = at;
  while (i < end && isNumberChar(chunk.charCodeAt(i))) i++;
  const value = Number(chunk.slice(at, i));
  return Number.isNaN(value) ? AMBIGUOUS : value;
}

function readString(chunk: string, at: number, end: number): string | typeof AMBIGUOUS {
  let from = at + 1;
  let escaped = false;
  for (;;) {
    const quote = chunk.indexOf('"', from);
    if (quote === -1 || quote >= end) return AMBIGUOUS;
    let backslashes = 0;
    while (chunk.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes === 0 && !escaped) {
      const raw = chunk.slice(at + 1, quote);
      return raw.includes('\\') ? unescapeJsonString(`"${raw}"`) : latin1ToUtf8(raw);
    }
    if (backslashes % 2 === 0) return unescapeJsonString(chunk.slice(at, quote + 1));
    escaped = true;
    from = quote + 1;
  }
}

function unescapeJsonString(quoted: string): string | typeof AMBIGUOUS {
  try {
    return JSON.parse(latin1ToUtf8(quoted)) as string;
  } catch {
    return AMBIGUOUS;
  }
}

/** The value after the key found at `keyAt`: a primitive, or AMBIGUOUS for objects and oddities. */
export function readValueAt(chunk: string, keyAt: number, needleLength: number, end: number): ScannedValue {
  if (chunk.charCodeAt(keyAt - 1) === 92) return AMBIGUOUS;
  let at = skipBlanks(chunk, keyAt + needleLength, end);
  if (chunk.charCodeAt(at) !== 58) return AMBIGUOUS;
  at = skipBlanks(chunk, at + 1, end);
  const c = chunk.charCodeAt(at);
  if (c === 34) return readString(chunk, at, end);
  if (c === 45 || (c >= 48 && c <= 57)) return readNumber(chunk, at, end);
  if (chunk.startsWith('null', at)) return null;
  if (chunk.startsWith('true', at)) return true;
  if (chunk.startsWith('false', at)) return false;
  return AMBIGUOUS;
}
