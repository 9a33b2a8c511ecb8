import { nodeFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Node billing API (restify, bunyan audit logs). A multi-currency change committed in the
 * morning went out with the afternoon deploy; invoices in a currency without a symbol mapping
 * fail to render. A docs-only commit landed minutes before the deploy and the alert.
 */

const FIRED = '2026-04-02T09:14:40.000Z';
const frame = (file: string, fn: string | null, lineno: number, inApp: boolean) => nodeFrame('/app', file, fn, lineno, inApp);

const renderV1 = `import type { Invoice } from './types.js';

const EUR = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

export function formatAmount(invoice: Invoice): string {
  return EUR.format(invoice.totalCents / 100);
}
`;

const renderV2 = `import type { Invoice } from './types.js';

const LOCALES: Record<string, string> = { EUR: 'de-DE', GBP: 'en-GB', USD: 'en-US' };

export function formatAmount(invoice: Invoice): string {
  const currency = invoice.customer.billing?.currency;
  const format = new Intl.NumberFormat(LOCALES[currency ?? 'EUR'], { style: 'currency', currency });
  return format.format(invoice.totalCents / 100);
}
`;

export const scenario: Scenario = {
  id: 'docs-before-alert',
  title: 'Node: a docs commit lands right before the alert; the cause is a change from 3 h earlier',
  firedAt: FIRED,
  base: {
    'package.json': '{\n  "name": "billing-api",\n  "type": "module",\n  "dependencies": { "restify": "11.1.0", "bunyan": "1.8.15" }\n}\n',
    'src/server.ts': "import restify from 'restify';\nimport { invoiceRoutes } from './invoices/routes.js';\n\nconst server = restify.createServer({ name: 'billing-api' });\ninvoiceRoutes(server);\nserver.listen(8080);\n",
    'src/invoices/routes.ts': "import type { Server } from 'restify';\nimport { renderPdf } from './pdf.js';\n\nexport function invoiceRoutes(server: Server): void {\n  server.get('/api/invoices/:id/pdf', async (req, res) => res.send(await renderPdf(req.params.id)));\n}\n",
    'src/invoices/pdf.ts': "import { formatAmount } from './render.js';\nimport { loadInvoice } from './store.js';\n\nexport async function renderPdf(id: string) {\n  const invoice = await loadInvoice(id);\n  return { id, total: formatAmount(invoice) };\n}\n",
    'src/invoices/render.ts': renderV1,
    'src/invoices/store.ts': "export async function loadInvoice(id: string) {\n  return { id, totalCents: 1000, customer: {} };\n}\n",
    'src/invoices/types.ts': 'export interface Invoice {\n  id: string;\n  totalCents: number;\n  customer: { billing?: { currency?: string } };\n}\n',
    'docs/invoices.md': '# Invoices\n\nGET /api/invoices/:id/pdf renders an invoice.\n',
    'README.md': '# billing-api\n',
  },
  commits: [
    { at: -185, message: 'Render invoices in the customer billing currency', files: { 'src/invoices/render.ts': renderV2 }, author: 'Priya Natarajan' },
    { at: -128, message: 'Add an invoice fixture for the PDF tests', files: { 'test/fixtures/invoice-gbp.json': '{ "id": "inv_1", "totalCents": 4200 }\n' }, author: 'Priya Natarajan' },
    {
      at: -22,
      message: 'Document invoice currencies',
      files: { 'docs/invoices.md': '# Invoices\n\nGET /api/invoices/:id/pdf renders an invoice in the billing currency (EUR, GBP, USD).\n', 'README.md': '# billing-api\n\nSee docs/invoices.md.\n' },
      author: 'Priya Natarajan',
    },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'node',
    sdk: { name: 'sentry.javascript.node', version: '9.46.0' },
    org: 'ledgerly',
    project: 'billing-api',
    issueId: '88231',
    eventId: 'c05e7b5d2a1f4f7fae0d3e2b8a6c9d10',
    errorType: 'RangeError',
    errorValue: 'Invalid currency code : undefined',
    culprit: 'formatAmount(dist/invoices/render)',
    transaction: 'GET /api/invoices/:id/pdf',
    release: 'billing-api@2026.04.02-1',
    serverName: 'billing-7c9d8',
    request: { method: 'GET', url: 'https://billing.ledgerly.io/api/invoices/40313/pdf' },
    frames: [
      frame('node_modules/restify/lib/chain.js', 'call', 164, false),
      frame('dist/invoices/routes.js', null, 5, true),
      frame('dist/invoices/pdf.js', 'renderPdf', 6, true),
      frame('dist/invoices/render.js', 'formatAmount', 7, true),
      frame('dist/invoices/render.js', 'new NumberFormat', 7, true),
    ],
  }),
  logs: [
    {
      path: 'logs/billing-api.log',
      format: 'bunyan',
      traffic: {
        seed: 202,
        from: -120,
        to: 2,
        perMinute: [22, 34],
        hosts: ['billing-7c9d8', 'billing-7c9d8-2'],
        routes: [
          { method: 'GET', path: '/api/invoices/:id/pdf', weight: 0.3, latencyMs: [120, 480] },
          { method: 'GET', path: '/api/invoices/:id', weight: 0.35, latencyMs: [10, 45] },
          { method: 'POST', path: '/api/invoices', weight: 0.15, latencyMs: [40, 120] },
          { method: 'GET', path: '/api/customers/:id', weight: 0.2, latencyMs: [8, 30] },
        ],
        faults: [
          {
            from: -19,
            route: '/api/invoices/:id/pdf',
            rate: 0.45,
            status: 500,
            latencyMs: [15, 40],
            error: { type: 'RangeError', message: 'Invalid currency code : undefined', stack: 'RangeError: Invalid currency code : undefined\n    at new NumberFormat (<anonymous>)\n    at formatAmount (/app/dist/invoices/render.js:7:18)' },
          },
        ],
      },
    },
  ],
  expected: { suspect: 'Render invoices in the customer billing currency', category: 'code-change', route: '/api/invoices/:id/pdf', onset: minuteOf(FIRED, -19) },
};
