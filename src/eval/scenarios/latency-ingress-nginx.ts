import { alertmanagerWebhook, minuteOf, minutesFrom } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Node API on Kubernetes; the only logs are ingress-nginx's, in its default `upstreaminfo`
 * format (the request time is followed by upstream fields and a request id). No errors: a
 * change recomputes recommendations on every request and GET /api/recommendations/:id goes from
 * ~40 ms to over a second. Alertmanager fires on the ingress p95. Decoys: a lockfile bump, docs.
 */

const FIRED = '2026-01-19T19:48:03.000Z';
const at = minutesFrom(FIRED);

const serviceV1 = `import { cache } from '../cache.js';
import { computeRecommendations } from './compute.js';

export async function recommendationsFor(productId: string) {
  return cache.wrap(\`recs:\${productId}\`, 3600, () => computeRecommendations(productId));
}
`;

const serviceV2 = `import { computeRecommendations } from './compute.js';

// Fresh results: the cached ones went stale after catalog updates.
export async function recommendationsFor(productId: string) {
  return computeRecommendations(productId);
}
`;

const lock = (pino: string): string => `${JSON.stringify({ name: 'recs-api', lockfileVersion: 3, requires: true, packages: { '': { name: 'recs-api', dependencies: { pino: `^${pino}` } }, 'node_modules/pino': { version: pino, resolved: `https://registry.npmjs.org/pino/-/pino-${pino}.tgz`, license: 'MIT' } } }, null, 2)}\n`;

export const scenario: Scenario = {
  id: 'latency-ingress-nginx',
  title: 'Kubernetes: latency-only incident seen only in ingress-nginx upstreaminfo logs',
  firedAt: FIRED,
  base: {
    'package.json': '{\n  "name": "recs-api",\n  "type": "module",\n  "dependencies": { "pino": "^9.6.0" }\n}\n',
    'package-lock.json': lock('9.6.0'),
    'src/recommendations/service.ts': serviceV1,
    'src/recommendations/compute.ts': 'export async function computeRecommendations(productId: string) {\n  return [productId];\n}\n',
    'src/recommendations/routes.ts': "import { Router } from 'express';\nimport { recommendationsFor } from './service.js';\n\nexport const recs = Router();\nrecs.get('/api/recommendations/:id', async (req, res) => res.json(await recommendationsFor(req.params.id)));\n",
    'src/cache.ts': 'export const cache = { wrap: async <T>(_key: string, _ttl: number, fn: () => Promise<T>) => fn() };\n',
    'README.md': '# recs-api\n',
  },
  commits: [
    { at: -230, message: 'Bump pino from 9.6.0 to 9.7.0', files: { 'package.json': '{\n  "name": "recs-api",\n  "type": "module",\n  "dependencies": { "pino": "^9.7.0" }\n}\n', 'package-lock.json': lock('9.7.0') }, author: 'dependabot[bot]' },
    { at: -44, message: 'Stop serving stale recommendations', files: { 'src/recommendations/service.ts': serviceV2 }, author: 'Yusuf Demir' },
    { at: -20, message: 'Add a runbook link to the README', files: { 'README.md': '# recs-api\n\nRunbook: https://wiki.example.com/recs-api\n' }, author: 'Yusuf Demir' },
  ],
  alert: alertmanagerWebhook({
    startsAt: at(0),
    alertname: 'IngressHighLatency',
    severity: 'warning',
    summary: 'p95 latency above 750ms on ingress recs-api',
    description: 'histogram_quantile(0.95) of nginx_ingress_controller_request_duration_seconds for ingress recs-api is above 0.75s.',
    labels: { job: 'ingress-nginx', namespace: 'shop', ingress: 'recs-api', service: 'recs-api' },
    expr: 'histogram_quantile(0.95, sum by (le, ingress) (rate(nginx_ingress_controller_request_duration_seconds_bucket{ingress="recs-api"}[5m]))) > 0.75',
  }),
  logs: [
    {
      path: 'logs/ingress-nginx-controller.log',
      format: 'ingress-nginx',
      traffic: {
        seed: 1616,
        from: -120,
        to: 3,
        perMinute: [40, 55],
        hosts: ['ingress-0'],
        routes: [
          { method: 'GET', path: '/api/recommendations/:id', weight: 0.4, latencyMs: [15, 70] },
          { method: 'GET', path: '/api/products/:id', weight: 0.45, latencyMs: [6, 40] },
          { method: 'GET', path: '/healthz', weight: 0.15, latencyMs: [1, 3] },
        ],
        slowdowns: [{ from: -35, route: '/api/recommendations/:id', latencyMs: [600, 2400] }],
      },
    },
  ],
  expected: { suspect: 'Stop serving stale recommendations', category: 'code-change', route: '/api/recommendations/:id', onset: minuteOf(FIRED, -35) },
};
