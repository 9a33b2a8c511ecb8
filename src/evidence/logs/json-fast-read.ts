import type { LogRecord } from '../types.js';
import type { LatencyUnit } from './json-layout.js';
import type { KnownField } from './json-known-values.js';
import type { KnownCapture, ValueKind } from './json-line-regex.js';
import { assignRole, UNIT_MS } from './json-record.js';
import { isUrlLike, toMethod, toStatus, type Role } from './json-roles.js';
import { AMBIGUOUS, findKey, parseJsonNumber, readValueAt, scalarOf } from './json-scan.js';
import { levelFromNumber, type Level } from './levels.js';
import { normalizeRoute } from './route.js';
import { latin1ToUtf8 } from './text.js';
import { epochToMs } from './timestamps.js';

/**
 * The JSON fast path: a line's fields from its line-regex captures (a number's text, a string's
 * contents, any scalar's text, a known value's marker), else straight from the line by key. It
 * runs for every field of every line: one loop and one switch on a per-source operation keep
 * the call sites monomorphic, and few functions keep down what every thread compiles before it
 * runs at full speed (a function per role cost more compiling than it saved).
 */

/** How a capture becomes a record field, decided once per source. */
type CaptureOp = 'time' | 'level' | 'status' | 'latency' | 'route' | 'method' | 'text' | 'generic';

export interface FieldReader {
  role: Role;
  kind: ValueKind;
  op: CaptureOp;
  path: string[];
  /** `"key"`, to find the field in a line the regex did not capture it from. */
  needle: string;
  /** Capture group of the line regex holding the value, or 0. */
  group: number;
  /** The integer is in two groups, `group` and `group + 1` (see LineRegex.split). */
  split: boolean;
  /** Marker groups of the field's known values (see json-known-values.ts). */
  known: KnownCapture[];
  unit: LatencyUnit;
}

const NUMBER_OPS: ReadonlySet<Role> = new Set<Role>(['time', 'level', 'status', 'latency']);
const TEXT_ROLES: ReadonlySet<Role> = new Set<Role>(['message', 'host', 'release']);

export function captureOp(role: Role, kind: ValueKind): CaptureOp {
  if (kind === 'number' && NUMBER_OPS.has(role)) return role as CaptureOp;
  if (kind === 'string' && (role === 'route' || role === 'method')) return role;
  if (kind === 'string' && TEXT_ROLES.has(role)) return 'text';
  return 'generic';
}

/** An integer captured as its leading digits and the rest: the same sums as parseJsonNumber of the whole. */
export function splitInteger(high: string, low: string): number {
  const negative = high.charCodeAt(0) === 45;
  let value = 0;
  for (let i = negative ? 1 : 0; i < high.length; i++) value = value * 10 + (high.charCodeAt(i) - 48);
  for (let i = 0; i < low.length; i++) value = value * 10 + (low.charCodeAt(i) - 48);
  return negative ? -value : value;
}

function textOf(raw: string, ascii: boolean): string {
  return ascii ? raw : latin1ToUtf8(raw);
}

/** Sets a message, host, release or route to its text. */
function assignText(out: LogRecord, role: Role, text: string | null): void {
  if (role === 'message') out.message = text;
  else if (role === 'host') out.host = text;
  else if (role === 'release') out.release = text;
  else if (role === 'route') out.route = text;
}

/** Sets the field a known value stands for, already converted as assignRole would. */
export function assignKnown(out: LogRecord, role: Role, value: KnownField): void {
  if (role === 'status') out.status = value as number;
  else if (role === 'level') out.level = value as Level;
  else if (role === 'method') out.method = value as string;
  else assignText(out, role, value as string);
}

/** A capture of a kind the role has no shortcut for; false when it is not a usable value. */
function assignGeneric(out: LogRecord, reader: FieldReader, raw: string, ascii: boolean): boolean {
  const value = reader.kind === 'number' ? parseJsonNumber(raw) : reader.kind === 'string' ? textOf(raw, ascii) : scalarOf(raw);
  if (value === AMBIGUOUS || Number.isNaN(value)) return false;
  assignRole(out, reader.role, value, reader.unit);
  return true;
}

/** Sets a number-kind reader's field from its value (parseJsonNumber of the capture). */
export function assignNumber(out: LogRecord, reader: FieldReader, value: number): void {
  switch (reader.op) {
    case 'time':
      out.time = epochToMs(value) ?? Number.NaN;
      return;
    case 'level':
      out.level = levelFromNumber(value);
      return;
    case 'status':
      out.status = toStatus(value);
      return;
    case 'latency':
      out.latencyMs = value >= 0 ? value * UNIT_MS[reader.unit] : null;
      return;
    default:
      assignRole(out, reader.role, value, reader.unit);
  }
}

/**
 * Sets the reader's field from its capture; false when the text is not what the role needs.
 * `splitValue`: the integer of a split capture (LineRegex.split), read from both its groups.
 */
export function assignCapture(out: LogRecord, reader: FieldReader, raw: string, splitValue: number, ascii: boolean): boolean {
  switch (reader.op) {
    case 'time':
    case 'level':
    case 'status':
    case 'latency':
      assignNumber(out, reader, reader.split ? splitValue : parseJsonNumber(raw));
      return true;
    case 'route': {
      const url = textOf(raw, ascii);
      out.route = isUrlLike(url) ? normalizeRoute(url) : null;
      return true;
    }
    case 'method':
      out.method = toMethod(raw);
      return true;
    case 'text':
      assignText(out, reader.role, raw === '' ? null : textOf(raw, ascii));
      return true;
    default:
      if (!reader.split) return assignGeneric(out, reader, raw, ascii);
      assignRole(out, reader.role, splitValue, reader.unit);
      return true;
  }
}

/** A field the regex did not capture, read by its key; false when that would be a guess. */
function readByKey(reader: FieldReader, line: string, out: LogRecord): boolean {
  const at = findKey(line, reader.needle);
  if (at === -1) return true;
  if (at === -2) return false;
  const value = readValueAt(line, at, reader.needle.length, line.length);
  if (value === AMBIGUOUS) return false;
  assignRole(out, reader.role, value, reader.unit);
  return true;
}

/** Fills `out` from one line; false when some field cannot be read this way (JSON.parse then). */
export function readFast(readers: FieldReader[], captures: RegExpExecArray | null, line: string, ascii: boolean, out: LogRecord): boolean {
  for (let r = 0; r < readers.length; r++) {
    const reader = readers[r] as FieldReader;
    if (captures !== null) {
      let known = false;
      for (let k = 0; k < reader.known.length && !known; k++) {
        const entry = reader.known[k] as KnownCapture;
        if (captures[entry.group] !== undefined) {
          assignKnown(out, reader.role, entry.value);
          known = true;
        }
      }
      if (known) continue;
      const raw = reader.group === 0 ? undefined : captures[reader.group];
      if (raw !== undefined) {
        const splitValue = reader.split ? splitInteger(raw, captures[reader.group + 1] as string) : 0;
        if (!assignCapture(out, reader, raw, splitValue, ascii)) return false;
        continue;
      }
    }
    if (!readByKey(reader, line, out)) return false;
  }
  return true;
}
