import { nodeFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Node checkout (pino, Node's fetch/undici). This morning's change to the Stripe client file
 * (idempotency keys) has run for hours, the logs show two healthy hours of payments after it;
 * then Stripe starts failing: 503s and connection resets. The right answer is the upstream,
 * not the commit, even though it touches a file of the stack trace.
 */

const FIRED = '2026-08-27T16:41:37.000Z';
const frame = (file: string, fn: string | null, lineno: number, inApp: boolean) => nodeFrame('/srv/checkout', file, fn, lineno, inApp);

const clientV1 = `const STRIPE = 'https://api.stripe.com/v1';

export async function createPaymentIntent(amountCents: number): Promise<unknown> {
  const response = await fetch(\`\${STRIPE}/payment_intents\`, {
    method: 'POST',
    headers: { Authorization: \`Bearer \${process.env.STRIPE_KEY}\` },
    body: new URLSearchParams({ amount: String(amountCents), currency: 'eur' }),
  });
  if (!response.ok) throw new Error(\`Stripe API responded \${response.status} \${response.statusText}\`);
  return response.json();
}
`;

const clientV2 = clientV1
  .replace('export async function createPaymentIntent(amountCents: number): Promise<unknown> {', 'export async function createPaymentIntent(amountCents: number, orderId: string): Promise<unknown> {')
  .replace("headers: { Authorization: `Bearer ${process.env.STRIPE_KEY}` },", "headers: { Authorization: `Bearer ${process.env.STRIPE_KEY}`, 'Idempotency-Key': `order-${orderId}` },");

const FETCH_FAILED = {
  type: 'TypeError',
  message: 'fetch failed (cause: read ECONNRESET) POST https://api.stripe.com/v1/payment_intents',
  stack: 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:13510:13\n    at async createPaymentIntent (/srv/checkout/dist/payments/stripe.js:4:22)',
};

const STRIPE_503 = {
  type: 'Error',
  message: 'Stripe API responded 503 Service Unavailable (POST https://api.stripe.com/v1/payment_intents)',
  stack: 'Error: Stripe API responded 503 Service Unavailable\n    at createPaymentIntent (/srv/checkout/dist/payments/stripe.js:9:35)',
};

export const scenario: Scenario = {
  id: 'upstream-after-client-change',
  title: 'Node: Stripe fails hours after a healthy change to the Stripe client file (fetch/undici)',
  firedAt: FIRED,
  base: {
    'package.json': '{\n  "name": "checkout",\n  "type": "module",\n  "dependencies": { "express": "4.21.2", "pino-http": "10.4.0" }\n}\n',
    'src/server.ts': "import express from 'express';\nimport pinoHttp from 'pino-http';\nimport { checkout } from './routes/checkout.js';\n\nexpress().use(pinoHttp(), express.json(), checkout).listen(8080);\n",
    'src/routes/checkout.ts': "import { Router } from 'express';\nimport { createPaymentIntent } from '../payments/stripe.js';\n\nexport const checkout = Router();\n\ncheckout.post('/api/checkout', async (req, res, next) => {\n  try {\n    res.status(201).json(await createPaymentIntent(req.body.amountCents, req.body.orderId));\n  } catch (error) {\n    res.status(502);\n    next(error);\n  }\n});\n",
    'src/payments/stripe.ts': clientV1,
    'test/checkout.test.ts': "import { it } from 'vitest';\n\nit('creates a payment intent', () => {});\n",
    'README.md': '# checkout\n',
  },
  commits: [
    { at: -265, message: 'Send idempotency keys with Stripe requests', files: { 'src/payments/stripe.ts': clientV2 }, author: 'Jonas Weber' },
    { at: -70, message: 'Test idempotent retries', files: { 'test/checkout.test.ts': "import { it } from 'vitest';\n\nit('creates a payment intent', () => {});\nit('reuses the idempotency key on retry', () => {});\n" }, author: 'Jonas Weber' },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'node',
    sdk: { name: 'sentry.javascript.node', version: '10.10.0' },
    org: 'paystack-demo',
    project: 'checkout',
    issueId: '60877',
    eventId: '8e1c3a5f7b9d4e2f8a6c4e2a0b8d6f4c',
    errorType: 'Error',
    errorValue: 'Stripe API responded 503 Service Unavailable',
    culprit: 'createPaymentIntent(dist/payments/stripe)',
    transaction: 'POST /api/checkout',
    release: 'checkout@3.5.0',
    serverName: 'checkout-1',
    request: { method: 'POST', url: 'https://pay.example.com/api/checkout' },
    frames: [
      frame('node:internal/process/task_queues', 'process.processTicksAndRejections', 105, false),
      frame('node_modules/express/lib/router/layer.js', 'Layer.handle [as handle_request]', 95, false),
      frame('dist/routes/checkout.js', null, 8, true),
      frame('dist/payments/stripe.js', 'createPaymentIntent', 9, true),
    ],
  }),
  logs: [
    {
      path: 'logs/checkout.log',
      format: 'pino',
      traffic: {
        seed: 1717,
        from: -120,
        to: 3,
        perMinute: [30, 42],
        hosts: ['checkout-1'],
        release: 'checkout@3.5.0',
        routes: [
          { method: 'POST', path: '/api/checkout', weight: 0.3, latencyMs: [250, 900] },
          { method: 'GET', path: '/api/catalog', weight: 0.45, latencyMs: [5, 25] },
          { method: 'GET', path: '/api/orders/:id', weight: 0.25, latencyMs: [10, 40] },
        ],
        faults: [
          { from: -21, route: '/api/checkout', rate: 0.4, status: 502, latencyMs: [900, 3000], error: STRIPE_503 },
          { from: -21, route: '/api/checkout', rate: 0.15, status: 502, latencyMs: [4000, 9000], error: FETCH_FAILED },
        ],
      },
    },
  ],
  expected: { suspect: null, category: 'external-dependency', route: '/api/checkout', onset: minuteOf(FIRED, -21) },
};
