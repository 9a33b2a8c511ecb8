import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/util/duration.js';
import { humanDuration, ms, percent, relativeTo, utcMinute } from '../../src/util/format.js';
import { colorLevelFor } from '../../src/ui/theme.js';

describe('parseDuration', () => {
  it.each([
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['7d', 604_800_000],
    ['45s', 45_000],
    ['1.5h', 5_400_000],
  ])('%s', (text, expected) => expect(parseDuration(text, '--since')).toBe(expected));

  it.each(['', '10', 'abc', '2h junk', '0m'])('rejects %j with the flag named', (text) => {
    expect(() => parseDuration(text, '--since')).toThrow(/--since/);
  });
});

describe('format', () => {
  it('speaks in units people read at 3 AM', () => {
    expect(percent(0.1234)).toBe('12.3%');
    expect(ms(42.4)).toBe('42 ms');
    expect(ms(5012)).toBe('5.0 s');
    expect(ms(null)).toBe('n/a');
    expect(humanDuration(42 * 60_000)).toBe('42 min');
    expect(humanDuration(185 * 60_000)).toBe('3 h 5 min');
    expect(humanDuration(52 * 3_600_000)).toBe('2 d 4 h');
    expect(relativeTo('2026-03-14T02:30:00Z', '2026-03-14T03:12:00Z', 'the alert')).toBe('42 min before the alert');
    expect(utcMinute('2026-03-14T03:12:59.999Z')).toBe('2026-03-14 03:12');
  });
});

describe('colour', () => {
  it('follows FORCE_COLOR, then NO_COLOR, then the terminal', () => {
    expect(colorLevelFor({}, true)).toBe(1);
    expect(colorLevelFor({}, false)).toBe(0);
    expect(colorLevelFor({ NO_COLOR: '1' }, true)).toBe(0);
    expect(colorLevelFor({ NO_COLOR: '' }, true)).toBe(1);
    expect(colorLevelFor({ FORCE_COLOR: '3', NO_COLOR: '1' }, false)).toBe(3);
    expect(colorLevelFor({ FORCE_COLOR: '0' }, true)).toBe(0);
    expect(colorLevelFor({ TERM: 'dumb' }, true)).toBe(0);
  });
});
