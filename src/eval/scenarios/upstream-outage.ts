import { nodeFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Node checkout service (express-winston JSON logs, axios to Stripe). Stripe's API degrades:
 * 503s and connection resets. Nothing that runs changed: the window holds only tests and docs.
 */

const FIRED = '2026-05-14T18:22:05.000Z';
const frame = (file: string, fn: string | null, lineno: number, inApp: boolean) => nodeFrame('/srv/checkout', file, fn, lineno, inApp);

const AXIOS_503 = {
  type: 'AxiosError',
  message: 'Request failed with status code 503 (POST https://api.stripe.com/v1/payment_intents)',
  stack:
    'AxiosError: Request failed with status code 503\n    at settle (/srv/checkout/node_modules/axios/lib/core/settle.js:19:12)\n    at IncomingMessage.handleStreamEnd (/srv/checkout/node_modules/axios/lib/adapters/http.js:599:11)\n    at createPaymentIntent (/srv/checkout/dist/payments/stripe.js:31:22)',
};

const RESET = {
  type: 'Error',
  message: 'read ECONNRESET (POST https://api.stripe.com/v1/payment_intents)',
  stack: 'Error: read ECONNRESET\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:218:20)\n    at createPaymentIntent (/srv/checkout/dist/payments/stripe.js:31:22)',
};

export const scenario: Scenario = {
  id: 'upstream-outage',
  title: 'Node: Stripe returns 503 / resets connections; only tests and docs changed',
  firedAt: FIRED,
  base: {
    'package.json': '{\n  "name": "checkout",\n  "type": "module",\n  "dependencies": { "axios": "1.9.0", "express": "4.21.2", "express-winston": "4.2.0", "winston": "3.17.0" }\n}\n',
    'src/server.ts': "import express from 'express';\nimport { checkout } from './routes/checkout.js';\nimport { requestLogger, errorLogger } from './logging.js';\n\nconst app = express();\napp.use(requestLogger, express.json(), checkout, errorLogger);\napp.listen(8080);\n",
    'src/logging.ts': "import expressWinston from 'express-winston';\nimport winston from 'winston';\n\nconst format = winston.format.combine(winston.format.timestamp(), winston.format.json());\nexport const requestLogger = expressWinston.logger({ transports: [new winston.transports.Console()], format, statusLevels: true });\nexport const errorLogger = expressWinston.errorLogger({ transports: [new winston.transports.Console()], format });\n",
    'src/routes/checkout.ts': "import { Router } from 'express';\nimport { createPaymentIntent } from '../payments/stripe.js';\n\nexport const checkout = Router();\n\ncheckout.post('/api/checkout', async (req, res, next) => {\n  try {\n    res.status(201).json(await createPaymentIntent(req.body.amount));\n  } catch (error) {\n    res.status(502);\n    next(error);\n  }\n});\n",
    'src/payments/stripe.ts': "import axios from 'axios';\n\nconst stripe = axios.create({ baseURL: 'https://api.stripe.com/v1', timeout: 10_000, headers: { Authorization: `Bearer ${process.env.STRIPE_KEY}` } });\n\nexport async function createPaymentIntent(amount: number) {\n  const { data } = await stripe.post('/payment_intents', new URLSearchParams({ amount: String(amount), currency: 'eur' }));\n  return data;\n}\n",
    'src/routes/catalog.ts': "import { Router } from 'express';\n\nexport const catalog = Router();\ncatalog.get('/api/catalog', (_req, res) => res.json([]));\n",
    'test/checkout.test.ts': "import { it } from 'vitest';\n\nit('creates a payment intent', () => {});\n",
    'README.md': '# checkout\n',
  },
  commits: [
    { at: -140, message: 'Cover refund edge cases in tests', files: { 'test/refunds.test.ts': "import { it } from 'vitest';\n\nit('refunds a partial capture', () => {});\n" }, author: 'Jonas Weber' },
    { at: -52, message: 'Deflake the checkout retry test', files: { 'test/checkout.test.ts': "import { it } from 'vitest';\n\nit('creates a payment intent', () => {});\nit('retries once on 409', () => {});\n" }, author: 'Jonas Weber' },
    { at: -24, message: 'Explain local Stripe setup in the README', files: { 'README.md': '# checkout\n\nSet STRIPE_KEY to a test key to run locally.\n' }, author: 'Jonas Weber' },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'node',
    sdk: { name: 'sentry.javascript.node', version: '10.5.0' },
    org: 'paystack-demo',
    project: 'checkout',
    issueId: '60114',
    eventId: '5d1f4c7a9e2b4e0c8f3a6b1d2c7e9f00',
    errorType: 'AxiosError',
    errorValue: 'Request failed with status code 503',
    culprit: 'settle(node_modules/axios/lib/core/settle)',
    transaction: 'POST /api/checkout',
    release: 'checkout@3.4.1',
    serverName: 'checkout-1',
    request: { method: 'POST', url: 'https://pay.example.com/api/checkout' },
    frames: [
      frame('node_modules/express/lib/router/layer.js', 'Layer.handle [as handle_request]', 95, false),
      frame('dist/routes/checkout.js', null, 9, true),
      frame('dist/payments/stripe.js', 'createPaymentIntent', 31, true),
      frame('node_modules/axios/lib/core/Axios.js', 'Axios.request', 45, false),
      frame('node_modules/axios/lib/adapters/http.js', 'IncomingMessage.handleStreamEnd', 599, false),
      frame('node_modules/axios/lib/core/settle.js', 'settle', 19, false),
    ],
  }),
  logs: [
    {
      path: 'logs/checkout.log',
      format: 'express-winston',
      traffic: {
        seed: 303,
        from: -120,
        to: 3,
        perMinute: [30, 42],
        hosts: ['checkout-1'],
        routes: [
          { method: 'POST', path: '/api/checkout', weight: 0.3, latencyMs: [250, 900] },
          { method: 'GET', path: '/api/catalog', weight: 0.45, latencyMs: [5, 25] },
          { method: 'GET', path: '/api/orders/:id', weight: 0.25, latencyMs: [10, 40] },
        ],
        faults: [
          { from: -17, route: '/api/checkout', rate: 0.35, status: 502, latencyMs: [900, 3000], error: AXIOS_503 },
          { from: -17, route: '/api/checkout', rate: 0.12, status: 502, latencyMs: [5000, 10000], error: RESET },
        ],
      },
    },
  ],
  expected: { suspect: null, category: 'external-dependency', route: '/api/checkout', onset: minuteOf(FIRED, -17) },
};
