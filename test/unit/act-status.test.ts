import { describe, expect, it } from 'vitest';
import { describeDue, isUpdateDue, nextUpdateDue } from '../../src/act/cadence.js';
import { draftStatus, draftStatusUpdate } from '../../src/act/status-update.js';
import { backoffMs, retryAfterMs } from '../../src/act/webhook-send.js';
import { destinationsFromEnv, payloadFor, slackEscape } from '../../src/act/webhooks.js';
import { InputError } from '../../src/errors.js';
import type { TimelineEntry } from '../../src/helpers/types.js';
import { NO_SIGNALS } from '../../src/evidence/empty.js';
import { makeAlert, makeEvidence } from '../helpers/factories.js';

const golden = (errorRate: number, p95: number) => ({ minutes: 30, requestsPerMin: 60, errorRate, errorsPerMin: 1, latencyMs: { p50: 40, p95, p99: p95 }, failedLatencyMs: { p50: null, p95: null, p99: null } });
const evidence = makeEvidence({
  signals: { ...NO_SIGNALS, source: 'logs', onset: '2026-03-14T03:05:00.000Z', before: golden(0.001, 80), after: golden(0.25, 900) },
  localization: [{ id: 'loc:route:/api/orders/:id', dimension: 'route', value: '/api/orders/:id', share: 0.9, lift: 4, count: 90, metric: 'errors' }],
});
const alert = makeAlert({ title: 'TimeoutError in checkout' });
const mitigateStep = { id: 'mitigate', output: { summary: '', findings: [], hypotheses: [], questions: [], actions: [{ title: 'Roll back api on Kubernetes', command: 'kubectl rollout undo deployment/api', risk: 'reversible' as const, why: '', evidence: [] }] } };
const now = new Date('2026-03-14T03:30:00.000Z');

describe('status update drafts', () => {
  it('issue → action → status, with impact and the time of the next update', () => {
    const draft = draftStatus({ alert, evidence, timeline: [], previous: [] }, { now });
    expect(draft.text).toBe([
      '[Investigating] TimeoutError in checkout',
      'Issue: TimeoutError in checkout on /api/orders/:id (production), since 2026-03-14 03:05 UTC.',
      'Impact: 25.0% of requests fail (normally 0.1%); p95 900 ms (normally 80 ms).',
      'Action: Investigating the cause.',
      'Status: investigating; next update by 03:45 UTC.',
    ].join('\n'));
    expect(draft.nextUpdateAt).toBe('2026-03-14T03:45:00.000Z');
  });

  it('follows the incident: planned mitigation, applied mitigation, recovery', () => {
    const planned = draftStatus({ alert, evidence, timeline: [], previous: [mitigateStep] }, { now, cadenceMinutes: 30 });
    expect(planned.status).toBe('mitigating');
    expect(planned.text).toContain('Action: Preparing to roll back api on Kubernetes.');
    expect(planned.text).toContain('next update by 04:00 UTC');
    const mitigated: TimelineEntry = { at: '2026-03-14T03:25:00.000Z', kind: 'mitigated', text: 'Mitigated: Roll back api on Kubernetes (`kubectl rollout undo deployment/api`).' };
    const monitoring = draftStatus({ alert, evidence, timeline: [mitigated], previous: [mitigateStep] }, { now });
    expect(monitoring.status).toBe('monitoring');
    expect(monitoring.action).toBe('Roll back api on Kubernetes (`kubectl rollout undo deployment/api`).');
    const resolved = draftStatus({ alert, evidence, timeline: [mitigated, { at: '2026-03-14T03:28:00.000Z', kind: 'resolved', text: 'Recovered' }], previous: [mitigateStep] }, { now });
    expect(resolved).toMatchObject({ status: 'resolved', nextUpdateAt: null });
    expect(resolved.text).toContain('this is the last update');
  });

  it('the offline helper\'s one-line form, without a clock', () => {
    expect(draftStatusUpdate({ alert, evidence, timeline: [], previous: [] })).toMatch(/^Issue: .* Status: investigating; next update in 15 minutes\.$/);
  });
});

describe('cadence', () => {
  const start = { startedAt: '2026-03-14T03:00:00.000Z', lastUpdateAt: null, remindedAt: null };

  it('is due every 15 minutes after the last update, or the start', () => {
    expect(new Date(nextUpdateDue(start, 15 * 60_000)).toISOString()).toBe('2026-03-14T03:15:00.000Z');
    expect(isUpdateDue(start, 15 * 60_000, new Date('2026-03-14T03:14:59Z'))).toBe(false);
    expect(isUpdateDue(start, 15 * 60_000, new Date('2026-03-14T03:15:00Z'))).toBe(true);
    expect(isUpdateDue({ ...start, lastUpdateAt: '2026-03-14T03:10:00.000Z' }, 15 * 60_000, new Date('2026-03-14T03:20:00Z'))).toBe(false);
  });

  it('reminds once per cadence, not at every pause', () => {
    const reminded = { ...start, remindedAt: '2026-03-14T03:16:00.000Z' };
    expect(isUpdateDue(reminded, 15 * 60_000, new Date('2026-03-14T03:20:00Z'))).toBe(false);
    expect(isUpdateDue(reminded, 15 * 60_000, new Date('2026-03-14T03:31:00Z'))).toBe(true);
  });

  it('says how late it is', () => {
    expect(describeDue(start, 15 * 60_000, new Date('2026-03-14T03:20:00Z'))).toBe('A status update is due (every 15 min; none has gone out yet, 5 min late).');
  });
});

describe('webhook payloads', () => {
  const draft = draftStatus({ alert: makeAlert({ title: 'a <b> & @everyone' }), evidence, timeline: [], previous: [] }, { now });
  const meta = { alert: makeAlert(), sessionId: 's1', sentAt: now.toISOString() };

  it('Slack gets {text}, with its control characters escaped', () => {
    expect(payloadFor('slack', draft, 'x <y> & z', meta)).toEqual({ text: 'x &lt;y&gt; &amp; z' });
    expect(slackEscape('<!channel>')).toBe('&lt;!channel&gt;');
  });

  it('Discord gets {content} within its 2000 characters and pings nobody', () => {
    const body = payloadFor('discord', draft, 'y'.repeat(2500), meta) as { content: string; allowed_mentions: unknown };
    expect(body.content).toHaveLength(2000);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('the generic webhook gets the parts as fields', () => {
    expect(payloadFor('webhook', draft, draft.text, meta)).toMatchObject({ text: draft.text, status: 'investigating', issue: draft.issue, impact: draft.impact, nextUpdateAt: '2026-03-14T03:45:00.000Z', session: 's1', source: 'triage', incident: { title: 'Something broke', severity: 'high' } });
  });

  it('destinations come from the environment, their secrets stay out of sight', () => {
    expect(destinationsFromEnv({ TRIAGE_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/secret', TRIAGE_WEBHOOK_URL: ' ' })).toEqual([
      { kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/secret', host: 'hooks.slack.com' },
    ]);
    expect(() => destinationsFromEnv({ TRIAGE_DISCORD_WEBHOOK_URL: 'not a url', TRIAGE_WEBHOOK_URL: 'ftp://x' })).toThrow(InputError);
    expect(() => destinationsFromEnv({ TRIAGE_DISCORD_WEBHOOK_URL: 'not a url', TRIAGE_WEBHOOK_URL: 'ftp://x' })).toThrow(/TRIAGE_DISCORD_WEBHOOK_URL.*TRIAGE_WEBHOOK_URL/);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs('0.5', 0)).toBe(500);
    expect(retryAfterMs('Sat, 14 Mar 2026 03:30:10 GMT', Date.parse('2026-03-14T03:30:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
  });

  it('backs off exponentially with jitter between half and all of the step', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, 1000, () => 1))).toEqual([1000, 2000, 4000]);
    expect(backoffMs(3, 1000, () => 0)).toBe(2000);
  });
});
