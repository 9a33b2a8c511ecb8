import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Sentry REST API for tests, speaking the real protocol: Bearer auth, JSON bodies,
 * `{"detail": ...}` errors, Link pagination with `results` and `cursor`, X-Sentry-Rate-Limit-*
 * headers and 429 with Retry-After. Routes are exact paths (decoded) below the server root.
 */

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

export interface FakeAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

/** `count` is how many times this route was asked before, from 0. */
export type FakeRoute = FakeAnswer | ((request: FakeRequest, count: number) => FakeAnswer);

export interface FakeSentry {
  url: string;
  requests: FakeRequest[];
  route(path: string, answer: FakeRoute): void;
  close(): Promise<void>;
}

export async function startFakeSentryApi(options: { token: string; routes?: Record<string, FakeRoute> }): Promise<FakeSentry> {
  const routes = new Map<string, FakeRoute>(Object.entries(options.routes ?? {}));
  const counts = new Map<string, number>();
  const requests: FakeRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname);
    const request: FakeRequest = { method: req.method ?? 'GET', path, query: url.searchParams, authorization: req.headers.authorization };
    requests.push(request);
    if (req.headers.authorization !== `Bearer ${options.token}`) return send(res, { status: 401, body: { detail: 'Invalid token' } });
    const route = routes.get(path);
    const count = counts.get(path) ?? 0;
    counts.set(path, count + 1);
    if (route === undefined) return send(res, { status: 404, body: { detail: 'The requested resource does not exist' } });
    const answer = typeof route === 'function' ? route(request, count) : route;
    if (answer.hang) return void hanging.push(res);
    send(res, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, answer) => void routes.set(path, answer),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, answer: FakeAnswer): void {
  const body = JSON.stringify(answer.body ?? {});
  res.writeHead(answer.status ?? 200, {
    'content-type': 'application/json',
    'x-sentry-rate-limit-limit': '40',
    'x-sentry-rate-limit-remaining': '39',
    'x-sentry-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 1),
    ...answer.headers,
  });
  res.end(body);
}

/** A Link header as Sentry writes it: previous and next, each with results and cursor. */
export function sentryLinkHeader(baseUrl: string, path: string, cursors: { previous: string; next: string; hasNext: boolean }): string {
  const link = (rel: string, cursor: string, results: boolean): string => `<${baseUrl}${path}?&cursor=${cursor}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
  return `${link('previous', cursors.previous, false)}, ${link('next', cursors.next, cursors.hasNext)}`;
}
