import type { LogRecord } from '../types.js';
import type { LineParser } from './line-parser.js';
import { normalizeRoute } from './route.js';
import { latin1ToUtf8, trimLineEnd } from './text.js';
import { parseClfTimestamp } from './timestamps.js';

/**
 * nginx/Apache access logs in the common and combined formats, optionally followed by more
 * fields ending in the request time: nginx `$request_time` (seconds, `0.123`) or Apache `%D`
 * (microseconds, `123456`).
 */

const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"';
const ACCESS_LINE = new RegExp(
  `^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] ${QUOTED} (\\d{3}) (\\d+|-)(?: ${QUOTED} ${QUOTED})?(.*)$`,
);
const TRAILING_NUMBER = /(?:^|[\s=])(\d+(?:\.\d+)?)$/;
const KNOWN_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE']);

export type RequestTimeUnit = 's' | 'us' | null;

interface AccessFields {
  time: number;
  request: string;
  status: number;
  combined: boolean;
  trailing: string | null;
}

function matchAccessLine(line: string): AccessFields | null {
  const m = ACCESS_LINE.exec(line);
  if (m === null) return null;
  const time = parseClfTimestamp(m[4] as string);
  if (time === null) return null;
  const trailing = TRAILING_NUMBER.exec((m[10] ?? '').trim());
  return { time, request: m[5] as string, status: Number(m[6]), combined: m[8] !== undefined, trailing: trailing?.[1] ?? null };
}

function requestParts(request: string): { method: string | null; route: string | null } {
  const [method, target] = request.split(' ');
  if (method === undefined || target === undefined || !KNOWN_METHODS.has(method)) return { method: null, route: null };
  return { method, route: normalizeRoute(target) };
}

function latencyMs(trailing: string | null, unit: RequestTimeUnit): number | null {
  if (trailing === null || unit === null) return null;
  const value = Number(trailing);
  return unit === 's' ? value * 1000 : value / 1000;
}

/**
 * Unit of the trailing request time from sample values: a decimal point means nginx seconds;
 * integers are Apache `%D` microseconds unless they are all small (`%T`, whole seconds).
 */
export function requestTimeUnit(samples: string[]): RequestTimeUnit {
  if (samples.length === 0) return null;
  if (samples.some((value) => value.includes('.'))) return 's';
  const sorted = samples.map(Number).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return median > 100 ? 'us' : 's';
}

function dialectOf(combined: boolean, unit: RequestTimeUnit): string {
  if (unit === 's') return 'nginx';
  if (unit === 'us') return 'apache';
  return combined ? 'combined' : 'common';
}

export function createAccessLogParser(unit: RequestTimeUnit, combined: boolean): LineParser {
  return {
    format: 'access-log',
    dialect: dialectOf(combined, unit),
    beginChunk: () => undefined,
    parse(chunk, start, end, out: LogRecord) {
      const fields = matchAccessLine(latin1ToUtf8(chunk.slice(start, trimLineEnd(chunk, start, end))));
      if (fields === null) return false;
      const { method, route } = requestParts(fields.request);
      out.time = fields.time;
      out.status = fields.status;
      out.level = null;
      out.method = method;
      out.route = route;
      out.latencyMs = latencyMs(fields.trailing, unit);
      out.message = null;
      out.host = null;
      out.release = null;
      return true;
    },
  };
}

/** An access-log parser when at least half of the sample lines are access-log lines. */
export function detectAccessLog(lines: string[]): LineParser | null {
  const matched = lines.map(matchAccessLine).filter((fields) => fields !== null);
  if (matched.length === 0 || matched.length * 2 < lines.length) return null;
  const trailing = matched.map((fields) => fields.trailing).filter((value) => value !== null);
  const unit = trailing.length * 2 >= matched.length ? requestTimeUnit(trailing) : null;
  return createAccessLogParser(unit, matched.some((fields) => fields.combined));
}
