import { describe, expect, it } from 'vitest';
import { parseAlert } from '../../src/alert/parse.js';
import type { Alert } from '../../src/alert/schema.js';
import { loadAlertFixture } from '../fixtures/alerts/load.js';

const receivedAt = new Date('2030-01-01T00:00:00Z');
const parse = (name: string): Alert => parseAlert(loadAlertFixture(name), { receivedAt });

describe('Sentry event_alert webhook', () => {
  const alert = parse('sentry-event-alert.json');

  it('reads the event that triggered the rule', () => {
    expect(alert).toMatchObject({
      source: 'sentry',
      format: 'sentry-event-alert',
      title: "TypeError: Cannot read properties of undefined (reading 'id')",
      message: "Cannot read properties of undefined (reading 'id')",
      errorType: 'TypeError',
      severity: 'high',
      status: 'firing',
      firedAt: '2025-03-14T09:26:53.412Z',
      firedAtSource: 'payload',
      service: 'shop-api',
      environment: 'production',
      release: 'shop-api@2.14.0',
      route: 'POST /api/checkout',
      culprit: 'placeOrder(src/orders/checkout)',
      url: 'https://acme.sentry.io/issues/4471203311/',
      ids: {
        eventId: '9f2c4b1e7d3a4f6b8c0e1d2a3b4c5d6e',
        issueId: '4471203311',
        shortId: null,
        project: 'shop-api',
        org: 'acme',
      },
    });
    expect(alert.tags).toMatchObject({ server_name: 'web-2', handled: 'no' });
  });

  it('takes frames from the exception raised last, oldest call first', () => {
    expect(alert.stacktrace.map((frame) => frame.function)).toEqual([
      'process.processTicksAndRejections',
      'Layer.handle [as handle_request]',
      'handleCheckout',
      'placeOrder',
    ]);
    expect(alert.stacktrace.at(-1)).toEqual({
      file: 'app:///src/orders/checkout.ts',
      line: 88,
      function: 'placeOrder',
      inApp: true,
      absPath: '/srv/shop-api/src/orders/checkout.ts',
      module: 'orders:checkout',
    });
    expect(alert.stacktrace[0]?.absPath).toBeNull();
  });

  it('keeps the payload as raw', () => {
    expect(alert.raw).toEqual(loadAlertFixture('sentry-event-alert.json'));
  });
});

describe('Sentry error webhook', () => {
  it('normalizes to the same alert as the event_alert carrying the same event', () => {
    const { format, raw: _raw, ...rest } = parse('sentry-error-created.json');
    const { raw: _raw2, ...fromEventAlert } = parse('sentry-event-alert.json');
    expect(format).toBe('sentry-error');
    expect({ ...rest, format: 'sentry-event-alert' }).toEqual(fromEventAlert);
  });
});

describe('Sentry issue webhook', () => {
  it('reads a created issue: fired when first seen, no stack frames', () => {
    expect(parse('sentry-issue-created.json')).toMatchObject({
      format: 'sentry-issue',
      title: 'SmtpTimeoutError: SMTP handshake timed out after 10000ms',
      message: 'SMTP handshake timed out after 10000ms',
      errorType: 'SmtpTimeoutError',
      severity: 'medium',
      status: 'firing',
      firedAt: '2025-02-03T17:40:12.118Z',
      culprit: 'sendReceipt(src/mail/receipts)',
      url: 'https://acme.sentry.io/issues/4388120057/',
      stacktrace: [],
      ids: { issueId: '4388120057', shortId: 'SHOP-API-19Z', project: 'shop-api', org: 'acme', eventId: null },
    });
  });

  it('reads a resolved issue: resolved, fired when last seen', () => {
    expect(parse('sentry-issue-resolved.json')).toMatchObject({
      status: 'resolved',
      firedAt: '2025-02-03T17:52:48.903Z',
    });
  });

  it('uses the permalink when Sentry sends one', () => {
    const payload = loadAlertFixture('sentry-issue-created.json') as { data: { issue: Record<string, unknown> } };
    payload.data.issue.permalink = 'https://acme.sentry.io/issues/4388120057/?referrer=webhooks_plugin';
    expect(parseAlert(payload, { receivedAt }).url).toBe('https://acme.sentry.io/issues/4388120057/');
  });
});

describe('Sentry metric_alert webhook', () => {
  const withAction = (action: string): Alert => {
    const payload = loadAlertFixture('sentry-metric-alert-critical.json') as Record<string, unknown>;
    return parseAlert({ ...payload, action }, { receivedAt });
  };

  it('reads a critical alert', () => {
    expect(parse('sentry-metric-alert-critical.json')).toMatchObject({
      format: 'sentry-metric-alert',
      title: 'Critical: Checkout latency',
      severity: 'critical',
      status: 'firing',
      firedAt: '2025-03-14T09:25:00.000Z',
      environment: 'production',
      service: 'shop-api',
      url: 'https://acme.sentry.io/alerts/rules/details/311/?alert=1207',
      tags: { aggregate: 'p95(transaction.duration)', dataset: 'transactions', time_window: '5' },
      ids: { project: 'shop-api', org: 'acme', issueId: null },
      stacktrace: [],
    });
    expect(parse('sentry-metric-alert-critical.json').message).toContain('above 1500ms');
  });

  it.each([
    ['critical', 'critical', 'firing'],
    ['warning', 'medium', 'firing'],
    ['resolved', 'info', 'resolved'],
  ])('maps action %s to severity %s, status %s', (action, severity, status) => {
    expect(withAction(action)).toMatchObject({ severity, status });
  });
});
