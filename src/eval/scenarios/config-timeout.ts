import { alertmanagerWebhook, minuteOf, minutesFrom } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Node reporting API using node-config (config/production.yaml) and knex. A "fail fast" commit
 * lowers the report query timeout from 30s to 3s; reports routinely take 2–9 s, so most now fail
 * with knex's query timeout. Alertmanager fires on the 5xx ratio. Decoy: a report-export code change.
 */

const FIRED = '2026-07-21T16:05:51.000Z';
const at = minutesFrom(FIRED);

const config = (timeout: string, retries: number): string => `server:
  port: 8080
  keepAliveTimeout: 65s
database:
  client: pg
  pool:
    min: 2
    max: 20
reports:
  timeout: ${timeout}
  max_rows: 50000
  retries: ${retries}
`;

const KNEX_TIMEOUT = {
  type: 'KnexTimeoutError',
  message: 'Defined query timeout of 3000ms exceeded when running query.',
  stack: 'KnexTimeoutError: Defined query timeout of 3000ms exceeded when running query.\n    at /srv/reports/node_modules/knex/lib/execution/runner.js:149:17\n    at async buildReport (/srv/reports/dist/reports/build.js:22:19)',
};

export const scenario: Scenario = {
  id: 'config-timeout',
  title: 'Node: report timeout lowered 30s -> 3s in config/production.yaml; reports time out',
  firedAt: FIRED,
  base: {
    'package.json': '{\n  "name": "reports-api",\n  "type": "module",\n  "dependencies": { "config": "3.3.12", "express": "4.21.2", "knex": "3.1.0", "pg": "8.16.0", "pino-http": "10.4.0" }\n}\n',
    'config/default.yaml': 'server:\n  port: 3000\nreports:\n  timeout: 30s\n',
    'config/production.yaml': config('30s', 0),
    'src/server.ts': "import express from 'express';\nimport pinoHttp from 'pino-http';\nimport { reports } from './reports/routes.js';\n\nexpress().use(pinoHttp(), reports).listen(8080);\n",
    'src/reports/routes.ts': "import { Router } from 'express';\nimport { buildReport } from './build.js';\n\nexport const reports = Router();\nreports.get('/api/reports/:id', async (req, res) => res.json(await buildReport(req.params.id)));\n",
    'src/reports/build.ts': "import config from 'config';\nimport { db } from '../db.js';\n\nconst timeout = parseDuration(config.get<string>('reports.timeout'));\n\nexport async function buildReport(id: string) {\n  return db.raw('select * from report_rows(?)', [id]).timeout(timeout, { cancel: true });\n}\n\nfunction parseDuration(text: string): number {\n  return Number.parseInt(text, 10) * 1000;\n}\n",
    'src/reports/export.ts': "export function toCsv(rows: Record<string, unknown>[]): string {\n  return rows.map((row) => Object.values(row).join(',')).join('\\n');\n}\n",
    'src/db.ts': "import knex from 'knex';\n\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });\n",
    'README.md': '# reports-api\n',
  },
  commits: [
    {
      at: -160,
      message: 'Quote fields in CSV exports',
      files: { 'src/reports/export.ts': "const quote = (value: unknown) => `\"${String(value).replace(/\"/g, '\"\"')}\"`;\n\nexport function toCsv(rows: Record<string, unknown>[]): string {\n  return rows.map((row) => Object.values(row).map(quote).join(',')).join('\\n');\n}\n" },
      author: 'Lucía Romero',
    },
    { at: -37, message: 'Fail fast on slow queries under load', files: { 'config/production.yaml': config('3s', 1) }, author: 'Lucía Romero' },
  ],
  alert: alertmanagerWebhook({
    startsAt: at(0),
    alertname: 'ReportsHighErrorRate',
    severity: 'critical',
    summary: 'reports-api 5xx ratio above 10%',
    description: '41% of GET /api/reports/:id requests returned 5xx over the last 5 minutes.',
    labels: { job: 'reports-api', service: 'reports-api', instance: '10.2.0.14:8080', handler: '/api/reports/:id' },
    expr: 'sum(rate(http_requests_total{job="reports-api",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="reports-api"}[5m])) > 0.1',
  }),
  logs: [
    {
      path: 'logs/reports-api.log',
      format: 'pino',
      traffic: {
        seed: 505,
        from: -120,
        to: 3,
        perMinute: [14, 22],
        hosts: ['reports-1'],
        routes: [
          { method: 'GET', path: '/api/reports/:id', weight: 0.45, latencyMs: [1200, 6500] },
          { method: 'GET', path: '/api/reports', weight: 0.35, latencyMs: [20, 80] },
          { method: 'POST', path: '/api/reports/:id/export', weight: 0.1, latencyMs: [300, 1200] },
          { method: 'GET', path: '/healthz', weight: 0.1, latencyMs: [1, 2] },
        ],
        faults: [{ from: -30, route: '/api/reports/:id', rate: 0.55, status: 500, latencyMs: [3000, 3020], error: KNEX_TIMEOUT }],
      },
    },
  ],
  expected: { suspect: 'Fail fast on slow queries under load', category: 'config-change', route: '/api/reports/:id', onset: minuteOf(FIRED, -30) },
};
