import { describe, expect, it } from 'vitest';
import { parseAlert } from '../../src/alert/parse.js';
import { loadAlertFixture } from '../fixtures/alerts/load.js';

const receivedAt = new Date('2030-01-01T00:00:00Z');

describe('Alertmanager webhook', () => {
  const alert = parseAlert(loadAlertFixture('alertmanager-group.json'), { receivedAt });

  it('triages the first firing alert even when a resolved one comes first', () => {
    expect(alert).toMatchObject({
      source: 'alertmanager',
      format: 'alertmanager',
      title: 'Checkout 5xx rate above 5%',
      message: '8.3% of POST /api/checkout requests failed in the last 5 minutes.',
      errorType: null,
      severity: 'critical',
      status: 'firing',
      firedAt: '2025-03-14T09:26:53.412Z',
      firedAtSource: 'payload',
      service: 'checkout',
      environment: 'production',
      route: '/api/checkout',
      url: expect.stringMatching(/^http:\/\/prometheus\.internal:9090\/graph\?g0\.expr=sum/),
      stacktrace: [],
    });
    expect(alert.tags).toMatchObject({ alertname: 'CheckoutErrorRate', instance: '10.0.3.22:8080', team: 'shop' });
  });

  it('lists the rest of the group as related, in payload order', () => {
    expect(alert.related).toEqual([
      { title: 'p99 latency above 2s on shop-api', status: 'resolved', firedAt: '2025-03-14T09:02:11.104Z' },
      { title: 'Checkout 5xx rate above 5% (second instance)', status: 'firing', firedAt: '2025-03-14T09:27:05.000Z' },
    ]);
  });

  it('triages the first alert when every alert is resolved', () => {
    const payload = loadAlertFixture('alertmanager-group.json') as { alerts: { status: string }[] };
    for (const item of payload.alerts) item.status = 'resolved';
    expect(parseAlert(payload, { receivedAt })).toMatchObject({
      title: 'p99 latency above 2s on shop-api',
      status: 'resolved',
      severity: 'medium',
      service: 'shop-api',
    });
  });

  it('falls back to alertname, job and receivedAt when labels and times are missing', () => {
    const payload = {
      version: '4',
      status: 'firing',
      alerts: [{ status: 'firing', labels: { alertname: 'DiskFull', job: 'node' }, startsAt: '0001-01-01T00:00:00Z' }],
    };
    expect(parseAlert(payload, { receivedAt })).toMatchObject({
      title: 'DiskFull',
      message: null,
      severity: 'medium',
      service: 'node',
      url: null,
      firedAt: '2030-01-01T00:00:00.000Z',
      firedAtSource: 'received',
    });
  });
});

describe('generic alert', () => {
  it('reads every field it accepts', () => {
    expect(parseAlert(loadAlertFixture('generic.json'), { receivedAt })).toMatchObject({
      source: 'generic',
      format: 'generic',
      title: 'Checkout returns 500 for logged-in users',
      message: 'Reported by support: every checkout attempt since 10:20 fails.',
      severity: 'critical',
      status: 'firing',
      firedAt: '2025-03-14T09:26:53.000Z',
      firedAtSource: 'payload',
      service: 'shop-api',
      environment: 'production',
      release: 'shop-api@2.14.0',
      route: 'POST /api/checkout',
      url: 'https://status.example.com/incidents/42',
      ids: { eventId: null, issueId: null, shortId: null, project: null, org: null },
    });
  });

  it('needs only a title, and then uses the time it was received', () => {
    expect(parseAlert({ title: 'db is slow' }, { receivedAt })).toMatchObject({
      title: 'db is slow',
      severity: 'medium',
      firedAt: '2030-01-01T00:00:00.000Z',
      firedAtSource: 'received',
    });
  });

  it('accepts epoch seconds for firedAt', () => {
    expect(parseAlert({ title: 't', firedAt: 1741944413 }, { receivedAt }).firedAt).toBe('2025-03-14T09:26:53.000Z');
  });

  it('rejects an unparseable firedAt, naming the field', () => {
    expect(() => parseAlert({ title: 't', firedAt: 'yesterday' }, { receivedAt })).toThrow(
      /generic \{"title": \.\.\.\} format: firedAt: expected an ISO 8601 time/,
    );
  });
});
