import { describe, expect, it } from 'vitest';
import { TIMESTAMP_STYLES } from '../../src/evidence/logs/plain-timestamps.js';
import { epochToMs, inferYear, parseClfTimestamp, parseIsoTimestamp, parseTimeValue } from '../../src/evidence/logs/timestamps.js';

const at = (iso: string): number => Date.parse(iso);

describe('parseIsoTimestamp', () => {
  it.each([
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.123Z'],
    ['2024-05-01T10:00:00.123456789Z', '2024-05-01T10:00:00.123Z'],
    ['2015-07-29 17:41:44,747', '2015-07-29T17:41:44.747Z'],
    ['2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T05:30:00-0430', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01 10:00:00 +00:00', '2024-05-01T10:00:00.000Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
  ])('%s', (text, iso) => {
    expect(parseIsoTimestamp(text)).toBe(at(iso));
  });

  it.each(['2024-05-01', '2024-13-01T00:00:00Z', 'yesterday', '2024-05-01T10:00:00Zjunk'])('rejects %s', (text) => {
    expect(parseIsoTimestamp(text)).toBeNull();
  });
});

describe('epoch and other time values', () => {
  it('decides seconds, milliseconds, microseconds and nanoseconds by magnitude', () => {
    const ms = at('2024-05-01T10:00:00.250Z');
    expect(epochToMs(ms / 1000)).toBe(ms);
    expect(epochToMs(ms)).toBe(ms);
    expect(epochToMs(ms * 1000)).toBe(ms);
    expect(epochToMs(ms * 1e6)).toBe(ms);
    expect(epochToMs(42)).toBeNull();
  });

  it('parses numeric strings and ISO strings as JSON time values', () => {
    expect(parseTimeValue('1714557600')).toBe(at('2024-05-01T10:00:00Z'));
    expect(parseTimeValue('2024-05-01T10:00:00Z')).toBe(at('2024-05-01T10:00:00Z'));
    expect(parseTimeValue({})).toBeNull();
  });

  it('parses access-log time with its zone', () => {
    expect(parseClfTimestamp('01/May/2024:12:00:03 +0200')).toBe(at('2024-05-01T10:00:03Z'));
    expect(parseClfTimestamp('10/Oct/2000:13:55:36 -0700')).toBe(at('2000-10-10T20:55:36Z'));
    expect(parseClfTimestamp('not a time')).toBeNull();
  });

  it('takes a missing year from the window, or the year before across new year', () => {
    expect(inferYear(5, 1, at('2024-05-01T12:00:00Z'))).toBe(2024);
    expect(inferYear(12, 31, at('2025-01-01T01:00:00Z'))).toBe(2024);
  });
});

describe('plain-text timestamp styles', () => {
  const windowTo = at('2024-06-01T00:00:00Z');
  it.each([
    ['iso', '2024-05-01 10:00:01,123 INFO x', '2024-05-01T10:00:01.123Z'],
    ['syslog', 'May  1 10:00:01 host app[1]: x', '2024-05-01T10:00:01.000Z'],
    ['apache-error', '[Wed May 01 10:00:01 2024] [error] x', '2024-05-01T10:00:01.000Z'],
    ['yymmdd', '081109 203615 148 INFO x', '2008-11-09T20:36:15.000Z'],
    ['yy/mm/dd', '17/06/09 20:10:40 INFO x', '2017-06-09T20:10:40.000Z'],
    ['yyyy/mm/dd', '2024/05/01 10:00:02.123456 x', '2024-05-01T10:00:02.123Z'],
  ])('%s', (name, line, iso) => {
    const style = TIMESTAMP_STYLES.find((candidate) => candidate.name === name);
    const match = style?.pattern.exec(line);
    expect(match).toBeTruthy();
    expect(style?.toMs(match as RegExpExecArray, windowTo)).toBe(at(iso));
  });
});
