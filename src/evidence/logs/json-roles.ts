import { levelFromValue } from './levels.js';
import { parseTimeValue } from './timestamps.js';

/**
 * What each field of a JSON log line means, across loggers: candidate paths per role in
 * priority order (matched case-insensitively against dotted paths, so `http.status_code`
 * matches both a nested object and a literal dotted key) and a check that a value fits the role.
 */

/**
 * Objects some loggers nest a line's own fields under: express-winston's `meta` (`meta.req.url`,
 * `meta.res.statusCode`, `meta.responseTime`) and winston's `format.metadata()`. A role's
 * candidates are tried under these only when none is found at the top level.
 */
export const FIELD_WRAPPERS = ['meta', 'metadata'];

export type Role = 'time' | 'level' | 'status' | 'route' | 'method' | 'latency' | 'message' | 'host' | 'release';

export const ROLE_CANDIDATES: Record<Role, string[]> = {
  time: ['time', 'timestamp', '@timestamp', 'ts', 'date', 'datetime', '@t', 'timestamp_ms', 'eventtime', 'logtime',
    // Python logging's `%(asctime)s` (python-json-logger): `2026-05-12 08:16:03,123`, no zone, so UTC.
    'asctime', 't'],
  level: ['level', 'log_level', 'loglevel', 'severity', 'lvl', 'levelname', 'log.level', '@l', 'severity_text', 'level_name'],
  status: [
    'res.statusCode', 'statusCode', 'status', 'status_code', 'http.status_code', 'http.response.status_code',
    'response.status', 'response.statusCode', 'response.status_code', 'res.status', 'http_status', 'httpRequest.status', 'http.status',
  ],
  route: [
    'route', 'http.route', 'req.route', 'request.route', 'path', 'req.path', 'request.path', 'url.path', 'http.target',
    // Express rewrites req.url below a mounted router; originalUrl (express-winston) keeps the full path.
    'req.originalUrl', 'req.url', 'url', 'request.url', 'http.url', 'url.original', 'uri', 'request_uri', 'httpRequest.requestUrl',
  ],
  method: ['req.method', 'method', 'http.method', 'request.method', 'http.request.method', 'httpRequest.requestMethod', 'verb'],
  latency: [
    'responseTime', 'response_time', 'response_time_ms', 'duration', 'duration_ms', 'durationMs', 'duration_s', 'latency',
    'latency_ms', 'latencyMs', 'elapsed', 'elapsed_ms', 'elapsedMs', 'took', 'request_time', 'http.duration', 'time_taken',
    'http.response_time', 'event.duration',
  ],
  message: ['msg', 'message', 'event', '@m', '@mt', 'log', 'text'],
  host: ['hostname', 'host', 'instance', 'pod', 'pod_name', 'kubernetes.pod_name', 'kubernetes.pod.name', 'host.name', 'hostName', 'server', 'node', 'instance_id'],
  release: ['release', 'version', 'git_sha', 'gitSha', 'git.sha', 'git_commit', 'commit', 'app_version', 'service.version', 'build', 'revision'],
};

/** Where an error's text lives, tried in order on lines that are errors. */
export const ERROR_CANDIDATES = [
  'err.message', 'error.message', 'exception.message', 'error.msg', 'error', 'err', 'exception', 'exc_info', 'error_message', 'errorMessage', '@x',
];

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE']);

export function toStatus(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : null;
}

/** The method as one shared string (later lookups compare it by identity). */
export function toMethod(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 7) return null;
  if (value === 'GET') return 'GET';
  if (value === 'POST') return 'POST';
  const upper = value.toUpperCase();
  for (const method of HTTP_METHODS) if (method === upper) return method;
  return null;
}

export function isUrlLike(value: unknown): value is string {
  return typeof value === 'string' && (value.startsWith('/') || /^https?:\/\//.test(value));
}

export function toText(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ns|us|µs|μs|ms|s|m|h)$/;
const DURATION_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `12.5ms`, `1.2s`, `350µs` (Go durations, zap, logrus) in ms. */
export function parseDurationString(value: string): number | null {
  const m = DURATION.exec(value.trim());
  return m === null ? null : Number(m[1]) * (DURATION_MS[m[2] as string] ?? 1);
}

export function isDurationValue(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0;
  return typeof value === 'string' && parseDurationString(value) !== null;
}

export const ROLE_ACCEPTS: Record<Role, (value: unknown) => boolean> = {
  time: (value) => parseTimeValue(value) !== null,
  level: (value) => levelFromValue(value) !== null,
  status: (value) => toStatus(value) !== null,
  route: isUrlLike,
  method: (value) => toMethod(value) !== null,
  latency: isDurationValue,
  message: (value) => typeof value === 'string',
  host: (value) => toText(value) !== null,
  release: (value) => toText(value) !== null,
};
