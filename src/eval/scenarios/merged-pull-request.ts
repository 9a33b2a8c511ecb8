import { nodeFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Node search API (pino). A pull request written two days ago is merged with a merge commit
 * (GitHub's "Merge pull request #214"): the branch's own commits are older than the 24 h
 * window, so only the merge carries the change into it. The new query needs the pg_trgm
 * extension, which production lacks. Decoy: a direct commit to main, after the merge and just
 * before the deploy, to the route file that is the 2nd in-app frame.
 */

const FIRED = '2026-10-22T17:02:19.000Z';
const frame = (file: string, fn: string | null, lineno: number, inApp: boolean) => nodeFrame('/srv/search', file, fn, lineno, inApp);

const queryV1 = `import { pool } from '../db.js';

export async function searchProducts(term: string, limit: number) {
  const { rows } = await pool.query('select id, name from products where name ilike $1 limit $2', [\`%\${term}%\`, limit]);
  return rows;
}
`;

const queryV2 = `import { pool } from '../db.js';

// Trigram similarity: typo-tolerant and index-backed (gin_trgm_ops).
export async function searchProducts(term: string, limit: number) {
  const { rows } = await pool.query(
    'select id, name, similarity(name, $1) as score from products where name % $1 order by score desc limit $2',
    [term, limit],
  );
  return rows;
}
`;

const routes = (limit: number): string => `import { Router } from 'express';
import { searchProducts } from './query.js';

export const search = Router();

search.get('/api/search', async (req, res, next) => {
  try {
    res.json(await searchProducts(String(req.query.q ?? ''), ${limit}));
  } catch (error) {
    next(error);
  }
});
`;

const PG_ERROR = {
  type: 'error',
  message: 'operator does not exist: character varying % unknown',
  stack: 'error: operator does not exist: character varying % unknown\n    at /srv/search/node_modules/pg/lib/client.js:545:17\n    at async searchProducts (/srv/search/dist/search/query.js:5:20)',
};

export const scenario: Scenario = {
  id: 'merged-pull-request',
  title: 'Node: the cause arrives in a merge commit whose branch commits are older than the window',
  firedAt: FIRED,
  base: {
    'package.json': '{\n  "name": "search",\n  "type": "module",\n  "dependencies": { "express": "4.21.2", "pg": "8.16.0", "pino-http": "10.4.0" }\n}\n',
    'src/server.ts': "import express from 'express';\nimport pinoHttp from 'pino-http';\nimport { search } from './search/routes.js';\n\nexpress().use(pinoHttp(), search).listen(3000);\n",
    'src/db.ts': "import pg from 'pg';\n\nexport const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });\n",
    'src/search/routes.ts': routes(20),
    'src/search/query.ts': queryV1,
    'README.md': '# search\n',
  },
  commits: [
    {
      at: -52,
      message: 'Merge pull request #214 from lena/trigram-search\n\nTypo-tolerant product search',
      author: 'Lena Fischer',
      files: {},
      merges: {
        branch: 'lena/trigram-search',
        commits: [
          { at: -2 * 24 * 60 - 75, message: 'Use trigram similarity for product search', files: { 'src/search/query.ts': queryV2 }, author: 'Lena Fischer' },
          { at: -2 * 24 * 60 - 40, message: 'Document the search ranking', files: { 'docs/search.md': '# Search\n\nResults are ranked by trigram similarity.\n' }, author: 'Lena Fischer' },
        ],
      },
    },
    { at: -46, message: 'Return 24 search results per page', files: { 'src/search/routes.ts': routes(24) }, author: 'Marco Bianchi' },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'node',
    sdk: { name: 'sentry.javascript.node', version: '10.12.0' },
    org: 'findly',
    project: 'search',
    issueId: '3307781',
    eventId: '2c4e6a8b0d1f43a5b7c9e1f3a5b7c9d1',
    errorType: 'error',
    errorValue: 'operator does not exist: character varying % unknown',
    culprit: 'searchProducts(dist/search/query)',
    transaction: 'GET /api/search',
    release: 'search@1.12.0',
    serverName: 'search-1',
    request: { method: 'GET', url: 'https://findly.example/api/search?q=lamp' },
    frames: [
      frame('node_modules/express/lib/router/layer.js', 'Layer.handle [as handle_request]', 95, false),
      frame('dist/search/routes.js', null, 8, true),
      frame('dist/search/query.js', 'searchProducts', 5, true),
      frame('node_modules/pg/lib/client.js', null, 545, false),
    ],
  }),
  logs: [
    {
      path: 'logs/search.log',
      format: 'pino',
      traffic: {
        seed: 1515,
        from: -120,
        to: 3,
        perMinute: [40, 52],
        hosts: ['search-1', 'search-2'],
        routes: [
          { method: 'GET', path: '/api/search', weight: 0.55, latencyMs: [15, 80] },
          { method: 'GET', path: '/api/products/:id', weight: 0.35, latencyMs: [5, 25] },
          { method: 'GET', path: '/healthz', weight: 0.1, latencyMs: [1, 2] },
        ],
        faults: [{ from: -40, route: '/api/search', rate: 1, status: 500, latencyMs: [2, 9], error: PG_ERROR }],
      },
    },
  ],
  expected: { suspect: 'Merge pull request #214 from lena/trigram-search', category: 'code-change', route: '/api/search', onset: minuteOf(FIRED, -40) },
};
