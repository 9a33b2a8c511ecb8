import { DEMO_FIRED_AT, DEMO_ONSET } from './scenario.js';

/**
 * Two hours of pino-http request logs for the demo, generated from a fixed seed: a healthy
 * baseline, then GET /api/orders/:id failing with pg-pool timeouts from the onset on.
 */

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

const ROUTES = [
  { method: 'GET', path: () => `/api/orders/${1000 + Math.floor(random() * 9000)}`, weight: 0.4, orders: true },
  { method: 'GET', path: () => '/api/products', weight: 0.3, orders: false },
  { method: 'POST', path: () => '/api/checkout', weight: 0.15, orders: false },
  { method: 'GET', path: () => '/health', weight: 0.15, orders: false },
];

let random = seededRandom(42);

function pickRoute(): (typeof ROUTES)[number] {
  let r = random();
  for (const route of ROUTES) {
    if ((r -= route.weight) <= 0) return route;
  }
  return ROUTES[0]!;
}

function requestLine(time: number, id: number, afterOnset: boolean, deployed: boolean, minutesIn: number): string {
  const route = pickRoute();
  const hostname = random() < 0.5 ? 'web-1' : 'web-2';
  const release = deployed ? 'shop-api@1.8.0' : 'shop-api@1.7.0';
  const failing = afterOnset && route.orders && random() < Math.min(0.35 + minutesIn * 0.02, 0.8);
  const base = { time, pid: 1, hostname, release, req: { id, method: route.method, url: route.path(), remoteAddress: '10.0.4.17' } };
  if (failing) {
    return JSON.stringify({
      level: 50,
      ...base,
      res: { statusCode: 500 },
      err: { type: 'TimeoutError', message: 'timeout exceeded when trying to connect', stack: 'Error: timeout exceeded when trying to connect\n    at /srv/shop-api/node_modules/pg-pool/index.js:45:11' },
      responseTime: 5000 + Math.floor(random() * 40),
      msg: 'request errored',
    });
  }
  const slow = afterOnset && route.orders ? 150 + random() * 400 : 0;
  const notFound = route.orders && random() < 0.03;
  return JSON.stringify({ level: 30, ...base, res: { statusCode: notFound ? 404 : 200 }, responseTime: Math.round(18 + random() * 60 + slow), msg: 'request completed' });
}

export function generateDemoLogs(): string {
  random = seededRandom(42);
  const fired = Date.parse(DEMO_FIRED_AT);
  const onset = Date.parse(DEMO_ONSET);
  const deploy = onset - 12 * 60_000;
  const lines: string[] = ['> shop-api@1.7.0 start', '> node dist/server.js'];
  let id = 1;
  for (let minute = fired - 120 * 60_000; minute < fired + 4 * 60_000; minute += 60_000) {
    if (minute === deploy) lines.push('> shop-api@1.8.0 start');
    const afterOnset = minute >= onset;
    const requests = 26 + Math.floor(random() * 8);
    for (let i = 0; i < requests; i++) {
      const time = minute + Math.floor((i / requests) * 60_000);
      lines.push(requestLine(time, id++, afterOnset, minute >= deploy, (minute - onset) / 60_000));
    }
    if (afterOnset) {
      const waiting = 4 + Math.floor(((minute - onset) / 60_000) * 1.5);
      lines.push(JSON.stringify({ level: 40, time: minute + 30_000, pid: 1, hostname: 'web-1', pool: { total: 20, idle: 0, waiting }, msg: `pg pool exhausted: 20 of 20 connections in use, ${waiting} waiting` }));
    }
  }
  return `${lines.join('\n')}\n`;
}
