import { describe, expect, it } from 'vitest';
import { detectAlertFormat } from '../../src/alert/detect.js';
import { parseAlert } from '../../src/alert/parse.js';
import { AlertPayloadError, nameAlertOrigin } from '../../src/alert/payload-error.js';
import { InputError } from '../../src/errors.js';
import { loadAlertFixture } from '../fixtures/alerts/load.js';

const receivedAt = new Date('2030-01-01T00:00:00Z');

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('detectAlertFormat', () => {
  it.each([
    ['sentry-event-alert.json', 'sentry-event-alert'],
    ['sentry-error-created.json', 'sentry-error'],
    ['sentry-issue-created.json', 'sentry-issue'],
    ['sentry-issue-resolved.json', 'sentry-issue'],
    ['sentry-metric-alert-critical.json', 'sentry-metric-alert'],
    ['sentry-legacy-sentry8.json', 'sentry-legacy'],
    ['sentry-legacy-sentry9.json', 'sentry-legacy'],
    ['sentry-api-event.json', 'sentry-api'],
    ['sentry-api-issue.json', 'sentry-api'],
    ['alertmanager-group.json', 'alertmanager'],
    ['generic.json', 'generic'],
  ])('%s → %s', (fixture, format) => {
    expect(detectAlertFormat(loadAlertFixture(fixture))).toBe(format);
  });

  it('accepts Grafana’s Alertmanager-style webhook by its groupKey', () => {
    expect(detectAlertFormat({ version: '1', groupKey: '{}:{}', alerts: [] })).toBe('alertmanager');
  });

  it.each([
    [null],
    [[]],
    ['{"title": "x"}'],
    [42],
    [{}],
    [{ title: '' }],
    [{ title: '   ' }],
    [{ name: 'x', value: 1 }],
    [{ alerts: [] }],
    [{ action: 'created', data: { installation: {} } }],
  ])('%j is not an alert', (payload) => {
    expect(detectAlertFormat(payload)).toBeNull();
  });
});

describe('parseAlert errors', () => {
  it('names every expected format and what it found instead', () => {
    const error = thrown(() => parseAlert({ name: 'x', value: 1 }, { receivedAt }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'The alert payload is not a recognised alert: expected a Sentry webhook (data.event / data.issue / ' +
        'data.metric_alert / data.error), a Sentry legacy webhook, a Sentry API event (eventID), an Alertmanager ' +
        'webhook (version "4" with alerts[]), or {"title": ...}; found an object with keys name, value.',
    );
  });

  it('says so when a Sentry webhook is for a resource that is not an alert', () => {
    const error = thrown(() => parseAlert({ action: 'created', data: { comment: 'hi' } }, { receivedAt }));
    expect(error.message).toMatch(/found a Sentry "created" webhook whose data has keys comment\.$/);
  });

  it('describes arrays and scalars', () => {
    expect(thrown(() => parseAlert([1, 2], { receivedAt })).message).toMatch(/found a JSON array of 2 items\.$/);
    expect(thrown(() => parseAlert('x', { receivedAt })).message).toMatch(/found a JSON string\.$/);
  });

  it('lists the zod issues when a forced format does not match', () => {
    const error = thrown(() => parseAlert(loadAlertFixture('generic.json'), { receivedAt, format: 'alertmanager' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'The alert payload does not match the Alertmanager webhook format: alerts: Invalid input: expected array, received undefined.',
    );
  });

  it('lists nested paths for a forced Sentry format', () => {
    const payload = { action: 'created', data: { issue: { id: 7 } } };
    expect(thrown(() => parseAlert(payload, { receivedAt, format: 'sentry-issue' })).message).toBe(
      'The alert payload does not match the Sentry issue webhook format: data.issue.title: Invalid input: expected string, received undefined.',
    );
  });

  it('lists array indexes in paths', () => {
    const payload = { version: '4', alerts: [{ status: 'firing', labels: { alertname: 1 } }] };
    expect(thrown(() => parseAlert(payload, { receivedAt })).message).toMatch(/alerts\[0\]\.labels\.alertname: /);
  });

  it('parses with a forced format that matches', () => {
    const alert = parseAlert(loadAlertFixture('alertmanager-group.json'), { receivedAt, format: 'alertmanager' });
    expect(alert.format).toBe('alertmanager');
  });
});

describe('nameAlertOrigin', () => {
  it('puts the file name where the payload was', () => {
    const error = nameAlertOrigin(thrown(() => parseAlert({}, { receivedAt })), 'alert.json') as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error).not.toBeInstanceOf(AlertPayloadError);
    expect(error.message).toMatch(/^alert\.json is not a recognised alert: expected a Sentry webhook/);
    expect(error.exitCode).toBe(2);
  });

  it('leaves other errors alone', () => {
    const other = new Error('boom');
    expect(nameAlertOrigin(other, 'alert.json')).toBe(other);
  });
});
