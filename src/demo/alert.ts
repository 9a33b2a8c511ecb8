import { DEMO_FIRED_AT } from './scenario.js';

const frame = (absPath: string, fn: string | null, lineno: number, inApp: boolean) => ({
  abs_path: absPath,
  filename: absPath.replace('/srv/shop-api/', ''),
  function: fn,
  lineno,
  colno: 11,
  in_app: inApp,
  module: null,
  context_line: null,
  pre_context: null,
  post_context: null,
  data: {},
});

/**
 * The demo's alert, in the exact shape Sentry's integration platform POSTs for an issue alert
 * (resource `event_alert`, action `triggered`): the raw event sits in data.event.
 */
export function demoSentryAlert(): unknown {
  const timestamp = Date.parse(DEMO_FIRED_AT) / 1000;
  const eventId = '9f3c2b1a7d6e4f1c8b2a3d4e5f6a7b8c';
  return {
    action: 'triggered',
    installation: { uuid: '7a485448-a9e2-4c85-8a3c-4f44175783c9' },
    data: {
      event: {
        event_id: eventId,
        issue_id: '4711',
        title: 'TimeoutError: timeout exceeded when trying to connect',
        message: '',
        culprit: 'findOrder(src/db/orders-repo)',
        level: 'error',
        logger: '',
        platform: 'node',
        datetime: DEMO_FIRED_AT.replace('.000Z', '.000000Z'),
        timestamp,
        received: timestamp + 0.4,
        release: 'shop-api@1.8.0',
        environment: 'production',
        transaction: 'GET /api/orders/:id',
        location: 'src/db/orders-repo.ts',
        metadata: { type: 'TimeoutError', value: 'timeout exceeded when trying to connect', filename: 'src/db/orders-repo.ts', function: 'findOrder' },
        tags: [
          ['environment', 'production'],
          ['handled', 'no'],
          ['level', 'error'],
          ['release', 'shop-api@1.8.0'],
          ['server_name', 'web-1'],
          ['transaction', 'GET /api/orders/:id'],
          ['url', 'https://shop.example/api/orders/4242'],
        ],
        exception: {
          values: [
            {
              type: 'TimeoutError',
              value: 'timeout exceeded when trying to connect',
              mechanism: { type: 'onunhandledrejection', handled: false },
              stacktrace: {
                frames: [
                  frame('node:internal/process/task_queues', 'process.processTicksAndRejections', 95, false),
                  frame('/srv/shop-api/node_modules/express/lib/router/layer.js', 'Layer.handle [as handle_request]', 95, false),
                  frame('/srv/shop-api/dist/routes/orders.js', null, 8, true),
                  frame('/srv/shop-api/dist/db/orders-repo.js', 'findOrder', 6, true),
                  frame('/srv/shop-api/node_modules/pg-pool/index.js', 'Timeout._onTimeout', 45, false),
                ],
              },
            },
          ],
        },
        request: { method: 'GET', url: 'https://shop.example/api/orders/4242', headers: [['Accept', 'application/json']] },
        contexts: { runtime: { name: 'node', version: 'v20.20.2', type: 'runtime' } },
        sdk: { name: 'sentry.javascript.node', version: '10.78.0' },
        url: `https://sentry.io/api/0/projects/acme/shop-api/events/${eventId}/`,
        web_url: `https://acme.sentry.io/issues/4711/events/${eventId}/`,
        issue_url: 'https://sentry.io/api/0/issues/4711/',
      },
      triggered_rule: 'Errors in production',
      issue_alert: { title: 'Errors in production', settings: [] },
    },
    actor: { id: 'sentry', name: 'Sentry', type: 'application' },
  };
}
