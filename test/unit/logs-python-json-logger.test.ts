import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/evidence/logs/detect.js';
import { detectJsonLayout } from '../../src/evidence/logs/json-layout.js';
import { createJsonParser } from '../../src/evidence/logs/json-parser.js';
import { parseOneLine } from '../../src/evidence/logs/line-parser.js';
import { parseTimeValue } from '../../src/evidence/logs/timestamps.js';

/**
 * python-json-logger with `JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")` and
 * request fields passed in `extra=`: the time is Python's default asctime (comma before the
 * milliseconds, no zone, so UTC) and the level is under LogRecord's own name, `levelname`.
 */

const WINDOW_TO = Date.parse('2026-05-13T00:00:00Z');
const TRACEBACK = 'Traceback (most recent call last):\n  File "/srv/app/deliveries/geo.py", line 3, in zone_for\n    return address["components"].get("postcode")[:2]\nTypeError: \'NoneType\' object is not subscriptable';
const LINES = [
  '{"asctime": "2026-05-12 08:15:59,004", "levelname": "INFO", "name": "gunicorn.error", "message": "Booting worker with pid: 41"}',
  '{"asctime": "2026-05-12 08:16:03,123", "levelname": "INFO", "name": "app.access", "message": "POST /api/deliveries 201", "method": "POST", "path": "/api/deliveries", "status": 201, "duration_ms": 87}',
  '{"asctime": "2026-05-12 08:16:04,950", "levelname": "INFO", "name": "app.access", "message": "GET /api/deliveries/8204 200", "method": "GET", "path": "/api/deliveries/8204", "status": 200, "duration_ms": 12}',
  `{"asctime": "2026-05-12 08:16:05,007", "levelname": "ERROR", "name": "app.access", "message": "POST /api/deliveries 500", "method": "POST", "path": "/api/deliveries", "status": 500, "duration_ms": 21, "exc_info": ${JSON.stringify(TRACEBACK)}}`,
  '{"asctime": "2026-05-12 08:16:06,410", "levelname": "WARNING", "name": "app.geo", "message": "geocoder slow: 1.8s"}',
];

describe('python-json-logger', () => {
  const parser = detectFormat(LINES, WINDOW_TO);
  const records = LINES.map((line) => parseOneLine(parser, line));

  it('is detected as JSON with its own dialect', () => {
    expect(parser).toMatchObject({ format: 'json', dialect: 'python-json-logger' });
  });

  it('reads asctime as UTC with its comma milliseconds', () => {
    expect(records.map((record) => (record ? new Date(record.time).toISOString() : null))).toEqual([
      '2026-05-12T08:15:59.004Z',
      '2026-05-12T08:16:03.123Z',
      '2026-05-12T08:16:04.950Z',
      '2026-05-12T08:16:05.007Z',
      '2026-05-12T08:16:06.410Z',
    ]);
  });

  it('reads levelname and the request fields passed in extra', () => {
    expect(records.map((record) => record?.level)).toEqual(['info', 'info', 'info', 'error', 'warn']);
    expect(records[1]).toMatchObject({ method: 'POST', route: '/api/deliveries', status: 201, latencyMs: 87, message: 'POST /api/deliveries 201' });
    expect(records[2]).toMatchObject({ route: '/api/deliveries/:id', status: 200, latencyMs: 12 });
    expect(records[0]).toMatchObject({ route: null, status: null, latencyMs: null });
  });

  it('adds the last line of the exc_info traceback to an error line', () => {
    expect(records[3]).toMatchObject({ status: 500, message: "POST /api/deliveries 500: TypeError: 'NoneType' object is not subscriptable" });
  });

  it('reads the same records without the fast path', () => {
    const layout = detectJsonLayout(LINES.map((line) => JSON.parse(line) as unknown));
    if (layout === null) throw new Error('no layout');
    const slow = createJsonParser({ ...layout, fastPath: false });
    expect(LINES.map((line) => parseOneLine(slow, line))).toEqual(records);
  });

  it('honours a zone when datefmt writes one (%z)', () => {
    expect(parseTimeValue('2026-05-12 10:16:03,123')).toBe(Date.parse('2026-05-12T10:16:03.123Z'));
    expect(parseTimeValue('2026-05-12 10:16:03+0200')).toBe(Date.parse('2026-05-12T08:16:03.000Z'));
  });
});
