import { describe, expect, it } from 'vitest';
import { parseAlert } from '../../src/alert/parse.js';
import { parseSentryApiEvent, parseSentryApiIssue } from '../../src/alert/sentry-api.js';
import type { Alert } from '../../src/alert/schema.js';
import { InputError } from '../../src/errors.js';
import { loadAlertFixture } from '../fixtures/alerts/load.js';

const receivedAt = new Date('2030-01-01T00:00:00Z');
const withoutChannel = ({ format: _format, raw: _raw, ...rest }: Alert): Omit<Alert, 'format' | 'raw'> => rest;

describe('Sentry REST API event', () => {
  const apiEvent = loadAlertFixture('sentry-api-event.json');
  const apiIssue = loadAlertFixture('sentry-api-issue.json');

  it('normalizes to the same alert as the webhook carrying the same event', () => {
    const fromApi = parseSentryApiEvent(apiEvent, apiIssue);
    const fromWebhook = parseAlert(loadAlertFixture('sentry-event-alert.json'), { receivedAt });
    expect(fromApi.format).toBe('sentry-api');
    // Only the issue knows its short id; the webhook's event never carries one.
    expect(withoutChannel(fromApi)).toEqual({
      ...withoutChannel(fromWebhook),
      ids: { ...fromWebhook.ids, shortId: 'SHOP-API-1A2' },
    });
  });

  it('reads camelCase frames, entries and {key, value} tags without the issue', () => {
    const alert = parseSentryApiEvent(apiEvent);
    expect(alert).toMatchObject({
      errorType: 'TypeError',
      release: 'shop-api@2.14.0',
      environment: 'production',
      route: 'POST /api/checkout',
      firedAt: '2025-03-14T09:26:53.412Z',
      url: null,
      ids: { eventId: '9f2c4b1e7d3a4f6b8c0e1d2a3b4c5d6e', issueId: '4471203311', project: '4507712', org: null },
    });
    expect(alert.stacktrace.map((f) => [f.file, f.line, f.inApp])).toEqual([
      ['node:internal/process/task_queues', 95, false],
      ['app:///node_modules/express/lib/router/layer.js', 95, false],
      ['app:///dist/orders/routes.js', 41, true],
      ['app:///src/orders/checkout.ts', 88, true],
    ]);
    expect(alert.raw).toBe(apiEvent);
  });

  it('keeps event and issue together as raw', () => {
    expect(parseSentryApiEvent(apiEvent, apiIssue).raw).toEqual({ event: apiEvent, issue: apiIssue });
  });

  it('is detected when saved to a file, alone or as {event, issue}', () => {
    expect(parseAlert(apiEvent, { receivedAt }).format).toBe('sentry-api');
    expect(parseAlert({ event: apiEvent, issue: apiIssue }, { receivedAt }).ids.shortId).toBe('SHOP-API-1A2');
  });

  it('falls back to receivedAt, and refuses without any clock', () => {
    const { dateCreated: _d, dateReceived: _r, ...timeless } = apiEvent as Record<string, unknown>;
    const alert = parseSentryApiEvent(timeless, undefined, { receivedAt });
    expect(alert).toMatchObject({ firedAt: '2030-01-01T00:00:00.000Z', firedAtSource: 'received' });
    expect(() => parseSentryApiEvent(timeless)).toThrow(/no dateCreated/);
  });

  it('rejects something that is not an API event with the zod issue', () => {
    expect(() => parseSentryApiEvent({ title: 'x' })).toThrow(InputError);
    expect(() => parseSentryApiEvent({ title: 'x' })).toThrow(/Sentry API event format: eventID: /);
  });
});

describe('Sentry REST API issue on its own', () => {
  it('reads the issue, fired when last seen', () => {
    const alert = parseSentryApiIssue(loadAlertFixture('sentry-api-issue.json'), receivedAt);
    expect(alert).toMatchObject({
      format: 'sentry-api',
      title: "TypeError: Cannot read properties of undefined (reading 'id')",
      firedAt: '2025-03-14T09:26:53.412Z',
      url: 'https://acme.sentry.io/issues/4471203311/',
      stacktrace: [],
      ids: { issueId: '4471203311', shortId: 'SHOP-API-1A2', project: 'shop-api', org: 'acme' },
    });
  });
});

describe('Sentry legacy webhook plugin', () => {
  it('reads the Sentry 9 shape', () => {
    const alert = parseAlert(loadAlertFixture('sentry-legacy-sentry9.json'), { receivedAt });
    expect(alert).toMatchObject({
      source: 'sentry',
      format: 'sentry-legacy',
      title: 'ZeroDivisionError: division by zero',
      message: 'division by zero',
      errorType: 'ZeroDivisionError',
      severity: 'critical',
      firedAt: '2025-01-28T08:20:11.250Z',
      service: 'billing',
      environment: 'prod',
      release: 'billing@5.2.1',
      route: 'billing.invoices.tasks.generate_invoice',
      culprit: 'billing.invoices.tasks in generate_invoice',
      url: 'https://sentry.example.com/organizations/acme/issues/902771/',
      ids: { eventId: '0f3e5d7c9b1a4e2d8c6b4a2f0e1d3c5b', issueId: '902771', project: 'billing', org: 'acme' },
    });
    expect(alert.tags.celery_task_name).toBe('billing.invoices.tasks.generate_invoice');
    // The first frame has no in_app: a site-packages path is a dependency.
    expect(alert.stacktrace.map((f) => [f.function, f.inApp])).toEqual([
      ['__call__', false],
      ['generate_invoice', true],
    ]);
  });

  it('reads the Sentry 8 shape with sentry.interfaces.*', () => {
    const alert = parseAlert(loadAlertFixture('sentry-legacy-sentry8.json'), { receivedAt });
    expect(alert).toMatchObject({
      format: 'sentry-legacy',
      title: "KeyError: 'sku'",
      errorType: 'KeyError',
      message: "'sku'",
      severity: 'high',
      firedAt: '2018-03-06T09:25:30.000Z',
      firedAtSource: 'payload',
      route: '/cart/add',
      url: 'https://acme.sentry.io/issues/771004/',
      ids: { issueId: '771004', project: 'storefront', org: 'acme', eventId: '7c1d5e9a3b2f4a6c8e0d2b4f6a8c0e1d' },
    });
    expect(alert.stacktrace.map((f) => [f.file, f.inApp])).toEqual([
      ['django/core/handlers/base.py', false],
      ['storefront/views/cart.py', true],
    ]);
  });
});
