import { nodeFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Node shop (pino). Sentry reports release shop@2.3.0, which is tag v2.3.0 (an `npm version`
 * commit). The culprit is in that release; two later commits, one touching the file that
 * throws, were made after the tag and before the onset but are not deployed.
 */

const FIRED = '2026-02-17T12:44:50.000Z';
const frame = (file: string, fn: string | null, lineno: number, inApp: boolean) => nodeFrame('/var/app', file, fn, lineno, inApp);

const pkg = (version: string): string => `{\n  "name": "shop",\n  "version": "${version}",\n  "type": "module",\n  "dependencies": { "fastify": "5.2.1" }\n}\n`;

const totalsV1 = `import type { Cart } from './types.js';

export function cartTotal(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
}
`;

// The promotions feed is plain data ({ name, minLines, amountCents }): it has no methods.
const totalsV2 = `import type { Cart } from './types.js';
import { PROMOTIONS } from './promotions.js';

export function cartTotal(cart: Cart): number {
  const gross = cart.lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
  const bundle = PROMOTIONS.find((discount) => discount.appliesTo(cart));
  return bundle ? gross - bundle.amountCents : gross;
}
`;

const totalsV3 = totalsV2.replace('export function cartTotal(cart: Cart): number {\n', 'export function cartTotal(cart: Cart): number {\n  if (cart.lines.length === 0) return 0;\n');

export const scenario: Scenario = {
  id: 'release-tag',
  title: 'Node: release shop@2.3.0 maps to tag v2.3.0; later commits to the same file are not deployed',
  firedAt: FIRED,
  base: {
    'package.json': pkg('2.2.0'),
    'src/server.ts': "import Fastify from 'fastify';\nimport { cartRoutes } from './routes/cart.js';\n\nconst app = Fastify({ logger: true });\napp.register(cartRoutes);\napp.listen({ port: 3000 });\n",
    'src/routes/cart.ts': "import type { FastifyInstance } from 'fastify';\nimport { cartTotal } from '../cart/totals.js';\nimport { loadCart } from '../cart/store.js';\n\nexport async function cartRoutes(app: FastifyInstance) {\n  app.get('/api/cart', async (request) => {\n    const cart = await loadCart(request.headers['x-session'] as string);\n    return { ...cart, totalCents: cartTotal(cart) };\n  });\n}\n",
    'src/cart/totals.ts': totalsV1,
    'src/cart/promotions.ts': "import feed from '../../promotions.json' with { type: 'json' };\n\nexport const PROMOTIONS: any[] = feed.bundles;\n",
    'promotions.json': '{ "bundles": [{ "name": "bundle-3", "minLines": 3, "amountCents": 500 }] }\n',
    'src/routes/products.ts': "import type { FastifyInstance } from 'fastify';\n\nexport async function productRoutes(app: FastifyInstance) {\n  app.get('/api/products', async () => ({ items: [] }));\n}\n",
    'src/cart/store.ts': "export async function loadCart(session: string) {\n  return { session, lines: [] };\n}\n",
    'src/cart/types.ts': 'export interface Cart {\n  lines: { sku: string; priceCents: number; quantity: number }[];\n}\n',
    'src/cart/gift-wrap.ts': 'export const GIFT_WRAP_CENTS = 300;\n',
  },
  commits: [
    {
      at: -190,
      message: 'Search products by SKU',
      files: { 'src/routes/products.ts': "import type { FastifyInstance } from 'fastify';\n\nexport async function productRoutes(app: FastifyInstance) {\n  app.get('/api/products', async (request) => ({ sku: (request.query as { sku?: string }).sku ?? null, items: [] }));\n}\n" },
      author: 'Noor Haddad',
    },
    { at: -176, message: 'Apply bundle discounts in cart totals', files: { 'src/cart/totals.ts': totalsV2 }, author: 'Noor Haddad' },
    { at: -168, message: '2.3.0', files: { 'package.json': pkg('2.3.0') }, author: 'Noor Haddad', tag: 'v2.3.0' },
    { at: -120, message: 'Return zero for empty carts early', files: { 'src/cart/totals.ts': totalsV3 }, author: 'Noor Haddad' },
    { at: -84, message: 'Offer gift wrap at checkout', files: { 'src/cart/gift-wrap.ts': "export const GIFT_WRAP_CENTS = 300;\n\nexport function withGiftWrap(total: number, wrap: boolean): number {\n  return wrap ? total + GIFT_WRAP_CENTS : total;\n}\n" }, author: 'Noor Haddad' },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'node',
    sdk: { name: 'sentry.javascript.node', version: '10.8.0' },
    org: 'cornerstore',
    project: 'shop',
    issueId: '2290017',
    eventId: '7f6e5d4c3b2a41098f7e6d5c4b3a2910',
    errorType: 'TypeError',
    errorValue: 'discount.appliesTo is not a function',
    culprit: 'cartTotal(dist/cart/totals)',
    transaction: 'GET /api/cart',
    release: 'shop@2.3.0',
    serverName: 'shop-web-1',
    request: { method: 'GET', url: 'https://cornerstore.example/api/cart' },
    frames: [
      frame('node_modules/fastify/lib/handleRequest.js', 'preHandlerCallback', 145, false),
      frame('dist/routes/cart.js', null, 8, true),
      frame('dist/cart/totals.js', 'Array.find', 6, true),
      frame('dist/cart/totals.js', 'cartTotal', 6, true),
    ],
  }),
  logs: [
    {
      path: 'logs/shop.log',
      format: 'pino',
      traffic: {
        seed: 1212,
        from: -120,
        to: 3,
        perMinute: [30, 45],
        hosts: ['shop-web-1', 'shop-web-2'],
        release: { before: 'shop@2.2.0', after: 'shop@2.3.0', at: -62 },
        routes: [
          { method: 'GET', path: '/api/cart', weight: 0.35, latencyMs: [8, 35] },
          { method: 'GET', path: '/api/products', weight: 0.45, latencyMs: [10, 50] },
          { method: 'POST', path: '/api/cart/lines', weight: 0.2, latencyMs: [15, 60] },
        ],
        faults: [{ from: -61, route: '/api/cart', rate: 0.8, status: 500, latencyMs: [3, 10], error: { type: 'TypeError', message: 'discount.appliesTo is not a function' } }],
      },
    },
  ],
  expected: { suspect: 'Apply bundle discounts in cart totals', category: 'code-change', route: '/api/cart', onset: minuteOf(FIRED, -61) },
};
