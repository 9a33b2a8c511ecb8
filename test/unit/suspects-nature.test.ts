import { describe, expect, it } from 'vitest';
import { classifyErrorNature, judgeTiming, termsOf } from '../../src/evidence/suspects/index.js';
import { externalHosts, routeShape } from '../../src/evidence/suspects/hosts.js';
import { makeAlert, stackFrame, template } from '../fixtures/suspects/builders.js';

describe('classifyErrorNature', () => {
  it.each([
    ['TimeoutError: Query read timeout', 'timeout'],
    ['context deadline exceeded', 'timeout'],
    ['OperationalError: too many connections for role "app"', 'database'],
    ['error: relation "orders" does not exist', 'database'],
    ['FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', 'memory'],
    ['JsonWebTokenError: invalid signature', 'auth'],
    ['Error: Missing required env var STRIPE_KEY', 'config'],
    ["TypeError: Cannot read properties of undefined (reading 'id')", 'parsing'],
  ])('%s → %s', (title, flag) => {
    expect(classifyErrorNature(makeAlert({ title }), []).flags).toContain(flag);
  });

  it('sees a database client in the stack', () => {
    const alert = makeAlert({ title: 'Error: Connection terminated unexpectedly', stacktrace: [stackFrame('/app/node_modules/pg/lib/client.js')] });
    expect(classifyErrorNature(alert, []).flags).toContain('database');
  });

  it('takes ECONNREFUSED to a database port as a database problem, not an upstream one', () => {
    const nature = classifyErrorNature(makeAlert({ title: 'Error: connect ECONNREFUSED 10.0.0.5:5432' }), []);
    expect(nature.flags).toContain('database');
    expect(nature.flags).not.toContain('upstream');
  });

  it('finds upstream hints: an external host, a network error, an upstream status, an HTTP client frame', () => {
    const alert = makeAlert({
      title: 'Error: connect ETIMEDOUT api.sendgrid.com:443',
      stacktrace: [stackFrame('/app/src/mail.ts'), stackFrame('/app/node_modules/@sendgrid/mail/src/mail.js')],
    });
    const nature = classifyErrorNature(alert, [template('T2', 'upstream error 503 from api.sendgrid.com', 0, 50)]);
    expect(nature.externalHosts).toEqual(['api.sendgrid.com']);
    expect(nature.upstreamHints.map((hint) => hint.hint)).toEqual([
      'the errors name api.sendgrid.com',
      'calls fail with ETIMEDOUT',
      'responses say "upstream"',
      'it threw inside the HTTP client @sendgrid/mail',
    ]);
    expect(nature.upstreamHints[0]?.evidence).toEqual(['alert', 'template:T2']);
  });

  it('does not call the service’s own 5xx an upstream failure', () => {
    const nature = classifyErrorNature(makeAlert({ title: 'High rate of HTTP 503 on /api/checkout', source: 'alertmanager' }), []);
    expect(nature.flags).not.toContain('upstream');
  });

  it('ignores templates that did not grow after the onset', () => {
    const nature = classifyErrorNature(makeAlert({ title: 'Error' }), [template('T1', 'heap out of memory', 10, 10)]);
    expect(nature.flags).not.toContain('memory');
  });
});

describe('externalHosts', () => {
  it('keeps public hosts and drops the service’s own, private and file-like names', () => {
    const text = 'GET https://api.stripe.com/v1 via http://localhost:3000, 10.1.2.3:8080, redis.internal:6379, shop-api, socket.io, views.py, o1.ingest.sentry.io, hooks.slack.com';
    expect(externalHosts(text, ['shop-api'])).toEqual(['api.stripe.com', 'hooks.slack.com']);
  });
});

describe('externalHosts and own routes', () => {
  it('takes a URL to one of the service’s own routes as the service itself', () => {
    const text = 'Uptime check failed: GET https://shop.example.org/api/orders/4711 returned HTTP 500; then https://api.stripe.com/v1/charges';
    expect(externalHosts(text, [], ['/api/orders/:id'])).toEqual(['api.stripe.com']);
    expect(externalHosts(text, [])).toEqual(['shop.example.org', 'api.stripe.com']);
  });

  it('does not read Go module paths as hosts', () => {
    expect(externalHosts('panic at github.com/acme/shop/internal/orders.(*Service).Place', [])).toEqual([]);
  });

  it.each([
    ['/api/orders/4711', '/api/orders/:id'],
    ['GET /api/orders/:id', '/api/orders/:id'],
    ['/orders/{number}/complete', '/orders/:id/complete'],
    ['/api/v1/files/3f2a1b9c-77aa', '/api/v1/files/:id'],
    ['/api/products/', '/api/products'],
  ])('routeShape(%s) = %s', (route, shape) => {
    expect(routeShape(route)).toBe(shape);
  });
});

describe('error identifiers', () => {
  it('collects snake_case, camelCase and PascalCase names, not error classes or common log keys', () => {
    const alert = makeAlert({ title: 'PG::UndefinedColumn: column orders.gift_note does not exist', message: 'in taxFor via OrderSerializer (request_id=abc) TypeError' });
    expect(classifyErrorNature(alert, []).identifiers.map((identifier) => identifier.name)).toEqual(['UndefinedColumn', 'gift_note', 'taxFor', 'OrderSerializer']);
  });
});

describe('judgeTiming', () => {
  const onset = '2024-05-10T12:00:00.000Z';
  it.each([
    ['2024-05-10T11:50:00.000Z', 1, 'committed 10 min before the errors began'],
    ['2024-05-10T08:00:00.000Z', 0.925, 'committed 4 h before the errors began'],
    ['2024-05-08T12:00:00.000Z', 0.508, 'committed 2 days before the errors began, with a healthy stretch between'],
    ['2024-04-01T12:00:00.000Z', 0.25, 'committed 39 days before the errors began, with a healthy stretch between'],
  ])('%s weighs %s', (at, weight, reason) => {
    const judged = judgeTiming(at, onset, true);
    expect(judged.weight).toBeCloseTo(weight, 2);
    expect(judged.reason).toBe(reason);
    expect(judged.after).toBe(false);
  });

  it('marks commits after the onset and those within half an hour before it', () => {
    expect(judgeTiming('2024-05-10T12:05:00.000Z', onset, true)).toMatchObject({ after: true, weight: 0 });
    expect(judgeTiming('2024-05-10T11:45:00.000Z', onset, true).immediate).toBe(true);
    expect(judgeTiming('2024-05-10T11:00:00.000Z', onset, true).immediate).toBe(false);
  });

  it('is more lenient with older commits when only the firing time is known', () => {
    const at = '2024-05-09T12:00:00.000Z';
    expect(judgeTiming(at, onset, false).weight).toBeGreaterThan(judgeTiming(at, onset, true).weight);
    expect(judgeTiming(at, onset, false).reason).toBe('committed 24 h before the alert fired');
  });
});

describe('termsOf', () => {
  it.each([
    ['/api/upload/:id', ['upload']],
    ['internal/upload/handler.go', ['upload']],
    ['src/routes/uploads.ts', ['upload']],
    ['UploadController#create', ['upload', 'create']],
    ['POST /api/v1/categories/{slug}', ['category']],
  ])('%s → %j', (text, terms) => {
    expect(termsOf(text)).toEqual(terms);
  });
});
