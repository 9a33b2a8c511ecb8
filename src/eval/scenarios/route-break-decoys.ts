import { nodeFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Node/TS shop: a tax change breaks checkout for customers without a region. Decoys: a newer
 * product-listing change that went out in the same deploy, and a commit from this morning to
 * the very file that throws (deployed then as v1.8.3, healthy until the afternoon deploy).
 */

const FIRED = '2026-03-10T14:37:12.000Z';

const taxV1 = `import type { Cart } from '../types.js';

export function taxFor(cart: Cart): number {
  return cart.subtotal * 0.2;
}
`;

const taxV2 = `import type { Cart } from '../types.js';

export function taxFor(cart: Cart): number {
  // Whole cents: the payment provider rejects fractions.
  return Math.round(cart.subtotal * 0.2 * 100) / 100;
}
`;

const taxV3 = `import type { Cart } from '../types.js';
import { REGIONS } from '../config/regions.js';

export function taxFor(cart: Cart): number {
  const region = REGIONS[cart.customer.region];
  const rate = region.rates[cart.category] ?? region.rates.default;
  return Math.round(cart.subtotal * rate * 100) / 100;
}
`;

const productsV1 = `import { Router } from 'express';
import { listProducts, findProduct } from '../services/catalog.js';

export const products = Router();

products.get('/api/products', async (_req, res) => res.json(await listProducts()));
products.get('/api/products/:id', async (req, res) => res.json(await findProduct(req.params.id)));
`;

const productsV2 = productsV1.replace(
  "async (_req, res) => res.json(await listProducts())",
  'async (req, res) => res.json(await listProducts({ page: Number(req.query.page ?? 1), perPage: 24 }))',
);

const frame = (file: string, fn: string | null, lineno: number, inApp: boolean) => nodeFrame('/srv/shop-api', file, fn, lineno, inApp);

export const scenario: Scenario = {
  id: 'route-break-decoys',
  title: 'Node: a tax change breaks POST /api/checkout; a newer and an older same-file commit are decoys',
  firedAt: FIRED,
  base: {
    'package.json': '{\n  "name": "shop-api",\n  "type": "module",\n  "dependencies": { "express": "4.21.1" }\n}\n',
    'src/server.ts': "import express from 'express';\nimport { products } from './routes/products.js';\nimport { checkout } from './routes/checkout.js';\n\nconst app = express();\napp.use(express.json(), products, checkout);\napp.listen(3000);\n",
    'src/routes/products.ts': productsV1,
    'src/routes/checkout.ts': "import { Router } from 'express';\nimport { placeOrder } from '../services/checkout.js';\n\nexport const checkout = Router();\n\ncheckout.post('/api/checkout', async (req, res, next) => {\n  try {\n    res.status(201).json(await placeOrder(req.body));\n  } catch (error) {\n    next(error);\n  }\n});\n",
    'src/services/checkout.ts': "import { taxFor } from './tax.js';\nimport type { Cart } from '../types.js';\n\nexport async function placeOrder(cart: Cart) {\n  const tax = taxFor(cart);\n  return { total: cart.subtotal + tax, tax };\n}\n",
    'src/services/tax.ts': taxV1,
    'src/services/catalog.ts': 'export async function listProducts(_options = {}) {\n  return [];\n}\n\nexport async function findProduct(id: string) {\n  return { id };\n}\n',
    'src/config/regions.ts': "export const REGIONS: Record<string, { rates: Record<string, number> }> = {\n  eu: { rates: { default: 0.2, books: 0.05 } },\n};\n",
    'src/types.ts': 'export interface Cart {\n  subtotal: number;\n  category: string;\n  customer: { id: string; region?: string };\n}\n',
    'README.md': '# shop-api\n',
  },
  commits: [
    { at: -370, message: 'Round tax to whole cents', files: { 'src/services/tax.ts': taxV2 }, author: 'Ana Lima', tag: 'v1.8.3' },
    { at: -71, message: 'Apply regional tax rules at checkout', files: { 'src/services/tax.ts': taxV3 }, author: 'Ben Okafor' },
    {
      at: -58,
      message: 'Paginate the product list',
      files: { 'src/routes/products.ts': productsV2, 'test/products.test.ts': "import { it } from 'vitest';\n\nit('pages', () => {});\n" },
      author: 'Ana Lima',
      tag: 'v1.8.4',
    },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'node',
    sdk: { name: 'sentry.javascript.node', version: '10.22.0' },
    org: 'acme',
    project: 'shop-api',
    issueId: '5120',
    eventId: '3b9d0c2e41f84a7e9a51c0d7e6f21b44',
    errorType: 'TypeError',
    errorValue: "Cannot read properties of undefined (reading 'rates')",
    culprit: 'taxFor(dist/services/tax)',
    transaction: 'POST /api/checkout',
    release: 'shop-api@1.8.4',
    serverName: 'web-2',
    request: { method: 'POST', url: 'https://shop.example/api/checkout' },
    frames: [
      frame('node:internal/process/task_queues', 'process.processTicksAndRejections', 95, false),
      frame('node_modules/express/lib/router/layer.js', 'Layer.handle [as handle_request]', 95, false),
      frame('dist/routes/checkout.js', null, 8, true),
      frame('dist/services/checkout.js', 'placeOrder', 5, true),
      frame('dist/services/tax.js', 'taxFor', 6, true),
    ],
  }),
  logs: [
    {
      path: 'logs/shop-api.log',
      format: 'pino',
      traffic: {
        seed: 101,
        from: -120,
        to: 3,
        perMinute: [40, 55],
        hosts: ['web-1', 'web-2'],
        release: { before: 'shop-api@1.8.3', after: 'shop-api@1.8.4', at: -47 },
        routes: [
          { method: 'GET', path: '/api/products', weight: 0.35, latencyMs: [12, 60] },
          { method: 'GET', path: '/api/products/:id', weight: 0.25, latencyMs: [8, 40] },
          { method: 'POST', path: '/api/checkout', weight: 0.12, latencyMs: [80, 240] },
          { method: 'GET', path: '/api/orders/:id', weight: 0.18, latencyMs: [15, 70] },
          { method: 'GET', path: '/health', weight: 0.1, latencyMs: [1, 3] },
        ],
        faults: [
          {
            from: -46,
            route: '/api/checkout',
            rate: 0.35,
            status: 500,
            latencyMs: [20, 60],
            error: {
              type: 'TypeError',
              message: "Cannot read properties of undefined (reading 'rates')",
              stack: "TypeError: Cannot read properties of undefined (reading 'rates')\n    at taxFor (/srv/shop-api/dist/services/tax.js:6:23)\n    at placeOrder (/srv/shop-api/dist/services/checkout.js:5:15)",
            },
          },
        ],
      },
    },
  ],
  expected: { suspect: 'Apply regional tax rules at checkout', category: 'code-change', route: '/api/checkout', onset: minuteOf(FIRED, -46) },
};
