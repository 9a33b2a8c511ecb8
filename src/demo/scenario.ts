import type { PostmortemEntryInput } from '../postmortem/model.js';

/**
 * The bundled example incident: "shop-api", a small Node service whose order lookups start
 * timing out at 02:36 UTC because a change deployed at 02:24 leaks pooled database clients.
 * Decoys a real night has too: a README fix and a CSS tweak landed later than the cause, and an
 * older change touched the same file. Everything is fixed data, so the demo is reproducible.
 */

export const DEMO_FIRED_AT = '2026-11-19T03:12:07.000Z';
const FIRED = Date.parse(DEMO_FIRED_AT);
const minutes = (n: number): string => new Date(FIRED + n * 60_000).toISOString();

export interface DemoCommit {
  message: string;
  date: string;
  author: { name: string; email: string };
  files: Record<string, string>;
  tag?: string;
}

const ana = { name: 'Ana Lima', email: 'ana@shop.example' };
const ben = { name: 'Ben Okafor', email: 'ben@shop.example' };

const pool = (max: number): string => `import pg from 'pg';

// One pool per process; every request borrows a client and must give it back.
export const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: ${max},
  idleTimeoutMillis: 30_000,
  connectionTimeoutMillis: 5_000,
});
`;

const repoV1 = `import { pool } from './pool.js';

export async function findOrder(id: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from orders where id = $1', [id]);
    return rows[0] ?? null;
  } finally {
    client.release();
  }
}
`;

const repoV2 = `import { pool } from './pool.js';

export async function findOrder(id: string, page = 1) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from orders where id = $1 limit 50 offset $2', [id, (page - 1) * 50]);
    return rows[0] ?? null;
  } finally {
    client.release();
  }
}
`;

// The cause: the cache-hit path returns before the client is released.
const repoV3 = `import { pool } from './pool.js';

const recent = new Map<string, unknown>();

export async function findOrder(id: string, page = 1) {
  const client = await pool.connect();
  if (recent.has(id)) return recent.get(id);
  const { rows } = await client.query('select * from orders where id = $1 limit 50 offset $2', [id, (page - 1) * 50]);
  recent.set(id, rows[0] ?? null);
  client.release();
  return rows[0] ?? null;
}
`;

const ordersRoute = `import { Router } from 'express';
import { findOrder } from '../db/orders-repo.js';

export const orders = Router();

orders.get('/api/orders/:id', async (req, res, next) => {
  try {
    const order = await findOrder(req.params.id, Number(req.query.page ?? 1));
    if (!order) return res.status(404).json({ error: 'not found' });
    res.json(order);
  } catch (error) {
    next(error);
  }
});
`;

const packageJson = (express: string): string => `{
  "name": "shop-api",
  "version": "1.8.0",
  "private": true,
  "type": "module",
  "dependencies": {
    "express": "${express}",
    "pg": "8.11.3"
  }
}
`;

export const DEMO_COMMITS: DemoCommit[] = [
  {
    message: 'Initial order service',
    date: minutes(-6 * 24 * 60),
    author: ana,
    files: {
      'package.json': packageJson('4.19.2'),
      'src/server.ts': "import express from 'express';\nimport { orders } from './routes/orders.js';\n\nconst app = express();\napp.use(orders);\napp.get('/health', (_req, res) => res.send('ok'));\napp.listen(3000);\n",
      'src/db/pool.ts': pool(20),
      'src/db/orders-repo.ts': repoV1,
      'src/routes/orders.ts': ordersRoute,
      'src/styles/checkout.css': '.checkout button { background: #2d6cdf; }\n',
      'README.md': '# shop-api\n\nOrders and checkout for the shop.\n',
    },
    tag: 'v1.7.0',
  },
  {
    message: 'Paginate order lookups',
    date: minutes(-2 * 24 * 60 - 190),
    author: ben,
    files: { 'src/db/orders-repo.ts': repoV2 },
  },
  {
    message: 'Bump express to 4.21.1',
    date: minutes(-20 * 60),
    author: ana,
    files: { 'package.json': packageJson('4.21.1') },
  },
  {
    message: 'Cache recent order lookups in memory',
    date: minutes(-48),
    author: ben,
    files: { 'src/db/orders-repo.ts': repoV3 },
    tag: 'v1.8.0',
  },
  {
    message: 'Fix typo in README',
    date: minutes(-21),
    author: ana,
    files: { 'README.md': '# shop-api\n\nOrders and checkout for the shop. Run `npm start`.\n' },
  },
  {
    message: 'Make the checkout button darker',
    date: minutes(-9),
    author: ana,
    files: { 'src/styles/checkout.css': '.checkout button { background: #1f4fa8; }\n' },
  },
];

/** A past incident, so "seen before" has something real to find. */
export const DEMO_PAST_INCIDENT: PostmortemEntryInput = {
  title: 'Refund lookups fail with "timeout exceeded when trying to connect"',
  date: '2026-09-02',
  severity: 'high',
  category: 'code-change',
  rootCause: 'The refunds route borrowed a client from pg-pool and never released it on the error path; the pool ran dry and every new request timed out waiting for a connection.',
  fix: 'Release the client in a finally block (commit 5d1c2e0).',
  lesson: 'Every pool.connect() needs a release in finally; a lint rule now checks it.',
  tags: ['code-change', 'pg', 'pool'],
};

/** The onset: errors begin 12 minutes after v1.8.0 went out, when the leaked clients run out. */
export const DEMO_ONSET = minutes(-36);
