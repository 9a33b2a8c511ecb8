import type { LogEvent, NoteLevel, RequestEvent } from './traffic.js';

/**
 * Simulated events written the way real loggers write them: pino-http, restify's bunyan audit
 * logger, express-winston (its `meta` nesting included), structlog, nginx's combined format with
 * `$request_time`, Rails lograge, Go's log/slog JSON handler (durations in nanoseconds) and
 * Spring Boot's console pattern (plain text, multi-line stack traces).
 */

export type LogFormat = 'pino' | 'bunyan' | 'express-winston' | 'structlog' | 'nginx' | 'ingress-nginx' | 'lograge' | 'slog' | 'spring' | 'ecs' | 'zap' | 'python-json-logger';

export interface LogContext {
  /** Service name, for loggers that write one (bunyan `name`, Spring's application name). */
  service: string;
}

type Formatter = (event: LogEvent, context: LogContext) => string[];

const iso = (ms: number): string => new Date(ms).toISOString();
const isoMicros = (ms: number, extra: number): string => iso(ms).replace('Z', `${String(extra % 1000).padStart(3, '0')}Z`);
const json = (value: unknown): string[] => [JSON.stringify(value)];
const failed = (event: RequestEvent): boolean => event.status >= 500 || event.error !== null;
const errorText = (event: RequestEvent): string => (event.error ? `${event.error.type}: ${event.error.message}` : `HTTP ${event.status}`);

const PINO_LEVEL: Record<NoteLevel, number> = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

function pino(event: LogEvent): string[] {
  const base = { time: event.time, pid: 7, hostname: event.host };
  if (event.kind === 'note') return json({ level: PINO_LEVEL[event.level], ...base, ...event.fields, msg: event.message });
  const request = { ...base, ...(event.release ? { release: event.release } : {}), req: { id: event.id, method: event.method, url: event.url, remoteAddress: '10.0.4.17' } };
  if (!failed(event)) return json({ level: 30, ...request, res: { statusCode: event.status }, responseTime: event.latencyMs, msg: 'request completed' });
  const err = event.error ? { type: event.error.type, message: event.error.message, stack: event.error.stack ?? `${errorText(event)}` } : undefined;
  return json({ level: 50, ...request, res: { statusCode: event.status }, ...(err ? { err } : {}), responseTime: event.latencyMs, msg: 'request errored' });
}

function bunyan(event: LogEvent, context: LogContext): string[] {
  const base = { name: context.service, hostname: event.host, pid: 12 };
  if (event.kind === 'note') return json({ ...base, level: PINO_LEVEL[event.level], ...event.fields, msg: event.message, time: iso(event.time), v: 0 });
  const err = event.error ? { err: { name: event.error.type, message: event.error.message, stack: event.error.stack ?? errorText(event) } } : {};
  return json({
    ...base,
    audit: true,
    level: failed(event) ? 50 : 30,
    remoteAddress: '10.0.1.5',
    req_id: `r-${event.id}`,
    req: { method: event.method, url: event.url, httpVersion: '1.1' },
    res: { statusCode: event.status },
    ...err,
    latency: event.latencyMs,
    msg: `handled: ${event.status}`,
    time: iso(event.time),
    v: 0,
  });
}

function expressWinston(event: LogEvent): string[] {
  if (event.kind === 'note') return json({ level: event.level, message: event.message, ...event.fields, timestamp: iso(event.time) });
  const level = event.status >= 500 ? 'error' : event.status >= 400 ? 'warn' : 'info';
  const meta = { req: { url: event.url, method: event.method, httpVersion: '1.1', originalUrl: event.url, query: {} }, res: { statusCode: event.status }, responseTime: event.latencyMs };
  const lines = json({ meta, level, message: `HTTP ${event.method} ${event.url}`, timestamp: iso(event.time) });
  if (!event.error) return lines;
  const stack = event.error.stack ?? errorText(event);
  return [...json({ level: 'error', message: `middlewareError: ${event.error.message}`, meta: { message: event.error.message, stack }, timestamp: iso(event.time) }), ...lines];
}

function structlog(event: LogEvent): string[] {
  const timestamp = isoMicros(event.time, event.kind === 'request' ? event.id * 37 : 0);
  if (event.kind === 'note') return json({ ...event.fields, event: event.message, level: event.level, logger: 'app', timestamp });
  const request = { method: event.method, path: event.url, status_code: event.status, duration_ms: event.latencyMs + 0.37, request_id: `req-${event.id}` };
  if (!failed(event)) return json({ ...request, event: 'request_finished', level: 'info', logger: 'app.middleware', timestamp });
  const exception = event.error?.stack ?? (event.error ? errorText(event) : undefined);
  return json({ ...request, event: 'request_failed', level: 'error', logger: 'app.middleware', timestamp, ...(exception ? { exception } : {}) });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function clfTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** `log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time';` */
function nginx(event: LogEvent): string[] {
  if (event.kind === 'note') return [];
  const bytes = failed(event) ? 157 : 512 + (event.id % 900);
  const agent = event.id % 3 === 0 ? 'okhttp/4.12.0' : 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
  const seconds = (event.latencyMs / 1000).toFixed(3);
  return [`10.0.${event.id % 4}.${20 + (event.id % 200)} - - [${clfTime(event.time)}] "${event.method} ${event.url} HTTP/1.1" ${event.status} ${bytes} "-" "${agent}" ${seconds}`];
}

/** ingress-nginx's default `upstreaminfo` format: the request time is followed by upstream fields and the request id. */
function ingressNginx(event: LogEvent): string[] {
  if (event.kind === 'note') return [];
  const seconds = (event.latencyMs / 1000).toFixed(3);
  const bytes = failed(event) ? 0 : 300 + (event.id % 1200);
  const upstream = `10.244.${event.id % 3}.${10 + (event.id % 3)}:3000`;
  const reqId = (event.id * 2654435761).toString(16).padStart(32, '0').slice(-32);
  const head = `10.0.${event.id % 4}.${30 + (event.id % 90)} - - [${clfTime(event.time)}] "${event.method} ${event.url} HTTP/2.0" ${event.status} ${bytes} "-" "Mozilla/5.0" ${180 + (event.id % 400)} ${seconds}`;
  return [`${head} [default-shop-api-80] [] ${upstream} ${bytes} ${seconds} ${event.status} ${reqId}`];
}

function railsController(route: string): { controller: string; action: string } {
  const parts = route.split('/').filter((part) => part !== '' && !part.startsWith(':'));
  const resource = parts.pop() ?? 'home';
  const namespace = parts.map((part) => part[0]?.toUpperCase() + part.slice(1)).join('::');
  const name = `${resource[0]?.toUpperCase()}${resource.slice(1)}Controller`;
  return { controller: namespace ? `${namespace}::${name}` : name, action: route.endsWith(':id') ? 'show' : 'index' };
}

function lograge(event: LogEvent): string[] {
  if (event.kind === 'note') return json({ level: event.level.toUpperCase(), message: event.message, ...event.fields, host: event.host, time: iso(event.time) });
  const db = Math.round(event.latencyMs * 0.6 * 100) / 100;
  const fields = { method: event.method, path: event.url, format: 'json', ...railsController(event.route), status: event.status };
  const error = event.error ? { error: `${event.error.type}: ${event.error.message}` } : {};
  return json({ ...fields, ...error, allocations: 900 + (event.id % 4000), duration: event.latencyMs + 0.41, view: Math.round(event.latencyMs * 0.2 * 100) / 100, db, host: event.host, time: iso(event.time) });
}

function slog(event: LogEvent): string[] {
  const time = iso(event.time).replace('Z', `${String((event.time * 7919) % 1_000_000).padStart(6, '0')}Z`);
  if (event.kind === 'note') return json({ time, level: event.level.toUpperCase(), msg: event.message, ...event.fields });
  const request = { method: event.method, path: event.url, status: event.status, duration: event.latencyMs * 1_000_000 + (event.id % 1000), remote_addr: `10.1.0.${event.id % 250}:5${event.id % 1000}` };
  if (!failed(event)) return json({ time, level: 'INFO', msg: 'request', ...request });
  return json({ time, level: 'ERROR', msg: 'request failed', ...request, err: event.error ? event.error.message : `status ${event.status}` });
}

const SPRING_LEVEL: Record<NoteLevel, string> = { debug: 'DEBUG', info: ' INFO', warn: ' WARN', error: 'ERROR', fatal: 'ERROR' };

function spring(event: LogEvent, context: LogContext): string[] {
  const head = (level: string, thread: number, logger: string): string =>
    `${iso(event.time)} ${level} 1 --- [${context.service}] [nio-8080-exec-${thread}] ${logger.padEnd(40)} :`;
  if (event.kind === 'note') return [`${head(SPRING_LEVEL[event.level], 1, String(event.fields.logger ?? 'c.a.shop.Application'))} ${event.message}`];
  const thread = 1 + (event.id % 10);
  const access = `${head(' INFO', thread, 'c.a.shop.web.RequestLoggingFilter')} ${event.method} ${event.url} -> ${event.status} (${event.latencyMs} ms)`;
  if (!failed(event)) return [access];
  const cause = event.error ? `${event.error.type}: ${event.error.message}` : `status ${event.status}`;
  const stack = (event.error?.stack ?? '').split('\n').filter((line) => line !== '');
  const servlet = `${head('ERROR', thread, 'o.a.c.c.C.[.[.[/].[dispatcherServlet]')} Servlet.service() for servlet [dispatcherServlet] threw exception [Request processing failed: ${cause}] with root cause`;
  return [servlet, cause, ...stack.map((line) => `\t${line.trim()}`), access];
}

/** Elastic's ECS logback encoder, with request fields put in the MDC by a servlet filter. */
function ecs(event: LogEvent, context: LogContext): string[] {
  const base = { '@timestamp': iso(event.time), ecs: { version: '1.2.0' }, 'service.name': context.service, 'process.thread.name': `http-nio-8080-exec-${1 + (event.kind === 'request' ? event.id % 10 : 0)}` };
  if (event.kind === 'note') return json({ ...base, 'log.level': event.level.toUpperCase(), message: event.message, 'log.logger': 'com.acme.Application', ...event.fields });
  const request = { 'http.request.method': event.method, 'url.path': event.url, 'http.response.status_code': event.status, 'event.duration': event.latencyMs * 1_000_000 };
  const message = `${event.method} ${event.url} -> ${event.status}`;
  if (!failed(event)) return json({ ...base, 'log.level': 'INFO', message, 'log.logger': 'com.acme.web.AccessLogFilter', ...request });
  const error = event.error ? { 'error.type': event.error.type, 'error.message': event.error.message, 'error.stack_trace': event.error.stack ?? errorText(event) } : {};
  return json({ ...base, 'log.level': 'ERROR', message, 'log.logger': 'com.acme.web.AccessLogFilter', ...request, ...error });
}

/** zap's production encoder: `ts` in epoch seconds, durations in seconds, a stacktrace on errors. */
function zap(event: LogEvent): string[] {
  const ts = event.time / 1000 + ((event.kind === 'request' ? event.id : 0) % 997) / 1e7;
  if (event.kind === 'note') return json({ level: event.level, ts, caller: 'app/main.go:61', msg: event.message, ...event.fields });
  const request = { method: event.method, path: event.url, status: event.status, latency: event.latencyMs / 1000 };
  if (!failed(event)) return json({ level: 'info', ts, caller: 'httpapi/middleware.go:42', msg: 'request', ...request });
  const error = event.error ? event.error.message : `status ${event.status}`;
  return json({ level: 'error', ts, caller: 'httpapi/middleware.go:45', msg: 'request failed', ...request, error, stacktrace: 'github.com/acme/api/internal/httpapi.logRequests.func1\n\t/src/internal/httpapi/middleware.go:45' });
}

/** python-json-logger with `JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")` and request fields in `extra`. */
function pythonJsonLogger(event: LogEvent): string[] {
  const d = new Date(event.time);
  const asctime = `${iso(event.time).slice(0, 10)} ${iso(event.time).slice(11, 19)},${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  if (event.kind === 'note') return json({ asctime, levelname: event.level.toUpperCase(), name: 'app', message: event.message, ...event.fields });
  const request = { method: event.method, path: event.url, status: event.status, duration_ms: event.latencyMs };
  if (!failed(event)) return json({ asctime, levelname: 'INFO', name: 'app.access', message: `${event.method} ${event.url} ${event.status}`, ...request });
  const exc = event.error ? { exc_info: event.error.stack ?? errorText(event) } : {};
  return json({ asctime, levelname: 'ERROR', name: 'app.access', message: `${event.method} ${event.url} ${event.status}`, ...request, ...exc });
}

const FORMATTERS: Record<LogFormat, Formatter> = {
  pino,
  bunyan,
  'express-winston': expressWinston,
  structlog,
  nginx,
  'ingress-nginx': ingressNginx,
  lograge,
  slog,
  spring,
  ecs,
  zap,
  'python-json-logger': pythonJsonLogger,
};

/** The log file's text for these events, one or more lines per event. */
export function renderLog(events: LogEvent[], format: LogFormat, context: LogContext): string {
  const formatter = FORMATTERS[format];
  const lines = events.flatMap((event) => formatter(event, context));
  return `${lines.join('\n')}\n`;
}
