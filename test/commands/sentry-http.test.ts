import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { SentryAuthError, SentryNotFoundError, SentryUnavailableError } from '../../src/sentry/errors.js';
import { SentryHttp, type SentryHttpOptions } from '../../src/sentry/http.js';
import { resolveSentryToken, SentryToken } from '../../src/sentry/token.js';
import { sentryLinkHeader, startFakeSentryApi, type FakeSentry } from '../helpers/fake-sentry-api.js';

const TOKEN = 'sntryu_secret_value_that_must_never_be_printed';
const servers: FakeSentry[] = [];

async function fake(routes: Parameters<typeof startFakeSentryApi>[0]['routes'] = {}): Promise<FakeSentry> {
  const server = await startFakeSentryApi({ token: TOKEN, routes });
  servers.push(server);
  return server;
}

function client(server: FakeSentry, overrides: Partial<SentryHttpOptions> = {}) {
  const waits: number[] = [];
  const notices: string[] = [];
  const http = new SentryHttp({
    baseUrl: server.url,
    token: new SentryToken(TOKEN, 'SENTRY_AUTH_TOKEN'),
    sleep: async (ms) => void waits.push(ms),
    notify: (message) => void notices.push(message),
    ...overrides,
  });
  return { http, waits, notices };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** Nothing a person or a log could see may contain the token. */
function expectNoToken(error: Error & { hint?: string }): void {
  expect(`${error.message} ${error.hint ?? ''} ${inspect(error)}`).not.toContain(TOKEN);
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('SentryHttp against a local Sentry API', () => {
  it('sends the token as a Bearer header and returns the JSON', async () => {
    const server = await fake({ '/api/0/organizations/acme/issues/1/': { body: { id: '1', title: 'x' } } });
    const { http } = client(server);
    expect(await http.get({ path: '/organizations/acme/issues/1/', what: 'issue 1' })).toEqual({ id: '1', title: 'x' });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/api/0/organizations/acme/issues/1/', authorization: `Bearer ${TOKEN}` });
  });

  it('follows Link rel="next" while results="true", passing the cursor back', async () => {
    const path = '/api/0/organizations/acme/releases/v1/commits/';
    const server = await fake();
    server.route(path, (request) => {
      const cursor = request.query.get('cursor');
      const page = cursor === null ? 0 : Number(cursor.split(':')[1]) / 100;
      return { body: [`commit-${page}`], headers: { link: sentryLinkHeader(server.url, path, { previous: '0:0:1', next: `0:${(page + 1) * 100}:0`, hasNext: page < 2 }) } };
    });
    const { http } = client(server);
    expect(await http.getPages({ path: '/organizations/acme/releases/v1/commits/', what: 'commits' })).toEqual({ items: ['commit-0', 'commit-1', 'commit-2'], truncated: false });
    expect(server.requests.map((r) => r.query.get('cursor'))).toEqual([null, '0:100:0', '0:200:0']);
    expect(await http.getPages({ path: '/organizations/acme/releases/v1/commits/', what: 'commits' }, 2)).toEqual({ items: ['commit-0', 'commit-1'], truncated: true });
  });

  it('does not follow a next link to another host (the token would go with it)', async () => {
    const other = await fake({ '/steal/': { body: ['stolen'] } });
    const server = await fake({ '/api/0/list/': { body: ['mine'], headers: { link: `<${other.url}/steal/>; rel="next"; results="true"; cursor="x"` } } });
    const { http } = client(server);
    expect((await http.getPages({ path: '/list/', what: 'list' })).items).toEqual(['mine']);
    expect(other.requests).toEqual([]);
  });

  it('waits out a 429 for its Retry-After, says so, and retries', async () => {
    const server = await fake({
      '/api/0/x/': (_request, count) => (count === 0 ? { status: 429, body: { detail: 'slow down' }, headers: { 'retry-after': '2' } } : { body: { ok: true } }),
    });
    const { http, waits, notices } = client(server);
    expect(await http.get({ path: '/x/', what: 'the thing' })).toEqual({ ok: true });
    expect(waits).toEqual([2000]);
    expect(notices).toEqual(['Sentry: it answered 429 Too Many Requests; waiting 2 s before fetching the thing.']);
  });

  it('gives up on a 429 whose wait is too long, saying when to retry', async () => {
    const server = await fake({ '/api/0/x/': { status: 429, headers: { 'retry-after': '600' } } });
    const error = await failure(client(server).http.get({ path: '/x/', what: 'the thing' }));
    expect(error).toBeInstanceOf(SentryUnavailableError);
    expect(error.message).toBe("Sentry's rate limit blocks the thing for 600 s");
  });

  it('stops after maxRetries 429s', async () => {
    const server = await fake({ '/api/0/x/': { status: 429, headers: { 'retry-after': '1' } } });
    const { http, waits } = client(server, { maxRetries: 2 });
    expect((await failure(http.get({ path: '/x/', what: 'the thing' }))).message).toMatch(/^Sentry answered 429 for the thing/);
    expect(waits).toEqual([1000, 1000]);
    expect(server.requests).toHaveLength(3);
  });

  it('waits for the window to reset when X-Sentry-Rate-Limit-Remaining reaches 0', async () => {
    const now = Date.parse('2025-03-14T09:00:00Z');
    const reset = String(now / 1000 + 5);
    const server = await fake({ '/api/0/x/': { body: {}, headers: { 'x-sentry-rate-limit-remaining': '0', 'x-sentry-rate-limit-reset': reset } } });
    const { http, waits } = client(server, { now: () => now });
    await http.get({ path: '/x/', what: 'x' });
    expect(waits).toEqual([]);
    await http.get({ path: '/x/', what: 'x' });
    expect(waits).toEqual([5000]);
  });

  it('times out a request that never answers', async () => {
    const server = await fake({ '/api/0/slow/': { hang: true } });
    const error = await failure(client(server, { timeoutMs: 150 }).http.get({ path: '/slow/', what: 'issue 1' }));
    expect(error).toBeInstanceOf(SentryUnavailableError);
    expect(error.message).toBe('Sentry did not answer for issue 1 within 150 ms');
  });

  it('401: exit 4, names SENTRY_AUTH_TOKEN and the event:read scope, never the token', async () => {
    const server = await fake();
    const { http } = client(server, { token: new SentryToken('wrong-token-value', 'SENTRY_AUTH_TOKEN') });
    const error = (await failure(http.get({ path: '/organizations/acme/issues/1/', what: 'issue 1 in organization acme' }))) as SentryAuthError;
    expect(error).toBeInstanceOf(SentryAuthError);
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.message).toBe('Sentry rejected the auth token from SENTRY_AUTH_TOKEN (401 Unauthorized) when fetching issue 1 in organization acme');
    expect(error.hint).toMatch(/event:read/);
    expect(`${error.message}${error.hint}`).not.toContain('wrong-token-value');
  });

  it('403: exit 4 with the scope needed', async () => {
    const server = await fake({ '/api/0/organizations/acme/issues/1/': { status: 403, body: { detail: 'You do not have permission to perform this action.' } } });
    const error = (await failure(client(server, { token: new SentryToken(TOKEN, '--token-file /run/secrets/sentry') }).http.get({ path: '/organizations/acme/issues/1/', what: 'issue 1 in organization acme' }))) as SentryAuthError;
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.message).toBe('Sentry refused issue 1 in organization acme to the auth token from --token-file /run/secrets/sentry (403 Forbidden)');
    expect(error.hint).toMatch(/event:read scope and membership of that organization/);
    expectNoToken(error);
  });

  it('404: says which thing is missing', async () => {
    const error = await failure(client(await fake()).http.get({ path: '/organizations/acme/issues/999/', what: 'issue 999 in organization acme' }));
    expect(error).toBeInstanceOf(SentryNotFoundError);
    expect(error.message).toBe('Sentry has no issue 999 in organization acme (404 from GET /api/0/organizations/acme/issues/999/)');
    expectNoToken(error);
  });

  it('retries a 503, and shows Sentry\'s detail for other failures', async () => {
    const server = await fake({
      '/api/0/flaky/': (_r, count) => (count === 0 ? { status: 503 } : { body: [1] }),
      '/api/0/bad/': { status: 400, body: { detail: 'Invalid query' } },
    });
    const { http, waits } = client(server);
    expect(await http.get({ path: '/flaky/', what: 'x' })).toEqual([1]);
    expect(waits).toEqual([500]);
    expect((await failure(http.get({ path: '/bad/', what: 'stats' }))).message).toBe('Sentry answered 400 for stats: Invalid query');
  });

  it('follows a redirect within the same Sentry', async () => {
    const server = await fake({ '/api/0/old/': { status: 301, headers: { location: '/api/0/new/' } }, '/api/0/new/': { body: { moved: true } } });
    expect(await client(server).http.get({ path: '/old/', what: 'x' })).toEqual({ moved: true });
    expect(server.requests.map((r) => [r.path, r.authorization])).toEqual([['/api/0/old/', `Bearer ${TOKEN}`], ['/api/0/new/', `Bearer ${TOKEN}`]]);
  });

  it('refuses a redirect to another host instead of sending the token there', async () => {
    const other = await fake({ '/api/0/x/': { body: { stolen: true } } });
    const server = await fake({ '/api/0/x/': { status: 302, headers: { location: `${other.url}/api/0/x/` } } });
    const error = await failure(client(server).http.get({ path: '/x/', what: 'issue 1' }));
    expect(error.message).toMatch(/^Sentry redirected issue 1 to http:\/\/127\.0\.0\.1:\d+, which triage will not send the token to$/);
    expect(other.requests).toEqual([]);
  });

  it('names the host it could not reach', async () => {
    const server = await fake();
    const url = server.url;
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const error = await failure(new SentryHttp({ baseUrl: url, token: new SentryToken(TOKEN, 'SENTRY_AUTH_TOKEN') }).get({ path: '/x/', what: 'issue 1' }));
    expect(error.message).toBe(`could not reach Sentry at ${url} for issue 1: ECONNREFUSED`);
    expectNoToken(error);
  });
});

describe('SentryToken', () => {
  it('prints, inspects and serializes as its source, never its value', () => {
    const token = new SentryToken(TOKEN, 'SENTRY_AUTH_TOKEN');
    for (const shown of [String(token), `${token}`, JSON.stringify({ token }), inspect({ token }, { depth: 5, showHidden: true })]) {
      expect(shown).not.toContain(TOKEN);
      expect(shown).toContain('SENTRY_AUTH_TOKEN');
    }
    expect(token.authorizationHeader()).toBe(`Bearer ${TOKEN}`);
  });

  it('comes from --token-file before SENTRY_AUTH_TOKEN; empty or unreadable files are usage errors', async () => {
    const env = { SENTRY_AUTH_TOKEN: 'from-env' };
    const read = async (path: string) => {
      if (path === 'missing') throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return path === 'empty' ? '\n\n' : `  from-file\n# comment\n`;
    };
    expect((await resolveSentryToken({ tokenFile: 'token.txt', env, readFile: read }))?.authorizationHeader()).toBe('Bearer from-file');
    expect((await resolveSentryToken({ tokenFile: 'token.txt', env, readFile: read }))?.source).toBe('--token-file token.txt');
    expect((await resolveSentryToken({ env }))?.authorizationHeader()).toBe('Bearer from-env');
    expect(await resolveSentryToken({ env: {} })).toBeNull();
    await expect(resolveSentryToken({ tokenFile: 'empty', env, readFile: read })).rejects.toThrow('--token-file empty is empty');
    await expect(resolveSentryToken({ tokenFile: 'missing', env, readFile: read })).rejects.toThrow('cannot read --token-file missing: ENOENT');
  });
});
