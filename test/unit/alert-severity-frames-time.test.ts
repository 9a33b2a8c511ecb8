import { describe, expect, it } from 'vitest';
import { guessInApp, normalizeSentryFrame } from '../../src/alert/frames.js';
import { severityFromSentryLevel, severityFromText } from '../../src/alert/severity.js';
import { toIsoUtc } from '../../src/alert/time.js';

describe('severityFromSentryLevel', () => {
  it.each([
    ['fatal', 'critical'],
    ['error', 'high'],
    ['warning', 'medium'],
    ['info', 'info'],
    ['debug', 'low'],
    ['FATAL', 'critical'],
  ])('%s → %s', (level, severity) => {
    expect(severityFromSentryLevel(level)).toBe(severity);
  });

  it('defaults to high, Sentry’s own default level being error', () => {
    expect(severityFromSentryLevel(undefined)).toBe('high');
    expect(severityFromSentryLevel('sample')).toBe('high');
  });
});

describe('severityFromText', () => {
  it.each([
    ['critical', 'critical'],
    ['page', 'critical'],
    ['P1', 'critical'],
    ['sev1', 'critical'],
    ['SEV-0', 'critical'],
    ['p2', 'high'],
    ['high', 'high'],
    ['error', 'high'],
    ['major', 'high'],
    ['warning', 'medium'],
    ['P3', 'medium'],
    ['minor', 'low'],
    ['s4', 'low'],
    ['info', 'info'],
    ['none', 'info'],
    [' Critical ', 'critical'],
  ])('%s → %s', (text, severity) => {
    expect(severityFromText(text)).toBe(severity);
  });

  it('uses the fallback for unknown words and non-strings', () => {
    expect(severityFromText('purple')).toBe('medium');
    expect(severityFromText(undefined, 'high')).toBe('high');
    expect(severityFromText('p9', 'low')).toBe('low');
  });
});

describe('guessInApp', () => {
  it.each([
    ['/srv/app/node_modules/express/lib/router.js', false],
    ['/usr/local/lib/python3.11/site-packages/django/core.py', false],
    ['/usr/lib/python3/dist-packages/requests/api.py', false],
    ['/usr/lib/node/whatever.js', false],
    ['<anonymous>', false],
    ['node:internal/process/task_queues', false],
    ['/root/go/pkg/mod/github.com/lib/pq@v1.10.9/conn.go', false],
    ['runtime/panic.go', false],
    ['/usr/local/go/src/runtime/proc.go', false],
    ['C:\\app\\node_modules\\pg\\client.js', false],
    ['/srv/app/src/orders/checkout.ts', true],
    ['app:///dist/index.js', true],
    ['internal/orders/runtime_config.go', true],
  ])('%s → %s', (path, inApp) => {
    expect(guessInApp(path)).toBe(inApp);
  });
});

describe('normalizeSentryFrame', () => {
  it('prefers the sender’s in_app over the guess', () => {
    expect(normalizeSentryFrame({ filename: 'node_modules/x.js', in_app: true })?.inApp).toBe(true);
  });

  it('falls back from filename to abs_path to module', () => {
    expect(normalizeSentryFrame({ abs_path: '/srv/a.py', lineno: 3 })).toEqual({
      file: '/srv/a.py', line: 3, function: null, inApp: true, absPath: null, module: null,
    });
    expect(normalizeSentryFrame({ module: 'billing.tasks' })?.file).toBe('billing.tasks');
    expect(normalizeSentryFrame({ lineno: 3 })).toBeNull();
  });
});

describe('toIsoUtc', () => {
  it.each([
    ['2025-03-14T10:26:53.412345678+01:00', '2025-03-14T09:26:53.412Z'],
    ['2019-08-19T21:06:17.677000Z', '2019-08-19T21:06:17.677Z'],
    ['2025-04-08T21:15:04Z', '2025-04-08T21:15:04.000Z'],
    [1566248777.677, '2019-08-19T21:06:17.677Z'],
    [1566248777677, '2019-08-19T21:06:17.677Z'],
    ['1566248777', '2019-08-19T21:06:17.000Z'],
  ])('%s → %s', (input, iso) => {
    expect(toIsoUtc(input)).toBe(iso);
  });

  it.each([['0001-01-01T00:00:00Z'], ['yesterday'], ['1'], [''], [null], [Number.NaN], ['2025-13-45T99:00:00Z']])(
    'treats %s as no time',
    (input) => {
      expect(toIsoUtc(input)).toBeNull();
    },
  );
});
