import { describe, expect, it } from 'vitest';
import { deliverUpdate, type CommunicateDeps } from '../../src/act/communicate-activity.js';
import { sendWebhook } from '../../src/act/webhook-send.js';
import { destinationsFromEnv, type Destination } from '../../src/act/webhooks.js';
import { loadPlaybooks } from '../../src/playbook/loader.js';
import { emptySteps } from '../../src/playbook/session.js';
import { tmpdir } from 'node:os';
import { createTheme } from '../../src/ui/theme.js';
import { reply, serversClosedAfterEach } from '../helpers/http-server.js';
import { makeAlert, makeEvidence } from '../helpers/factories.js';
import type { SessionState } from '../../src/playbook/session.js';

const server = serversClosedAfterEach();
const dest = (url: string, kind: Destination['kind'] = 'webhook'): Destination => ({ kind, url, host: new URL(url).host });
const fast = { baseDelayMs: 10, random: () => 1 };

describe('sending to a webhook', () => {
  it('a 500 then success: delivered on the second attempt', async () => {
    const s = await server((_r, res, i) => reply(res, i === 0 ? 500 : 200, 'ok'));
    const delivery = await sendWebhook(dest(`${s.url}/hook`), { text: 'hi' }, fast);
    expect(delivery).toMatchObject({ ok: true, attempts: 2, status: 200, error: null });
    expect(s.requests.map((r) => r.body)).toEqual([{ text: 'hi' }, { text: 'hi' }]);
    expect(s.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('429 with Retry-After: waits what the service asks, then delivers', async () => {
    const s = await server((_r, res, i) => (i === 0 ? reply(res, 429, '{"retry_after":1}', { 'retry-after': '1' }) : reply(res, 204)));
    const started = Date.now();
    const delivery = await sendWebhook(dest(`${s.url}/hook`), { content: 'hi' }, fast);
    expect(delivery).toMatchObject({ ok: true, attempts: 2, status: 204 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a Retry-After longer than triage will wait is reported, not slept through', async () => {
    const s = await server((_r, res) => reply(res, 429, '', { 'retry-after': '600' }));
    const delivery = await sendWebhook(dest(`${s.url}/hook`), {}, { ...fast, maxDelayMs: 5000 });
    expect(delivery).toMatchObject({ ok: false, attempts: 1, status: 429 });
    expect(delivery.error).toMatch(/asked to wait 600s/);
  });

  it('a 404 (wrong or revoked URL) is final: no retries', async () => {
    const s = await server((_r, res) => reply(res, 404, 'no_service'));
    expect(await sendWebhook(dest(`${s.url}/hook`), {}, fast)).toMatchObject({ ok: false, attempts: 1, status: 404, error: 'HTTP 404' });
    expect(s.requests).toHaveLength(1);
  });

  it('a service that keeps failing: gives up after the attempts, with backoff between them', async () => {
    const s = await server((_r, res) => reply(res, 503));
    const waits: number[] = [];
    const delivery = await sendWebhook(dest(`${s.url}/hook`), {}, { ...fast, sleep: async (ms) => void waits.push(ms) });
    expect(delivery).toMatchObject({ ok: false, attempts: 4, error: 'HTTP 503 after 4 attempts' });
    expect(waits).toEqual([10, 20, 40]);
  });

  it('a hanging service times out; a closed port is refused', async () => {
    const s = await server(() => undefined);
    expect(await sendWebhook(dest(`${s.url}/hook`), {}, { ...fast, attempts: 1, timeoutMs: 300 })).toMatchObject({ ok: false, error: expect.stringContaining('timed out after 0.3s') });
    const closed = await server((_r, res) => reply(res, 200));
    const url = `${closed.url}/hook`;
    await closed.close();
    expect(await sendWebhook(dest(url), {}, { ...fast, attempts: 2 })).toMatchObject({ ok: false, attempts: 2, error: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('status updates to Slack, Discord and a generic webhook', () => {
  async function session(): Promise<SessionState> {
    const playbook = (await loadPlaybooks(tmpdir())).find((p) => p.id === 'default')!;
    const evidence = makeEvidence();
    return {
      version: 1, id: 's1', status: 'in-progress', startedAt: '2026-03-14T03:20:00.000Z', updatedAt: '2026-03-14T03:20:00.000Z', finishedAt: null, drill: false,
      options: { repo: '/tmp/x', logs: [], postmortems: '/tmp/x/P.md', since: '24h', window: '2h', dryRun: false, llm: false, offline: true },
      alert: makeAlert({ title: 'Checkout <fails>' }), playbook, playbookReason: '', window: { changesSince: '', logsFrom: '', logsTo: '' },
      evidence, steps: emptySteps(), timeline: [], postmortem: { path: '/tmp/x/P.md', written: false }, llm: { calls: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 },
    };
  }

  function deps(destinations: Destination[], overrides: Partial<CommunicateDeps> = {}): CommunicateDeps & { said: string[] } {
    const said: string[] = [];
    return { said, interactive: false, dryRun: false, destinations, updateEveryMs: 15 * 60_000, now: () => new Date('2026-03-14T03:30:00Z'), theme: createTheme({ NO_COLOR: '1' }, false), say: (t) => void said.push(t), send: (d, p) => sendWebhook(d, p, fast), ...overrides };
  }

  it('each gets its own payload shape, and the update goes into the timeline', async () => {
    const s = await server((_r, res) => reply(res, 200, 'ok'));
    const destinations = destinationsFromEnv({ TRIAGE_SLACK_WEBHOOK_URL: `${s.url}/slack/T0/secret`, TRIAGE_DISCORD_WEBHOOK_URL: `${s.url}/discord/1/secret`, TRIAGE_WEBHOOK_URL: `${s.url}/generic` });
    const state = await session();
    const record = await deliverUpdate(state, 'communicate', deps(destinations));
    const byPath = Object.fromEntries(s.requests.map((r) => [r.path.split('/')[1], r.body]));
    expect(byPath.slack).toEqual({ text: expect.stringContaining('[Investigating] Checkout &lt;fails&gt;') });
    expect(byPath.discord).toEqual({ content: expect.stringContaining('[Investigating] Checkout <fails>'), allowed_mentions: { parse: [] } });
    expect(byPath.generic).toMatchObject({ text: expect.stringContaining('Issue: Checkout <fails>'), status: 'investigating', session: 's1', nextUpdateAt: '2026-03-14T03:45:00.000Z' });
    expect(record.outcome).toBe('sent');
    expect(record.deliveries.map((d) => [d.destination, d.ok, d.host])).toEqual([['slack', true, new URL(s.url).host], ['discord', true, new URL(s.url).host], ['webhook', true, new URL(s.url).host]]);
    expect(JSON.stringify(state)).not.toContain('secret');
    expect(state.timeline).toEqual([expect.objectContaining({ kind: 'note', step: 'communicate', text: expect.stringMatching(/^Status update sent to Slack, Discord, the webhook: \[Investigating\]/) })]);
  });

  it('a failed delivery is reported and kept out of the timeline', async () => {
    const s = await server((_r, res) => reply(res, 500));
    const state = await session();
    const d = deps([{ kind: 'slack', url: `${s.url}/slack`, host: 'h' }], { send: (dd, p) => sendWebhook(dd, p, { ...fast, attempts: 2 }) });
    const record = await deliverUpdate(state, 'communicate', d);
    expect(record.outcome).toBe('failed');
    expect(d.said.join('\n')).toMatch(/Status update to Slack \(h\) failed: HTTP 500 after 2 attempts/);
    expect(state.timeline).toEqual([]);
  });

  it('--dry-run sends nothing and prints what it would send', async () => {
    const s = await server((_r, res) => reply(res, 200));
    const state = await session();
    const d = deps([{ kind: 'slack', url: `${s.url}/slack/secret`, host: 'hooks.example' }], { dryRun: true });
    const record = await deliverUpdate(state, 'communicate', d);
    expect(s.requests).toEqual([]);
    expect(record.outcome).toBe('dry-run');
    expect(d.said.join('\n')).toMatch(/Dry run: would POST to Slack \(hooks\.example\):[\s\S]*"text": "\[Investigating\] Checkout &lt;fails&gt;/);
    expect(d.said.join('\n')).not.toContain('secret');
  });

  it('a person can edit the draft, or skip it', async () => {
    const s = await server((_r, res) => reply(res, 200));
    const state = await session();
    const destinations = [{ kind: 'webhook' as const, url: `${s.url}/g`, host: 'h' }];
    await deliverUpdate(state, 'communicate', deps(destinations, { interactive: true, review: async (draft) => `${draft}\nEdited by a person.` }));
    expect((s.requests[0]!.body as { text: string }).text).toMatch(/Edited by a person\.$/);
    const skipped = await deliverUpdate(state, 'communicate', deps(destinations, { interactive: true, review: async () => null }));
    expect(skipped.outcome).toBe('skipped');
    expect(s.requests).toHaveLength(1);
  });

  it('without a webhook the update is printed to copy', async () => {
    const state = await session();
    const d = deps([]);
    expect((await deliverUpdate(state, 'communicate', d)).outcome).toBe('printed');
    expect(d.said[0]).toMatch(/no TRIAGE_\*_WEBHOOK_URL is set[\s\S]*│ Issue: Checkout <fails>/);
  });
});
