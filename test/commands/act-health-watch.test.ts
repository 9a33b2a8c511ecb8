import { appendFileSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/act/health-check.js';
import { followLogFile } from '../../src/act/log-follow.js';
import { recoveryTarget } from '../../src/act/recovery.js';
import { abortableSleep, watchRecovery } from '../../src/act/watch.js';
import { reply, serversClosedAfterEach } from '../helpers/http-server.js';

const server = serversClosedAfterEach();
const line = (status: number, ms: number, route = '/api/orders/42', message = 'request completed'): string =>
  `${JSON.stringify({ time: new Date().toISOString(), level: status >= 500 ? 'error' : 'info', msg: message, req: { method: 'GET', url: route }, res: { statusCode: status }, responseTime: ms })}\n`;

describe('health checks', () => {
  it('a 2xx passes; a 503 fails with its status; a slow answer times out', async () => {
    const s = await server((req, res) => {
      if (req.path === '/ok') return reply(res, 200, 'ok');
      if (req.path === '/down') return reply(res, 503);
      setTimeout(() => reply(res, 200), 2000);
    });
    expect(await checkHealth(`${s.url}/ok`, 1000)).toMatchObject({ ok: true, status: 200, error: null, latencyMs: expect.any(Number) });
    expect(await checkHealth(`${s.url}/down`, 1000)).toMatchObject({ ok: false, status: 503, error: 'HTTP 503' });
    expect(await checkHealth(`${s.url}/slow`, 300)).toMatchObject({ ok: false, status: null, error: 'timed out after 0.3s' });
  });

  it('a refused connection is a failure with its reason', async () => {
    const s = await server((_r, res) => reply(res, 200));
    const url = `${s.url}/ok`;
    await s.close();
    expect(await checkHealth(url, 1000)).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
  });
});

describe('the watch against a real server', () => {
  it('failing, then recovering: recovered after the hold, at the first good answer', async () => {
    const s = await server((_r, res, i) => reply(res, i < 3 ? 503 : 200));
    const settings = { healthUrls: [`${s.url}/health`], pollMs: 100, watchMs: 10_000, holdMs: 400, timeoutMs: 1000, incidentRoutes: [] };
    const outcome = await watchRecovery(settings, recoveryTarget(null), { now: Date.now, sleep: abortableSleep, signal: new AbortController().signal, checkHealth, followers: [] });
    expect(outcome.recovered).toBe(true);
    expect(s.requests.length).toBeGreaterThanOrEqual(8);
    expect(outcome.recoveredAt! - outcome.startedAt).toBeGreaterThanOrEqual(250);
    expect(outcome.endedAt - outcome.recoveredAt!).toBeGreaterThanOrEqual(400);
  });

  it('a health URL that only ever times out is not recovered when --watch ends', async () => {
    const s = await server(() => undefined);
    const settings = { healthUrls: [`${s.url}/health`], pollMs: 100, watchMs: 600, holdMs: 200, timeoutMs: 150, incidentRoutes: [] };
    const outcome = await watchRecovery(settings, recoveryTarget(null), { now: Date.now, sleep: abortableSleep, signal: new AbortController().signal, checkHealth, followers: [] });
    expect(outcome).toMatchObject({ recovered: false, reason: expect.stringContaining('timed out after 0.15s') });
  });
});

describe('following a growing log file', () => {
  it('reads only what is appended after it starts, through the digest\'s own parsers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-follow-'));
    const file = path.join(dir, 'app.log');
    writeFileSync(file, line(500, 900).repeat(20));
    const follower = await followLogFile(file);
    expect((await follower.poll()).lines).toBe(0);
    appendFileSync(file, line(200, 40) + line(200, 60) + line(503, 10, '/api/payments') + line(200, 30, '/api/orders/1', 'upstream call failed, retrying'));
    const window = await follower.poll();
    expect(window).toMatchObject({ lines: 4, requests: 4, errors: 1, latencies: [40, 60, 30], errorRoutes: { '/api/payments': 1 }, retryLines: 1 });
  });

  it('keeps a half-written line for the next poll', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-follow-'));
    const file = path.join(dir, 'app.log');
    writeFileSync(file, line(200, 5));
    const follower = await followLogFile(file);
    const whole = line(200, 70);
    appendFileSync(file, whole.slice(0, 30));
    expect((await follower.poll()).requests).toBe(0);
    appendFileSync(file, whole.slice(30));
    expect((await follower.poll()).latencies).toEqual([70]);
  });

  it('starts over when the file is truncated or rotated', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-follow-'));
    const file = path.join(dir, 'app.log');
    writeFileSync(file, line(200, 5).repeat(50));
    const follower = await followLogFile(file);
    writeFileSync(file, line(200, 11));
    expect((await follower.poll()).latencies).toEqual([11]);
    renameSync(file, `${file}.1`);
    writeFileSync(file, line(500, 5) + line(200, 12) + line(200, 13));
    expect(await follower.poll()).toMatchObject({ requests: 3, errors: 1, latencies: [12, 13] });
  });

  it('plain access logs too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-follow-'));
    const file = path.join(dir, 'access.log');
    const clf = (status: number): string => `10.0.0.1 - - [${new Date().toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) /, '$1/$2/$3:').replace(' GMT', ' +0000')}] "GET /api/orders/7 HTTP/1.1" ${status} 512 "-" "curl"\n`;
    writeFileSync(file, clf(200).repeat(10));
    const follower = await followLogFile(file);
    appendFileSync(file, clf(200) + clf(502));
    expect(await follower.poll()).toMatchObject({ requests: 2, errors: 1, errorRoutes: { '/api/orders/:id': 1 } });
  });
});
