import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/evidence/logs/detect.js';
import { detectJsonLayout, latencyUnitOf } from '../../src/evidence/logs/json-layout.js';
import { createJsonParser } from '../../src/evidence/logs/json-parser.js';
import { parseOneLine } from '../../src/evidence/logs/line-parser.js';

/**
 * express-winston 4 (`expressWinston.logger({ format: combine(timestamp(), json()) })`) nests the
 * request under `meta` (its default metaField): `meta.req.originalUrl`, `meta.req.method`,
 * `meta.res.statusCode`, `meta.responseTime` (ms). The router below is mounted at /api, so
 * `meta.req.url` lacks the prefix and only `originalUrl` names the real route.
 */

const WINDOW_TO = Date.parse('2026-05-15T00:00:00Z');
const headers = { host: 'checkout.internal:8080', 'user-agent': 'okhttp/4.12.0', accept: 'application/json' };
const request = (method: string, url: string, status: number, ms: number, at: string, level = 'info'): string =>
  JSON.stringify({
    meta: { req: { url: url.replace(/^\/api/, ''), headers, method, httpVersion: '1.1', originalUrl: url, query: {} }, res: { statusCode: status }, responseTime: ms },
    level,
    message: `HTTP ${method} ${url}`,
    timestamp: at,
  });

const REQUESTS = [
  request('POST', '/api/checkout', 201, 412, '2026-05-14T18:04:59.101Z'),
  request('GET', '/api/orders/8812?expand=items', 200, 23, '2026-05-14T18:05:00.250Z'),
  request('GET', '/api/catalog', 200, 7, '2026-05-14T18:05:01.002Z'),
  request('POST', '/api/checkout', 502, 7445, '2026-05-14T18:05:08.907Z', 'error'),
];
/** What express-winston's errorLogger writes: the error under `meta`, with its own `message`. */
const MIDDLEWARE_ERROR = JSON.stringify({
  level: 'error',
  message: 'middlewareError',
  meta: { message: 'read ECONNRESET', stack: 'Error: read ECONNRESET\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:218:20)', exception: true },
  timestamp: '2026-05-14T18:05:08.906Z',
});

describe('express-winston', () => {
  it('finds the request fields under meta', () => {
    const parser = detectFormat(REQUESTS, WINDOW_TO);
    expect(parser).toMatchObject({ format: 'json', dialect: 'winston' });
    const records = REQUESTS.map((line) => parseOneLine(parser, line));
    expect(records[0]).toMatchObject({ level: 'info', method: 'POST', route: '/api/checkout', status: 201, latencyMs: 412 });
    expect(records[1]).toMatchObject({ method: 'GET', route: '/api/orders/:id', status: 200, latencyMs: 23 });
    expect(records[3]).toMatchObject({ level: 'error', route: '/api/checkout', status: 502, latencyMs: 7445 });
    expect(new Date(records[1]?.time ?? 0).toISOString()).toBe('2026-05-14T18:05:00.250Z');
  });

  it('reads the same with an errorLogger line in the sample (message at two paths, no fast path)', () => {
    const lines = [MIDDLEWARE_ERROR, ...REQUESTS];
    const layout = detectJsonLayout(lines.map((line) => JSON.parse(line) as unknown));
    expect(layout).toMatchObject({ fastPath: false, latencyUnit: 'ms' });
    expect(layout?.fields.route?.path).toEqual(['meta', 'req', 'originalUrl']);
    const parser = createJsonParser(layout ?? { dialect: 'generic', fields: {}, latencyUnit: 'ms', fastPath: false, errorField: null });
    expect(parseOneLine(parser, MIDDLEWARE_ERROR)).toMatchObject({ level: 'error', status: null, route: null, message: 'middlewareError' });
    expect(parseOneLine(parser, REQUESTS[3] as string)).toMatchObject({ route: '/api/checkout', status: 502, latencyMs: 7445 });
  });

  it('keeps the top level first: a pino-http line is not read from a meta object', () => {
    const line = JSON.stringify({ level: 30, time: 1778781900000, req: { method: 'GET', url: '/a' }, meta: { req: { url: '/b' } }, msg: 'x' });
    expect(parseOneLine(detectFormat([line], WINDOW_TO), line)?.route).toBe('/a');
  });

  it('treats meta.responseTime as milliseconds even when small and fractional', () => {
    expect(latencyUnitOf({ path: ['meta', 'responseTime'], key: 'responseTime' }, [0.4, 1.2, 2.5])).toBe('ms');
  });
});
