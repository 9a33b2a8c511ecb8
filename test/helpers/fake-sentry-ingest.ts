import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A local Sentry ingest endpoint: accepts what @sentry/node POSTs to /api/<project>/envelope/
 * and parses the envelope (a header line, then item header + payload pairs; a payload is
 * `length` bytes when the item header says so, else up to the newline). Gzip bodies too.
 */

export interface EnvelopeItem {
  header: Record<string, unknown>;
  payload: unknown;
}

export interface ReceivedEnvelope {
  path: string;
  query: URLSearchParams;
  /** The body as text, for "this must not appear anywhere" checks. */
  text: string;
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

export interface FakeIngest {
  url: string;
  dsn(projectId?: string, key?: string): string;
  envelopes: ReceivedEnvelope[];
  /** Resolves once `count` envelopes have arrived. */
  waitFor(count: number): Promise<ReceivedEnvelope[]>;
  close(): Promise<void>;
}

export async function startFakeIngest(options: { status?: number } = {}): Promise<FakeIngest> {
  const envelopes: ReceivedEnvelope[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const url = new URL(req.url ?? '/', 'http://ingest');
      if (req.method === 'POST' && /^\/api\/\d+\/envelope\/$/.test(url.pathname)) {
        envelopes.push({ path: url.pathname, query: url.searchParams, text: body.toString('utf8'), ...parseEnvelope(body) });
        for (const wake of waiters.splice(0)) wake();
      }
      res.writeHead(options.status ?? 200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    dsn: (projectId = '42', key = 'publickey') => `http://${key}@127.0.0.1:${port}/${projectId}`,
    envelopes,
    waitFor: async (count) => {
      while (envelopes.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return envelopes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function parseEnvelope(body: Buffer): { header: Record<string, unknown>; items: EnvelopeItem[] } {
  let offset = 0;
  const line = (): Buffer => {
    const end = body.indexOf(0x0a, offset);
    const slice = body.subarray(offset, end === -1 ? body.length : end);
    offset = end === -1 ? body.length : end + 1;
    return slice;
  };
  const header = JSON.parse(line().toString('utf8')) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (offset < body.length) {
    const headerLine = line();
    if (headerLine.length === 0) continue;
    const itemHeader = JSON.parse(headerLine.toString('utf8')) as Record<string, unknown>;
    let payload: Buffer;
    if (typeof itemHeader.length === 'number') {
      payload = body.subarray(offset, offset + itemHeader.length);
      offset += itemHeader.length + 1;
    } else {
      payload = line();
    }
    const text = payload.toString('utf8');
    items.push({ header: itemHeader, payload: itemHeader.type === 'attachment' ? text : JSON.parse(text) });
  }
  return { header, items };
}
