import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/evidence/logs/detect.js';
import { chooseKnownValues } from '../../src/evidence/logs/json-known-values.js';
import { createJsonParser } from '../../src/evidence/logs/json-parser.js';
import { detectJsonLayout } from '../../src/evidence/logs/json-layout.js';
import { parseOneLine } from '../../src/evidence/logs/line-parser.js';
import { normalizeRoute } from '../../src/evidence/logs/route.js';

const twice = (values: string[]): string[] => [...values, ...values];

describe('known values of the line regex', () => {
  it('keeps repeated printable values, most frequent first', () => {
    const known = chooseKnownValues('host', ['web-2', 'web-1', 'web-1', 'web-2', 'web-1', 'once', 'say "hi"', 'say "hi"', 'caf\u00e9', 'caf\u00e9']);
    expect(known.map((entry) => entry.value)).toEqual(['web-1', 'web-2']);
  });

  it('turns routes into shapes with digit ids, and skips shapes whose ids are not digits', () => {
    const urls = twice(['/api/orders/12?x=1', '/api/orders/345', '/api/users/550e8400-e29b-41d4-a716-446655440000', '/health']);
    expect(chooseKnownValues('route', urls).map((entry) => entry.value)).toEqual(['/api/orders/:id', '/health']);
  });

  it.each([
    '/api/orders/7',
    '/api/orders/77?page=2',
    '/api/orders/777#top',
    '/api/orders/7;jsessionid=1',
    '/api/orders/7/',
    '/api/orders/abc',
    '/api/orders',
    '/api/orders/7/items',
  ])('reads %s as normalizeRoute does', (url) => {
    const base = { level: 30, time: 1714557600000, hostname: 'web-1', msg: 'request completed' };
    const sample = Array.from({ length: 8 }, (_, i) => JSON.stringify({ ...base, req: { method: 'GET', url: `/api/orders/${i}` }, res: { statusCode: 200 } }));
    const parser = detectFormat(sample, Date.parse('2024-05-02T00:00:00Z'));
    const line = JSON.stringify({ ...base, req: { method: 'GET', url }, res: { statusCode: 200 } });
    expect(parseOneLine(parser, line)?.route).toBe(normalizeRoute(url));
  });

  it('gives a line with a known value the same record as JSON.parse', () => {
    const base = { level: 30, time: 1714557600000, hostname: 'web-1', msg: 'request completed', req: { method: 'GET', url: '/a/1' } };
    const sample = Array.from({ length: 8 }, (_, i) => JSON.stringify({ ...base, time: base.time + i }));
    const objects = sample.map((line) => JSON.parse(line) as unknown);
    const layout = detectJsonLayout(objects);
    if (layout === null) throw new Error('no layout');
    const fast = detectFormat(sample, Date.parse('2024-05-02T00:00:00Z'));
    const slow = createJsonParser({ ...layout, fastPath: false });
    for (const line of [...sample, JSON.stringify({ ...base, hostname: 'web-1x', msg: 'request completed!' })]) {
      expect(parseOneLine(fast, line)).toEqual(parseOneLine(slow, line));
    }
  });

  it('keeps repeated statuses, levels and methods as the record fields they stand for', () => {
    expect(chooseKnownValues('status', [200, 200, 503, 503, 2.5, 2.5, 99999999, 99999999]).map((entry) => entry.value)).toEqual([200, 503]);
    expect(chooseKnownValues('level', [30, 30, 50, 50]).map((entry) => entry.value)).toEqual(['info', 'error']);
    expect(chooseKnownValues('level', ['warn', 'warn']).map((entry) => entry.value)).toEqual(['warn']);
    expect(chooseKnownValues('method', ['get', 'get', 'POST', 'POST']).map((entry) => entry.value)).toEqual(['GET', 'POST']);
  });

  it('reads numbers and methods next to a known one as JSON.parse does', () => {
    const base = { level: 30, time: 1714557600000, hostname: 'web-1', msg: 'request completed' };
    const sample = Array.from({ length: 8 }, (_, i) => JSON.stringify({ ...base, time: base.time + i, req: { method: 'GET', url: `/a/${i}` }, res: { statusCode: 200 } }));
    const objects = sample.map((line) => JSON.parse(line) as unknown);
    const layout = detectJsonLayout(objects);
    if (layout === null) throw new Error('no layout');
    const fast = detectFormat(sample, Date.parse('2024-05-02T00:00:00Z'));
    const slow = createJsonParser({ ...layout, fastPath: false });
    const variants = [
      { statusCode: 2000 },
      { statusCode: 20 },
      { statusCode: 200.5 },
      { statusCode: 2e2 },
      { statusCode: '200' },
      { statusCode: -200 },
    ].map((res) => JSON.stringify({ ...base, req: { method: 'GET', url: '/a/1' }, res }));
    const others = [
      JSON.stringify({ ...base, level: 300, req: { method: 'GETS', url: '/a/1' }, res: { statusCode: 200 } }),
      JSON.stringify({ ...base, level: 3, req: { method: 'get', url: '/a/1' }, res: { statusCode: 200 } }),
      '{"level":30.0,"time":1714557600000,"req":{"method":"GET","url":"/a/1"},"res":{"statusCode":200e0}}',
    ];
    for (const line of [...sample, ...variants, ...others]) expect(parseOneLine(fast, line)).toEqual(parseOneLine(slow, line));
    expect(parseOneLine(fast, sample[0] as string)).toMatchObject({ level: 'info', status: 200, method: 'GET' });
  });

  it('reads long integers captured in two groups as JSON.parse does, whatever their role', () => {
    const line = (i: number) => JSON.stringify({ level: 30, time: 1714557600000 + i * 997, release: 1714000000123 + i, msg: 'deployed', responseTime: 12 });
    const sample = Array.from({ length: 8 }, (_, i) => line(i));
    const objects = sample.map((text) => JSON.parse(text) as unknown);
    const layout = detectJsonLayout(objects);
    if (layout === null) throw new Error('no layout');
    const fast = detectFormat(sample, Date.parse('2024-05-02T00:00:00Z'));
    const slow = createJsonParser({ ...layout, fastPath: false });
    for (const text of [...sample, line(99), JSON.stringify({ level: 30, time: 1714557600000.5, release: -1714000000123, msg: 'x' })]) {
      expect(parseOneLine(fast, text)).toEqual(parseOneLine(slow, text));
    }
  });
});
