import type { LogRecord } from '../types.js';
import type { LatencyUnit } from './json-layout.js';
import { ERROR_CANDIDATES, isUrlLike, parseDurationString, toMethod, toStatus, toText, type Role } from './json-roles.js';
import { levelFromValue } from './levels.js';
import { normalizeRoute } from './route.js';
import { parseTimeValue } from './timestamps.js';

/** Turning raw JSON values into LogRecord fields, shared by the fast and the JSON.parse path. */

export const UNIT_MS: Record<LatencyUnit, number> = { ms: 1, s: 1000, us: 1e-3, ns: 1e-6 };

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
