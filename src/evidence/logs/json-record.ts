import type { LogRecord } from '../types.js';
import type { LatencyUnit } from './json-layout.js';
import { ERROR_CANDIDATES, isUrlLike, parseDurationString, toMethod, toStatus, toText, type Role } from './json-roles.js';
import { AMBIGUOUS, parseJsonNumber, scalarOf } from './json-scan.js';
import { levelFromNumber, levelFromValue } from './levels.js';
import { normalizeRoute } from './route.js';
import { latin1ToUtf8 } from './text.js';
import { epochToMs, parseTimeValue } from './timestamps.js';

/** Turning raw JSON values into LogRecord fields, shared by the fast and the JSON.parse path. */

const UNIT_MS: Record<LatencyUnit, number> = { ms: 1, s: 1000, us: 1e-3, ns: 1e-6 };

export function latencyToMs(value: unknown, unit: LatencyUnit): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * UNIT_MS[unit] : null;
  if (typeof value !== 'string') return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * UNIT_MS[unit];
  return parseDurationString(value);
}

/** Sets one role's field on `out` from a raw value. */
export function assignRole(out: LogRecord, role: Role, value: unknown, unit: LatencyUnit): void {
  switch (role) {
    case 'time':
      out.time = parseTimeValue(value) ?? Number.NaN;
      return;
    case 'level':
      out.level = levelFromValue(value);
      return;
    case 'status':
      out.status = toStatus(value);
      return;
    case 'route':
      out.route = isUrlLike(value) ? normalizeRoute(value) : null;
      return;
    case 'method':
      out.method = toMethod(value);
      return;
    case 'latency':
      out.latencyMs = latencyToMs(value, unit);
      return;
    case 'message':
      out.message = typeof value === 'string' && value !== '' ? value : null;
      return;
    case 'host':
      out.host = toText(value);
      return;
    case 'release':
      out.release = toText(value);
  }
}

export function valueAtPath(object: unknown, path: readonly string[]): unknown {
  let current = object;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A Python traceback says what went wrong on its last line (`OperationalError: ...`). */
export function tracebackSummary(text: string): string {
  if (!text.startsWith('Traceback (most recent call last)')) return text;
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return (lines[lines.length - 1] ?? text).trim();
}

/** The error text of a parsed error line: `err.message`, `error`, `exception`, ... */
export function errorText(object: unknown): string | null {
  for (const candidate of ERROR_CANDIDATES) {
    const value = valueAtPath(object, candidate.split('.'));
    if (typeof value === 'string' && value !== '') return tracebackSummary(value);
    const nested = valueAtPath(value, ['message']);
    if (typeof nested === 'string' && nested !== '') return nested;
  }
  return null;
}

/** `request errored: connect ECONNREFUSED` — the log message and the error, without repeats. */
export function combineMessage(message: string | null, error: string | null): string | null {
  if (error === null || message === error) return message;
  if (message === null || error.includes(message)) return error;
  if (message.includes(error)) return message;
  return `${message}: ${error}`;
}

export function isErrorRecord(out: LogRecord): boolean {
  return out.level === 'error' || out.level === 'fatal' || (out.status !== null && out.status >= 500);
}

/**
 * A converter from a line-regex capture (a number's text, a string's contents, or any scalar's
 * text) straight into the record, specialized per role and kind once per source: this runs for
 * every field of every line. Returns false when the text is not what the role needs.
 */
export type CaptureAssigner = (out: LogRecord, raw: string, ascii: boolean) => boolean;

function textOf(raw: string, ascii: boolean): string {
  return ascii ? raw : latin1ToUtf8(raw);
}

function numberAssigner(role: Role, unit: LatencyUnit): CaptureAssigner | null {
  const factor = UNIT_MS[unit];
  switch (role) {
    case 'time':
      return (out, raw) => ((out.time = epochToMs(parseJsonNumber(raw)) ?? Number.NaN), true);
    case 'level':
      return (out, raw) => ((out.level = levelFromNumber(parseJsonNumber(raw))), true);
    case 'status':
      return (out, raw) => ((out.status = toStatus(parseJsonNumber(raw))), true);
    case 'latency':
      return (out, raw) => {
        const value = parseJsonNumber(raw);
        out.latencyMs = value >= 0 ? value * factor : null;
        return true;
      };
    default:
      return null;
  }
}

function stringAssigner(role: Role): CaptureAssigner | null {
  switch (role) {
    case 'route':
      return (out, raw, ascii) => {
        const url = textOf(raw, ascii);
        out.route = isUrlLike(url) ? normalizeRoute(url) : null;
        return true;
      };
    case 'method':
      return (out, raw) => ((out.method = toMethod(raw)), true);
    case 'message':
      return (out, raw, ascii) => ((out.message = raw === '' ? null : textOf(raw, ascii)), true);
    case 'host':
      return (out, raw, ascii) => ((out.host = raw === '' ? null : textOf(raw, ascii)), true);
    case 'release':
      return (out, raw, ascii) => ((out.release = raw === '' ? null : textOf(raw, ascii)), true);
    default:
      return null;
  }
}

export function captureAssigner(role: Role, kind: 'number' | 'string' | 'any', unit: LatencyUnit): CaptureAssigner {
  const special = kind === 'number' ? numberAssigner(role, unit) : kind === 'string' ? stringAssigner(role) : null;
  if (special !== null) return special;
  return (out, raw, ascii) => {
    const value = kind === 'number' ? parseJsonNumber(raw) : kind === 'string' ? textOf(raw, ascii) : scalarOf(raw);
    if (value === AMBIGUOUS || Number.isNaN(value)) return false;
    assignRole(out, role, value, unit);
    return true;
  };
}
