// AssemblyScript, compiled to dist/wasm/line-scan.wasm by `npm run build` (not by tsc).
//
// The JSON-lines fast path over raw bytes: for each line of a range, find the layout's keys in
// the order the line regex (src/evidence/logs/json-line-regex.ts) looks for them and report
// where each value is, exactly as that regex would capture it, or say the line must go the JS
// way (deferred). It never decides a field's meaning: the JS side converts every value with
// the same functions as the regex path, so a line it accepts gives the same record either way,
// and any line it is unsure of is parsed by the JS parser as before.
//
// Why WebAssembly: the regex path decodes every byte into a string, builds a 27-group result
// per line and copies values into strings, and V8's per-line costs there are fixed. Here the
// keys are found 32 bytes at a time (SIMD compares on a key's quote and its rarest byte), strings
// end 16 bytes at a time, numbers are read straight from the bytes, and repeated strings (hosts,
// messages, route shapes) are interned so JS sees a small id instead of a string.
//
// Memory: JS grows it once and lays out the regions (init); nothing here allocates.

// Line statuses.
const LINE_OK: i32 = 0;
const LINE_DEFER: i32 = 1;
const LINE_BLANK: i32 = 2;

// What a part's value became.
const KIND_MISSING: i32 = 0;
const KIND_NUMBER: i32 = 1;
const KIND_ID: i32 = 2;
const KIND_RANGE: i32 = 3;

// How a part's value is matched (json-line-regex.ts's SPLIT_INTEGER, NUMBER, STRING, ANY).
const VALUE_SPLIT: i32 = 0;
const VALUE_NUMBER: i32 = 1;
const VALUE_STRING: i32 = 2;
const VALUE_ANY: i32 = 3;

// How a string value is interned.
const INTERN_NONE: i32 = 0;
const INTERN_RAW: i32 = 1;
const INTERN_ROUTE: i32 = 2;

const HEADER_BYTES: usize = 32;
const PART_BYTES: usize = 32;
const ABSENT_BYTES: usize = 16;
const MAX_KEY_BYTES: usize = 128;
const ROUTE_ID_MARK: u8 = 1;

let program: usize = 0;
let input: usize = 0;
let meta: usize = 0;
let numbers: usize = 0;
let scratch: usize = 0;
let maxLines: i32 = 0;
let partCount: i32 = 0;
let flexibleSeparator: bool = false;
let absentCount: i32 = 0;
let errorNeedle: usize = 0;
let errorLength: usize = 0;
let errorRare: usize = 0;
let next: i32 = 0;
let errorEnd: i32 = 0;
/** The current line's end (its newline), once a search has run into it; 0 until then. */
let lineEnd: usize = 0;

// The last value matched (matchValue).
let valueStart: usize = 0;
let valueEnd: usize = 0;
let valueNumber: f64 = 0;
let valueIsNumber: bool = false;

export function heapBase(): usize {
  return __heap_base;
}

/**
 * program (i32 words): [0] parts, [1] flexible separator (`\s*:\s*`), [2] absent needles, [3]
 * [4] [5] the error text's key (needle, length, rare index; 0 when none), then at HEADER_BYTES
 * the parts (PART_BYTES each: needle, needle length, rare byte index, value mode, intern mode,
 * intern table), then the absent needles (ABSENT_BYTES each: needle, length, rare index).
 */
export function init(programAt: usize, inputAt: usize, metaAt: usize, numbersAt: usize, scratchAt: usize, lines: i32): void {
  program = programAt;
  input = inputAt;
  meta = metaAt;
  numbers = numbersAt;
  scratch = scratchAt;
  maxLines = lines;
  partCount = load<i32>(program);
  flexibleSeparator = load<i32>(program, 4) != 0;
  absentCount = load<i32>(program, 8);
  errorNeedle = <usize>load<i32>(program, 12);
  errorLength = <usize>load<i32>(program, 16);
  errorRare = <usize>load<i32>(program, 20);
}

/** Where the next scan starts, after the last line reported. */
export function nextStart(): i32 {
  return next;
}

/** An empty open-addressing table of `slots` (a power of two) and `arenaBytes` of key bytes. */
export function resetTable(table: usize, slots: i32, arenaBytes: i32): void {
  const slotsAt = table + 32;
  memory.fill(slotsAt, 0, <usize>slots * 16);
  store<i32>(table, slots - 1);
  store<i32>(table, 0, 4);
  store<i32>(table, slots >> 1, 8);
  store<i32>(table, <i32>(slotsAt + <usize>slots * 16), 12);
  store<i32>(table, <i32>(slotsAt + <usize>slots * 16 + <usize>arenaBytes), 16);
}

@inline function isDigit(c: u32): bool {
  return c - 48 <= 9;
}

/** `[\d.eE+-]`: what may continue a JSON number in the line regex. */
@inline function isNumberChar(c: u32): bool {
  return c - 48 <= 9 || c == 46 || c == 101 || c == 69 || c == 43 || c == 45;
}

/**
 * `\s` on a latin1-decoded line, newline aside (no line holds one): tab, vertical tab, form
 * feed, carriage return, space, and no-break space (0xa0).
 */
@inline function isSpace(c: u32): bool {
  return c == 32 || c == 9 || c - 11 <= 2 || c == 160;
}

function sameBytes(a: usize, b: usize, n: usize): bool {
  let i: usize = 0;
  while (i + 8 <= n) {
    if (load<u64>(a + i) != load<u64>(b + i)) return false;
    i += 8;
  }
  while (i < n) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
    i++;
  }
  return true;
}

/** Position of the first `byte` from `from` on (there always is one: scan() puts a newline after the range). */
function findByte(from: usize, byte: u8): usize {
  const wanted = i8x16.splat(byte);
  let at = from;
  while (true) {
    const mask = i8x16.bitmask(i8x16.eq(v128.load(at), wanted));
    if (mask != 0) return at + <usize>ctz(mask);
    at += 16;
  }
}

/**
 * Start of the first whole `needle` from `from` on in the current line, or 0 (then lineEnd is
 * where the line ends). 32 bytes at a time: a candidate has the needle's first byte (its
 * quote) where it starts and its rare byte where that goes, and only candidates before the
 * line's newline count (the same bytes are checked for it), so a search never leaves its line.
 */
function findNeedle(from: usize, needle: usize, length: usize, rare: usize): usize {
  const first = i8x16.splat(load<u8>(needle));
  const wanted = i8x16.splat(load<u8>(needle + rare));
  const newline = i8x16.splat(10);
  let at = from;
  while (true) {
    const head0 = v128.load(at);
    const head1 = v128.load(at, 16);
    const low = i8x16.bitmask(v128.and(i8x16.eq(head0, first), i8x16.eq(v128.load(at + rare), wanted)));
    const high = i8x16.bitmask(v128.and(i8x16.eq(head1, first), i8x16.eq(v128.load(at + rare, 16), wanted)));
    let mask = low | (high << 16);
    const newlines = i8x16.bitmask(i8x16.eq(head0, newline)) | (i8x16.bitmask(i8x16.eq(head1, newline)) << 16);
    if (newlines != 0) mask &= (1 << ctz(newlines)) - 1;
    while (mask != 0) {
      const candidate = at + <usize>ctz(mask);
      if (sameBytes(candidate, needle, length)) return candidate;
      mask &= mask - 1;
    }
    if (newlines != 0) {
      lineEnd = at + <usize>ctz(newlines);
      return 0;
    }
    at += 32;
  }
}

/** The current line's end, found from `from` on when no search has met it yet. */
function endOfLine(from: usize): usize {
  if (lineEnd == 0) lineEnd = findByte(from, 10);
  return lineEnd;
}

// Every line ends with a newline (scan() puts one after the range), which no matcher accepts:
// they need no end bound.

/** `"[^"\\\n]*"` at `at`: the position after the closing quote, or 0. Looks at 16 bytes at a time. */
function matchString(at: usize): usize {
  if (load<u8>(at) != 34) return 0;
  const quote = i8x16.splat(34);
  const backslash = i8x16.splat(92);
  const newline = i8x16.splat(10);
  let i = at + 1;
  while (true) {
    const bytes = v128.load(i);
    const stops = i8x16.bitmask(v128.or(v128.or(i8x16.eq(bytes, quote), i8x16.eq(bytes, backslash)), i8x16.eq(bytes, newline)));
    if (stops != 0) {
      const stop = i + <usize>ctz(stops);
      return load<u8>(stop) == 34 ? stop + 1 : 0;
    }
    i += 16;
  }
  return 0;
}

/** `-?\d[\d.eE+-]*` at `at`: the position after it, or 0. */
function matchNumber(at: usize): usize {
  let i = at;
  if (load<u8>(i) == 45) i++;
  if (!isDigit(load<u8>(i))) return 0;
  i++;
  while (isNumberChar(load<u8>(i))) i++;
  return i;
}

/**
 * `-?\d[\d.eE+-]*` at `at` (the position after it, or 0), read in the same pass as
 * parseJsonNumber (json-scan.ts) reads it: the same double operations in the same order, so the
 * same value. valueIsNumber is false where parseJsonNumber would fall back to Number()
 * (exponents, two points); JS then reads the text.
 */
function matchAndReadNumber(at: usize): usize {
  let i = at;
  const negative = load<u8>(i) == 45;
  if (negative) i++;
  if (!isDigit(load<u8>(i))) return 0;
  let value: f64 = 0;
  let scale: f64 = 0;
  let plain = true;
  while (true) {
    const c = <u32>load<u8>(i);
    if (isDigit(c)) {
      value = value * 10 + <f64>(c - 48);
      if (scale != 0) scale *= 10;
    } else if (c == 46 && scale == 0) scale = 1;
    else if (isNumberChar(c)) plain = false;
    else break;
    i++;
  }
  if (plain) {
    if (scale > 1) value /= scale;
    valueNumber = negative ? -value : value;
    valueIsNumber = true;
  }
  return i;
}

/** `(-?\d{1,9})(\d{0,6})(?![\d.eE+-])`: 1 to 15 digits read as splitInteger reads them. */
function matchSplitInteger(at: usize): usize {
  let i = at;
  const negative = load<u8>(i) == 45;
  if (negative) i++;
  const digits = i;
  let value: f64 = 0;
  while (true) {
    const c = <u32>load<u8>(i);
    if (!isDigit(c)) break;
    value = value * 10 + <f64>(c - 48);
    i++;
  }
  const count = i - digits;
  if (count < 1 || count > 15 || isNumberChar(load<u8>(i))) return 0;
  valueNumber = negative ? -value : value;
  return i;
}

/** `true`, `false` or `null` at `at` (their bytes little-endian): a newline in them fails the compare. */
@inline function isWord(at: usize, word: u32): bool {
  return load<u32>(at) == word;
}

/** The part's value at `at` (after the separator): the position after it, or 0 when it does not match. */
function matchValue(at: usize, mode: i32): usize {
  valueIsNumber = false;
  if (mode == VALUE_STRING) {
    const after = matchString(at);
    valueStart = at + 1;
    valueEnd = after - 1;
    return after;
  }
  if (mode == VALUE_SPLIT) {
    const after = matchSplitInteger(at);
    valueStart = at;
    valueEnd = after;
    valueIsNumber = true;
    return after;
  }
  if (mode == VALUE_NUMBER) {
    const after = matchAndReadNumber(at);
    valueStart = at;
    valueEnd = after;
    return after;
  }
  // VALUE_ANY: the whole scalar's text (a string with its quotes), read by JS.
  let after: usize = 0;
  const c = <u32>load<u8>(at);
  if (c == 34) after = matchString(at);
  else if (c == 45 || isDigit(c)) after = matchNumber(at);
  else if (isWord(at, 0x65757274)) after = at + 4; // true
  else if (isWord(at, 0x736c6166) && load<u8>(at, 4) == 101) after = at + 5; // false
  else if (isWord(at, 0x6c6c756e)) after = at + 4; // null
  valueStart = at;
  valueEnd = after;
  return after;
}

/** After `"key"` at `at`: the separator, then where the value starts; 0 when no separator. */
function afterSeparator(at: usize): usize {
  let i = at;
  if (flexibleSeparator) while (isSpace(load<u8>(i))) i++;
  if (load<u8>(i) != 58) return 0;
  i++;
  if (flexibleSeparator) while (isSpace(load<u8>(i))) i++;
  return i;
}

function hashBytes(at: usize, length: usize): u32 {
  let hash: u32 = 0x811c9dc5 ^ <u32>length;
  let i: usize = 0;
  while (i + 4 <= length) {
    hash = (hash ^ load<u32>(at + i)) * 0x01000193;
    hash ^= hash >> 15;
    i += 4;
  }
  while (i < length) {
    hash = (hash ^ <u32>load<u8>(at + i)) * 0x01000193;
    i++;
  }
  hash ^= hash >> 16;
  hash *= 0x85ebca6b;
  hash ^= hash >> 13;
  return hash;
}

/** The id of the bytes [at, at + length) in `table`, added when new; -1 when the table is full. */
function intern(table: usize, at: usize, length: usize): i32 {
  if (length > MAX_KEY_BYTES) return -1;
  const hash = hashBytes(at, length);
  const mask = <u32>load<i32>(table);
  const slots = table + 32;
  let index = hash & mask;
  while (true) {
    const slot = slots + <usize>index * 16;
    const id = load<i32>(slot, 12);
    if (id == 0) {
      const count = load<i32>(table, 4);
      const arena = <usize>load<i32>(table, 12);
      if (count >= load<i32>(table, 8) || arena + length > <usize>load<i32>(table, 16)) return -1;
      memory.copy(arena, at, length);
      store<u32>(slot, hash);
      store<i32>(slot, <i32>arena, 4);
      store<i32>(slot, <i32>length, 8);
      store<i32>(slot, count + 1, 12);
      store<i32>(table, count + 1, 4);
      store<i32>(table, <i32>(arena + length), 12);
      return count;
    }
    if (load<u32>(slot) == hash && <usize>load<i32>(slot, 8) == length && sameBytes(<usize>load<i32>(slot, 4), at, length)) return id - 1;
    index = (index + 1) & mask;
  }
}

/** Where the last routeShape() key is: the url itself, or scratch. */
let shapeAt: usize = 0;

/**
 * A url's route shape: its path (up to `?`, `#` or `;`) with each all-digit segment replaced by
 * one mark byte, as a key for intern(). Urls with the same shape normalize to the same route
 * (normalizeRoute in route.ts): all-digit segments always become `:id`, and segments without
 * digits or `@` are kept as they are. Anything else (a segment with some digits, `@`, a control
 * byte such as the mark, a byte above 0x7f, a url not starting with `/`) returns -1, and JS
 * normalizes that url itself. A path without digits is its own key, found 16 bytes at a time.
 */
function routeShape(from: usize, end: usize): i32 {
  if (from >= end || load<u8>(from) != 47) return -1;
  const zero = i8x16.splat(48);
  const ten = i8x16.splat(10);
  const space = i8x16.splat(32);
  for (let i = from; i < end; i += 16) {
    const bytes = v128.load(i);
    const valid = end - i >= 16 ? 0xffff : (1 << <i32>(end - i)) - 1;
    const ends = i8x16.bitmask(v128.or(v128.or(i8x16.eq(bytes, i8x16.splat(63)), i8x16.eq(bytes, i8x16.splat(35))), i8x16.eq(bytes, i8x16.splat(59)))) & valid;
    // Digits, `@`, control bytes and bytes above 0x7f (negative as signed).
    let unusual = i8x16.bitmask(
      v128.or(v128.or(i8x16.lt_u(i8x16.sub(bytes, zero), ten), i8x16.eq(bytes, i8x16.splat(64))), v128.or(i8x16.lt_u(bytes, space), i8x16.lt_s(bytes, i8x16.splat(0)))),
    ) & valid;
    if (ends != 0) unusual &= (1 << ctz(ends)) - 1;
    if (unusual != 0) return shapeWithIds(from, end);
    if (ends != 0) return keyOfPath(from, i + <usize>ctz(ends));
  }
  return keyOfPath(from, end);
}

function keyOfPath(from: usize, end: usize): i32 {
  if (end - from > MAX_KEY_BYTES) return -1;
  shapeAt = from;
  return <i32>(end - from);
}

/** routeShape of a path with digits (or a byte that makes it give up), one byte at a time into scratch. */
function shapeWithIds(from: usize, end: usize): i32 {
  let out: usize = 0;
  let segmentOut: usize = 0;
  let segmentLength: usize = 0;
  let digits: usize = 0;
  for (let i = from; i <= end; i++) {
    const c = i < end ? <u32>load<u8>(i) : 63;
    if (c == 47 || c == 63 || c == 35 || c == 59) {
      if (digits > 0) {
        if (digits != segmentLength) return -1;
        out = segmentOut;
        store<u8>(scratch + out, ROUTE_ID_MARK);
        out++;
      }
      if (c != 47) break;
      if (out >= MAX_KEY_BYTES) return -1;
      store<u8>(scratch + out, 47);
      out++;
      segmentOut = out;
      segmentLength = 0;
      digits = 0;
      continue;
    }
    if (c >= 128 || c < 32 || c == 64 || out >= MAX_KEY_BYTES) return -1;
    if (isDigit(c)) digits++;
    segmentLength++;
    store<u8>(scratch + out, <u8>c);
    out++;
  }
  shapeAt = scratch;
  return <i32>out;
}

/** A part's value was not captured: the JS path then looks its key up anywhere in the line. */
function missingEverywhere(start: usize, needle: usize, length: usize, rare: usize): bool {
  return findNeedle(start + 1, needle, length, rare) == 0;
}

/** Finds each part's value in its turn; LINE_DEFER when the JS parser must read the line. */
function scanLine(start: usize, metaAt: usize, numbersAt: usize): i32 {
  lineEnd = 0;
  const first = load<u8>(start);
  if (first == 10 || (first == 13 && load<u8>(start, 1) == 10)) {
    endOfLine(start);
    return LINE_BLANK;
  }
  if (first != 123) {
    endOfLine(start);
    return LINE_DEFER;
  }
  let position = start + 1;
  const parts = program + HEADER_BYTES;
  for (let p = 0; p < partCount; p++) {
    const part = parts + <usize>p * PART_BYTES;
    const needle = <usize>load<i32>(part);
    const length = <usize>load<i32>(part, 4);
    const rare = <usize>load<i32>(part, 8);
    const mode = load<i32>(part, 12);
    let at = findNeedle(position, needle, length, rare);
    let after: usize = 0;
    while (at != 0) {
      const value = afterSeparator(at + length);
      if (value != 0) after = matchValue(value, mode);
      if (after != 0) break;
      at = findNeedle(at + 1, needle, length, rare);
    }
    const out = metaAt + 12 + <usize>p * 16;
    if (after == 0) {
      // Not captured: fine when the key is nowhere in the line (the field stays empty).
      if (!missingEverywhere(start, needle, length, rare)) {
        endOfLine(position);
        return LINE_DEFER;
      }
      store<i32>(out, KIND_MISSING);
      continue;
    }
    position = after;
    store<i32>(out, <i32>(valueStart - input), 8);
    store<i32>(out, <i32>(valueEnd - input), 12);
    if (valueIsNumber) {
      store<i32>(out, KIND_NUMBER);
      store<f64>(numbersAt + <usize>p * 8, valueNumber);
      continue;
    }
    const internMode = load<i32>(part, 16);
    let id: i32 = -1;
    if (internMode == INTERN_RAW) id = intern(<usize>load<i32>(part, 20), valueStart, valueEnd - valueStart);
    else if (internMode == INTERN_ROUTE) {
      const shape = routeShape(valueStart, valueEnd);
      if (shape >= 0) id = intern(<usize>load<i32>(part, 20), shapeAt, <usize>shape);
    }
    store<i32>(out, id >= 0 ? KIND_ID : KIND_RANGE);
    store<i32>(out, id, 4);
  }
  // The object must end the line, or end it before a CRLF file's carriage return (the JS parser
  // trims that one, and reads lines with other blanks around them itself).
  let last = endOfLine(position) - 1;
  if (load<u8>(last) == 13) last--;
  if (load<u8>(last) != 125) return LINE_DEFER;
  // Keys the regex does not read are looked up anywhere in the line by JS: only their absence is certain here.
  const absent = parts + <usize>partCount * PART_BYTES;
  for (let a = 0; a < absentCount; a++) {
    const needle = absent + <usize>a * ABSENT_BYTES;
    if (!missingEverywhere(start, <usize>load<i32>(needle), <usize>load<i32>(needle, 4), <usize>load<i32>(needle, 8))) return LINE_DEFER;
  }
  return LINE_OK;
}

/**
 * Scans the lines of input[from, end) (whole lines; the last may lack its newline) into meta:
 * per line [status, start, end] then per part [kind, id, value start, value end], and numbers:
 * per line one double per part. Returns how many lines; nextStart() says where to go on.
 */
export function scan(from: i32, end: i32): i32 {
  const stop = input + <usize>end;
  // Every line ends with a newline, the last one too: searches stop there without an end bound.
  const saved = load<u8>(stop);
  store<u8>(stop, 10);
  const metaBytes: usize = 12 + <usize>partCount * 16;
  let at = input + <usize>from;
  let lines: i32 = 0;
  while (at < stop && lines < maxLines) {
    const metaAt = meta + <usize>lines * metaBytes;
    store<i32>(metaAt, scanLine(at, metaAt, numbers + <usize>lines * <usize>partCount * 8));
    store<i32>(metaAt, <i32>(at - input), 4);
    store<i32>(metaAt, <i32>(lineEnd - input), 8);
    lines++;
    at = lineEnd + 1;
  }
  store<u8>(stop, saved);
  next = <i32>(at < stop ? at - input : <usize>end);
  return lines;
}

/**
 * readErrorFast (json-parser.ts) on the line input[start, end): the error text's key exactly
 * once, then `:` and a string without escapes. Returns where the text starts (errorTextEnd()
 * says where it ends), or -1 when the JS path would do anything else.
 */
export function errorText(start: i32, end: i32): i32 {
  if (errorNeedle == 0) return -1;
  const stop = input + <usize>end;
  const saved = load<u8>(stop);
  store<u8>(stop, 10);
  const result = findErrorText(input + <usize>start);
  store<u8>(stop, saved);
  return result;
}

export function errorTextEnd(): i32 {
  return errorEnd;
}

function findErrorText(start: usize): i32 {
  const at = findNeedle(start, errorNeedle, errorLength, errorRare);
  if (at == 0 || findNeedle(at + errorLength, errorNeedle, errorLength, errorRare) != 0) return -1;
  if (load<u8>(at - 1) == 92) return -1;
  let i = at + errorLength;
  while (load<u8>(i) == 32 || load<u8>(i) == 9) i++;
  if (load<u8>(i) != 58) return -1;
  i++;
  while (load<u8>(i) == 32 || load<u8>(i) == 9) i++;
  if (load<u8>(i) != 34) return -1;
  const text = i + 1;
  for (i = text; ; i++) {
    const c = load<u8>(i);
    if (c == 34) break;
    if (c == 92 || c == 10) return -1;
  }
  if (i == text) return -1;
  errorEnd = <i32>(i - input);
  return <i32>(text - input);
}
