import { nodeFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * A small Node service (pino, a few requests a minute) that receives Stripe webhooks. Moving
 * express.json() to the app level hands the webhook route a parsed body, so signature checks
 * fail on every event. The changed file (src/server.ts) is not in the stack; the stripe bump
 * from the morning is (node_modules/stripe), but webhooks kept verifying for the hour of logs
 * after it. The error itself says what happened: "Are you passing the raw request body".
 */

const FIRED = '2026-04-24T09:31:45.000Z';
const frame = (file: string, fn: string | null, lineno: number, inApp: boolean) => nodeFrame('/app', file, fn, lineno, inApp);

const serverV1 = `import express from 'express';
import pinoHttp from 'pino-http';
import { account } from './routes/account.js';
import { webhooks } from './routes/webhooks.js';

const app = express();
app.use(pinoHttp());
app.use('/webhooks', webhooks);
app.use('/api', express.json(), account);
app.listen(3000);
`;

const serverV2 = `import express from 'express';
import pinoHttp from 'pino-http';
import { account } from './routes/account.js';
import { webhooks } from './routes/webhooks.js';

const app = express();
app.use(pinoHttp(), express.json());
app.use('/webhooks', webhooks);
app.use('/api', account);
app.listen(3000);
`;

const pkg = (stripe: string): string => `{\n  "name": "billing-hooks",\n  "type": "module",\n  "dependencies": { "express": "4.21.2", "pino-http": "10.4.0", "stripe": "${stripe}" }\n}\n`;

const SIGNATURE = {
  type: 'StripeSignatureVerificationError',
  message: 'No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe?',
};

export const scenario: Scenario = {
  id: 'webhook-raw-body',
  title: 'Node, low traffic: a global body parser breaks Stripe webhook signatures; the changed file is not in the stack',
  firedAt: FIRED,
  base: {
    'package.json': pkg('17.4.0'),
    'src/server.ts': serverV1,
    'src/routes/webhooks.ts': "import { Router, raw } from 'express';\nimport Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_KEY ?? '');\nexport const webhooks = Router();\n\nwebhooks.post('/stripe', raw({ type: 'application/json' }), (req, res) => {\n  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET ?? '');\n  res.json({ received: event.id });\n});\n",
    'src/routes/account.ts': "import { Router } from 'express';\n\nexport const account = Router();\naccount.get('/account', (_req, res) => res.json({ plan: 'pro' }));\n",
    'README.md': '# billing-hooks\n',
  },
  commits: [
    { at: -290, message: 'Bump stripe from 17.4.0 to 17.5.0', files: { 'package.json': pkg('17.5.0') }, author: 'dependabot[bot]' },
    { at: -76, message: 'Parse JSON bodies globally', files: { 'src/server.ts': serverV2 }, author: 'Chloé Martin' },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'node',
    sdk: { name: 'sentry.javascript.node', version: '10.3.0' },
    org: 'chloe-dev',
    project: 'billing-hooks',
    issueId: '51772',
    eventId: '4b3a2c1d0e9f48a7b6c5d4e3f2a1b0c9',
    errorType: SIGNATURE.type,
    errorValue: SIGNATURE.message,
    culprit: 'validateComputedSignature(node_modules/stripe/cjs/Webhooks)',
    transaction: 'POST /webhooks/stripe',
    release: null,
    serverName: 'billing-hooks',
    request: { method: 'POST', url: 'https://hooks.chloe.dev/webhooks/stripe' },
    rule: 'More than 10 events in 1h',
    frames: [
      frame('node_modules/express/lib/router/layer.js', 'Layer.handle [as handle_request]', 95, false),
      frame('dist/routes/webhooks.js', null, 8, true),
      frame('node_modules/stripe/cjs/Webhooks.js', 'Object.constructEvent', 12, false),
      frame('node_modules/stripe/cjs/Webhooks.js', 'validateComputedSignature', 150, false),
    ],
  }),
  logs: [
    {
      path: 'logs/billing-hooks.log',
      format: 'pino',
      traffic: {
        seed: 1919,
        from: -120,
        to: 2,
        perMinute: [2, 6],
        hosts: ['billing-hooks'],
        routes: [
          { method: 'POST', path: '/webhooks/stripe', weight: 0.5, latencyMs: [20, 90] },
          { method: 'GET', path: '/api/account', weight: 0.3, latencyMs: [5, 20] },
          { method: 'GET', path: '/healthz', weight: 0.2, latencyMs: [1, 2] },
        ],
        faults: [{ from: -70, route: '/webhooks/stripe', rate: 1, status: 500, latencyMs: [3, 9], error: SIGNATURE }],
      },
    },
  ],
  expected: { suspect: 'Parse JSON bodies globally', category: 'code-change', route: '/webhooks/stripe', onset: minuteOf(FIRED, -70) },
};
