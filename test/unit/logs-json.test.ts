import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/evidence/logs/detect.js';
import { detectJsonLayout, latencyUnitOf } from '../../src/evidence/logs/json-layout.js';
import { buildLineRegex } from '../../src/evidence/logs/json-line-regex.js';
import { createJsonParser } from '../../src/evidence/logs/json-parser.js';
import { parseJsonNumber } from '../../src/evidence/logs/json-scan.js';
import { parseOneLine } from '../../src/evidence/logs/line-parser.js';
import { errorIncident, pinoLine, scenarioRequests } from '../fixtures/logs/generate.js';

const WINDOW_TO = Date.parse('2024-05-02T00:00:00Z');
const base = { level: 30, time: 1714557600000, hostname: 'web-1', msg: 'request completed' };
const sample = Array.from({ length: 10 }, (_, i) =>
  JSON.stringify({ ...base, time: base.time + i, req: { method: 'GET', url: `/a/${i}` }, res: { statusCode: 200 }, responseTime: i }),
);
const parser = detectFormat(sample, WINDOW_TO);

describe('JSON fast path', () => {
  it('builds a line regex with the sample key order', () => {
    const objects = sample.map((line) => JSON.parse(line) as unknown);
    const layout = detectJsonLayout(objects);
    expect(layout?.fastPath).toBe(true);
    const regex = layout === null ? null : buildLineRegex(layout, sample, objects);
    expect(regex?.roles).toEqual(['level', 'time', 'host', 'message', 'method', 'route', 'status', 'latency']);
    expect(regex?.kinds).toEqual(['number', 'number', 'string', 'string', 'string', 'string', 'number', 'number']);
  });

  it('reads the same records as JSON.parse for generated pino-http lines', () => {
    const lines = scenarioRequests({ ...errorIncident, minutes: 40 }).map(pinoLine);
    const objects = lines.slice(0, 64).map((line) => JSON.parse(line) as unknown);
    const layout = detectJsonLayout(objects);
    if (layout === null) throw new Error('no layout');
    const fast = createJsonParser(layout, buildLineRegex(layout, lines.slice(0, 64), objects));
    const slow = createJsonParser({ ...layout, fastPath: false });
    for (const line of lines) expect(parseOneLine(fast, line)).toEqual(parseOneLine(slow, line));
  });

  it.each([
    ['escaped quotes', { ...base, msg: 'say "hi" \\ bye' }, 'say "hi" \\ bye'],
    ['unicode escapes', { ...base, msg: 'caf\u00e9 \u2615' }, 'café ☕'],
    ['a key at two paths', { ...base, ctx: { msg: 'inner' } }, 'request completed'],
    ['another key order', { msg: 'reordered', time: base.time, level: 30 }, 'reordered'],
    ['an object where a string was expected', { ...base, msg: { text: 'x' } }, null],
  ])('handles %s', (_name, object, message) => {
    const record = parseOneLine(parser, JSON.stringify(object));
    expect(record?.message).toBe(message);
    expect(record?.time).toBe(object.time);
  });

  it('keeps raw UTF-8 text intact', () => {
    expect(parseOneLine(parser, '{"level":30,"time":1714557600000,"msg":"Größe überschritten ✓"}')?.message).toBe('Größe überschritten ✓');
  });

  it('accepts spaces after colons, CRLF endings and leading blanks', () => {
    const record = parseOneLine(parser, '  {"level": 50, "time": 1714557600000, "msg": "x", "res": {"statusCode": 503}}\r');
    expect(record).toMatchObject({ level: 'error', status: 503, message: 'x' });
  });

  it('rejects truncated lines, non-objects and lines without a time', () => {
    expect(parseOneLine(parser, '{"level":30,"time":1714557600000,"msg":"trunc')).toBeNull();
    expect(parseOneLine(parser, '[1,2,3]')).toBeNull();
    expect(parseOneLine(parser, '{"level":30,"msg":"no time"}')).toBeNull();
  });

  it('turns off the fast path when a key name sits at two paths in the sample', () => {
    const objects = [{ time: 1714557600000, url: '/a', link: { url: '/b' } }];
    expect(detectJsonLayout(objects)?.fastPath).toBe(false);
  });

  it('needs a time field to call a JSON source usable', () => {
    expect(detectJsonLayout([{ msg: 'x' }])).toBeNull();
    expect(detectFormat(['{"msg":"x"}', '{"msg":"y"}'], WINDOW_TO)).toMatchObject({ format: 'json', dialect: null });
  });
});

describe('latency units', () => {
  it.each([
    [['duration_ms'], [12], 'ms'],
    [['latency_s'], [0.5], 's'],
    [['request_time'], [0.5], 's'],
    [['elapsedUs'], [500], 'us'],
    [['event', 'duration'], [1e6], 'ns'],
    [['duration'], [0.12, 0.5, 1.25], 's'],
    [['duration'], [120, 45, 300], 'ms'],
  ])('%j with %j is %s', (path, samples, unit) => {
    expect(latencyUnitOf({ path, key: path[path.length - 1] as string }, samples)).toBe(unit);
  });
});

describe('parseJsonNumber', () => {
  it.each(['0', '30', '1714557600005', '7.125', '-1.5', '1e3', '0.001'])('%s', (text) => {
    expect(parseJsonNumber(text)).toBe(Number(text));
  });
});
