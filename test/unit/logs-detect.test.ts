import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat, detectFormatSpec, parserFor } from '../../src/evidence/logs/detect.js';
import { parseOneLine, type LineParser } from '../../src/evidence/logs/line-parser.js';
import type { LogRecord } from '../../src/evidence/types.js';

const WINDOW_TO = Date.parse('2024-05-02T00:00:00Z');

function fixtureLines(name: string): string[] {
  const path = fileURLToPath(new URL(`../fixtures/logs/${name}`, import.meta.url));
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
}

function parseFixture(name: string): { parser: LineParser; records: (LogRecord | null)[] } {
  const lines = fixtureLines(name);
  const parser = detectFormat(lines, WINDOW_TO);
  return { parser, records: lines.map((line) => parseOneLine(parser, line)) };
}

const iso = (record: LogRecord | null | undefined): string | null => (record ? new Date(record.time).toISOString() : null);

describe('format detection', () => {
  it.each([
    ['pino.log', 'json', 'pino'],
    ['bunyan.log', 'json', 'bunyan'],
    ['winston.log', 'json', 'winston'],
    ['structlog.log', 'json', 'structlog'],
    ['ecs.log', 'json', 'generic'],
    ['generic-seconds.log', 'json', 'generic'],
    ['nginx-timed.log', 'access-log', 'nginx'],
    ['nginx.log', 'access-log', 'combined'],
    ['apache-micros.log', 'access-log', 'apache'],
    ['plain-log4j.log', 'plain', 'iso'],
    ['plain-syslog.log', 'plain', 'syslog'],
    ['plain-apache-error.log', 'plain', 'apache-error'],
    ['plain-hdfs.log', 'plain', 'yymmdd'],
    ['plain-spark.log', 'plain', 'yy/mm/dd'],
    ['plain-go.log', 'plain', 'yyyy/mm/dd'],
    ['unknown.log', 'unknown', null],
  ])('%s is %s (%s)', (name, format, dialect) => {
    const { parser } = parseFixture(name);
    expect(parser.format).toBe(format);
    expect(parser.dialect).toBe(dialect);
  });

  it.each(['pino.log', 'bunyan.log', 'ecs.log', 'nginx-timed.log', 'apache-micros.log', 'plain-log4j.log', 'plain-spark.log', 'unknown.log'])(
    'sends %s to a worker thread as a spec that builds the same parser',
    (name) => {
      const lines = fixtureLines(name);
      // What postMessage does to it: no functions, no prototypes.
      const parser = parserFor(structuredClone(detectFormatSpec(lines, WINDOW_TO)));
      const detected = detectFormat(lines, WINDOW_TO);
      expect([parser.format, parser.dialect]).toEqual([detected.format, detected.dialect]);
      expect(lines.map((line) => parseOneLine(parser, line))).toEqual(lines.map((line) => parseOneLine(detected, line)));
    },
  );

  it('returns unknown for no lines at all', () => {
    expect(detectFormat(['', '  '], WINDOW_TO).format).toBe('unknown');
  });
});

describe('JSON loggers', () => {
  it('reads pino-http request lines, app lines and error lines', () => {
    const { records } = parseFixture('pino.log');
    expect(records[1]).toMatchObject({ level: 'info', status: 200, method: 'GET', route: '/api/orders/:id', latencyMs: 12, host: 'web-1', message: 'request completed' });
    expect(records[2]).toMatchObject({ level: 'warn', status: 404, route: '/api/users/:id' });
    expect(records[3]).toMatchObject({ level: 'error', status: 500, method: 'POST', message: 'request errored: connect ECONNREFUSED 10.0.0.5:5432' });
    expect(records[4]).toMatchObject({ level: 'error', status: null, route: null, message: 'database pool exhausted: timeout exceeded when trying to connect' });
    expect(iso(records[0])).toBe('2024-05-01T10:00:00.000Z');
  });

  it('reads bunyan ISO times and error objects', () => {
    const { records } = parseFixture('bunyan.log');
    expect(iso(records[1])).toBe('2024-05-01T10:00:01.250Z');
    expect(records[2]).toMatchObject({ level: 'error', status: 502, method: 'DELETE', message: 'handled: upstream timed out', host: 'api-7d9f' });
  });

  it('reads winston string levels, durationMs and nested error messages', () => {
    const { records } = parseFixture('winston.log');
    expect(records[1]).toMatchObject({ status: 200, latencyMs: 35, route: '/invoices/:id' });
    expect(records[2]).toMatchObject({ level: 'error', status: 502, latencyMs: 950, message: 'Payment provider rejected the charge: card_declined' });
  });

  it('reads structlog events, seconds durations and the last line of a traceback', () => {
    const { records } = parseFixture('structlog.log');
    expect(records[0]).toMatchObject({ message: 'request finished', status: 200, route: '/reports/:id/:id', latencyMs: 135, release: '2.3.1' });
    expect(records[2]).toMatchObject({ level: 'error', latencyMs: 2500, message: 'request failed: OperationalError: too many connections' });
    expect(iso(records[0])).toBe('2024-05-01T10:00:01.123Z');
  });

  it('finds nested ECS fields, nanosecond durations and dotted paths', () => {
    const { records } = parseFixture('ecs.log');
    expect(records[0]).toMatchObject({ level: 'info', status: 200, method: 'GET', route: '/v1/items/:id', latencyMs: 45, host: 'node-a', release: '1.9.0' });
    expect(records[1]).toMatchObject({ level: 'error', status: 503, latencyMs: 2000, message: 'request: circuit breaker open' });
  });

  it('decides seconds for small fractional latencies and reads epoch-second times', () => {
    const { records } = parseFixture('generic-seconds.log');
    expect(records[0]).toMatchObject({ status: 200, method: 'GET', route: '/files/:id/download', latencyMs: 250, host: 'i-0abc' });
    expect(records[1]).toMatchObject({ level: 'warn', latencyMs: 1500 });
    expect(records[2]).toMatchObject({ level: 'fatal', message: 'disk full: no space left on device' });
    expect(iso(records[0])).toBe('2024-05-01T10:00:01.500Z');
  });
});

describe('access logs', () => {
  it('reads nginx $request_time in seconds and zones', () => {
    const { records } = parseFixture('nginx-timed.log');
    expect(records[0]).toMatchObject({ status: 200, method: 'GET', route: '/api/orders/:id', latencyMs: 12 });
    expect(records[1]).toMatchObject({ status: 502, method: 'POST', latencyMs: 30001 });
    expect(iso(records[2])).toBe('2024-05-01T10:00:03.000Z');
  });

  it('reads combined lines without a request time and leaves garbage unparsed', () => {
    const { records } = parseFixture('nginx.log');
    expect(records[1]).toMatchObject({ status: 500, route: '/api/orders/:id', latencyMs: null });
    expect(records[2]).toBeNull();
    expect(records[3]).toMatchObject({ status: 400, method: null, route: null });
  });

  it('reads Apache %D as microseconds', () => {
    const { records } = parseFixture('apache-micros.log');
    expect(records.map((record) => record?.latencyMs)).toEqual([15.23, 2500.1, 0.83]);
    expect(records[0]?.route).toBe('/index.php');
  });
});

describe('plain text', () => {
  it('reads log4j lines and leaves stack-trace continuation lines unparsed', () => {
    const { records } = parseFixture('plain-log4j.log');
    expect(records.map((record) => record?.level ?? null)).toEqual(['info', 'warn', 'error', null, null, 'error']);
    expect(records[2]?.message).toContain('Connection pool exhausted');
    expect(iso(records[5])).toBe('2024-05-01T10:00:04.000Z');
  });

  it('reads syslog host, program message and a leading error label', () => {
    const { records } = parseFixture('plain-syslog.log');
    expect(records[0]).toMatchObject({ host: 'web-3', level: null, message: 'worker process 813 exited on signal 9' });
    expect(records[2]).toMatchObject({ level: 'error' });
    expect(iso(records[1])).toBe('2024-05-01T10:00:02.000Z');
  });

  it('reads Apache error levels in brackets and fractional seconds', () => {
    const { records } = parseFixture('plain-apache-error.log');
    expect(records.map((record) => record?.level)).toEqual(['info', 'error', 'warn']);
    expect(records[1]?.message).toBe('[client 198.51.100.4] File does not exist: /var/www/html/favicon.ico');
    expect(iso(records[2])).toBe('2024-05-01T10:00:03.123Z');
  });

  it('reads HDFS, Spark and Go timestamps', () => {
    expect(parseFixture('plain-hdfs.log').records[1]).toMatchObject({ level: 'warn' });
    expect(parseFixture('plain-spark.log').records[1]).toMatchObject({ level: 'error', message: 'executor.Executor: Exception in task 1.0 in stage 2.0 (TID 7)' });
    expect(parseFixture('plain-go.log').records[1]?.message).toContain('too many open files');
  });
});
