import type { LogRecord } from '../types.js';
import type { LineParser } from './line-parser.js';
import { normalizeRoute } from './route.js';
import { latin1ToUtf8, trimLineEnd } from './text.js';
import { parseClfTimestamp } from './timestamps.js';

/**
 * nginx/Apache access logs in the common and combined formats, optionally followed by more
 * fields ending in the request time: nginx `$request_time` (seconds, `0.123`) or Apache `%D`
 * (microseconds, `123456`). Kubernetes ingress-nginx's default `upstreaminfo` format puts the
 * request time in the middle instead (see INGRESS_TAIL).
 */

const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"';
const ACCESS_LINE = new RegExp(
  `^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] ${QUOTED} (\\d{3}) (\\d+|-)(?: ${QUOTED} ${QUOTED})?(.*)$`,
);
const TRAILING_NUMBER = /(?:^|[\s=])(\d+(?:\.\d+)?)$/;
/**
 * What ingress-nginx's `upstreaminfo` writes after the combined fields (its documented
 * log-format-upstream): `$request_length $request_time [$proxy_upstream_name]
 * [$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length
 * $upstream_response_time $upstream_status $req_id`. The last number on such a line is not the
 * request time (it is an upstream field, or a req_id that happens to be all digits), so the
 * request time is read by position. Older controllers omit the alternative upstream.
 */
const INGRESS_TAIL = /^(\d+) (\d+(?:\.\d+)?) \[[^\]]*\](?: \[[^\]]*\])? \S/;
const KNOWN_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE']);

export type RequestTimeUnit = 's' | 'us' | null;

interface AccessFields {
  time: number;
  request: string;
  status: number;
  combined: boolean;
  /** The tail is ingress-nginx's upstreaminfo fields. */
  ingress: boolean;
  /** The request time as written (unit not yet known). */
  trailing: string | null;
}

function matchAccessLine(line: string): AccessFields | null {
  const m = ACCESS_LINE.exec(line);
  if (m === null) return null;
  const time = parseClfTimestamp(m[4] as string);
  if (time === null) return null;
  const combined = m[8] !== undefined;
  const tail = (m[10] ?? '').trim();
  const ingress = combined ? INGRESS_TAIL.exec(tail) : null;
  const trailing = ingress === null ? TRAILING_NUMBER.exec(tail)?.[1] : ingress[2];
  return { time, request: m[5] as string, status: Number(m[6]), combined, ingress: ingress !== null, trailing: trailing ?? null };
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

function dialectOf(combined: boolean, unit: RequestTimeUnit, ingress: boolean): string {
  if (ingress) return 'ingress-nginx';
  if (unit === 's') return 'nginx';
  if (unit === 'us') return 'apache';
  return combined ? 'combined' : 'common';
}

/** `ingress`: the source is ingress-nginx, whose request time is read only by position. */
export function createAccessLogParser(unit: RequestTimeUnit, combined: boolean, ingress = false): LineParser {
  return {
    format: 'access-log',
    dialect: dialectOf(combined, unit, ingress),
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
      out.latencyMs = ingress && !fields.ingress ? null : latencyMs(fields.trailing, unit);
      out.message = null;
      out.host = null;
      out.release = null;
      return true;
    },
  };
}

/** How an access log's lines are read: what createAccessLogParser is given. */
export interface AccessLogSpec {
  unit: RequestTimeUnit;
  combined: boolean;
  ingress: boolean;
}

/** The access-log spec when at least half of the sample lines are access-log lines. */
export function detectAccessLogSpec(lines: string[]): AccessLogSpec | null {
  const matched = lines.map(matchAccessLine).filter((fields) => fields !== null);
  if (matched.length === 0 || matched.length * 2 < lines.length) return null;
  // ingress-nginx's $request_time is always seconds (`0.064`), whatever the sample holds.
  if (matched.filter((fields) => fields.ingress).length * 2 >= matched.length) return { unit: 's', combined: true, ingress: true };
  const trailing = matched.map((fields) => fields.trailing).filter((value) => value !== null);
  const unit = trailing.length * 2 >= matched.length ? requestTimeUnit(trailing) : null;
  return { unit, combined: matched.some((fields) => fields.combined), ingress: false };
}
