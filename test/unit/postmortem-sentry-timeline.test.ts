import { describe, expect, it } from 'vitest';
import { NO_SIGNALS } from '../../src/evidence/empty.js';
import type { TimelineEntry } from '../../src/helpers/types.js';
import { draftPostmortem } from '../../src/postmortem/draft.js';
import { PostmortemEntrySchema } from '../../src/postmortem/model.js';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { renderPostmortemEntry } from '../../src/postmortem/render.js';
import { breadcrumbLine, breadcrumbMatters, breadcrumbsBeforeAlert, deploysBeforeAlert, withoutQueries } from '../../src/postmortem/sentry-timeline.js';
import type { SentryBreadcrumb, SentryDeploy, SentryEvidence, SentryRelease } from '../../src/sentry/evidence-types.js';
import { makeAlert, makeEvidence, makeSentryEvidence } from '../helpers/factories.js';

const FIRED_AT = '2026-03-14T03:12:30.000Z';

const deploy = (id: string, finishedAt: string | null, environment = 'production'): SentryDeploy => ({ id, environment, name: null, startedAt: null, finishedAt });
const release = (deploys: SentryDeploy[], version = 'shop@2.3.0'): SentryRelease => ({ version, createdAt: null, releasedAt: null, commits: [], commitsTruncated: false, deploys });
const crumb = (at: string, category: string | null, level: string | null, message: string): SentryBreadcrumb => ({ at, category, level, message });

const sentry = makeSentryEvidence;

describe('deploysBeforeAlert', () => {
  it('keeps the deploys that finished up to the firing time, oldest first, at their minute', () => {
    const deploys = [deploy('9', '2026-03-14T03:12:31Z', 'eu'), deploy('8', '2026-03-14T02:24:59Z'), deploy('7', '2026-03-13T18:00:00Z', 'staging'), deploy('10', FIRED_AT)];
    expect(deploysBeforeAlert(release(deploys), FIRED_AT)).toEqual([
      { time: '2026-03-13 18:00', text: 'Deployed shop@2.3.0 to staging.' },
      { time: '2026-03-14 02:24', text: 'Deployed shop@2.3.0 to production.' },
      { time: '2026-03-14 03:12', text: 'Deployed shop@2.3.0 to production.' },
    ]);
  });

  it('invents nothing: no release, no deploys, or a deploy with no finish time give no events', () => {
    expect(deploysBeforeAlert(null, FIRED_AT)).toEqual([]);
    expect(deploysBeforeAlert(release([]), FIRED_AT)).toEqual([]);
    expect(deploysBeforeAlert(release([deploy('7', null)]), FIRED_AT)).toEqual([]);
  });

  it('keeps only the latest three of a much-deployed release', () => {
    const deploys = ['00', '01', '02', '03', '04'].map((minute, i) => deploy(String(i), `2026-03-14T02:${minute}:00Z`));
    expect(deploysBeforeAlert(release(deploys), FIRED_AT).map((event) => event.time)).toEqual(['2026-03-14 02:02', '2026-03-14 02:03', '2026-03-14 02:04']);
  });
});

describe('breadcrumbsBeforeAlert', () => {
  it('keeps warnings, errors and outgoing requests; leaves navigation, console, queries and Sentry\'s own records', () => {
    const kept = [
      crumb('2026-03-14T03:12:00Z', 'http', 'info', 'GET /health [200]'),
      crumb('2026-03-14T03:12:00Z', 'fetch', null, 'POST https://pay.example/charge [502]'),
      crumb('2026-03-14T03:12:00Z', 'console', 'error', 'Unhandled rejection'),
      crumb('2026-03-14T03:12:00Z', 'smtp', 'warning', 'connecting'),
      crumb('2026-03-14T03:12:00Z', null, 'FATAL', 'out of memory'),
    ];
    const left = [
      crumb('2026-03-14T03:12:00Z', 'navigation', 'info', '/cart → /checkout'),
      crumb('2026-03-14T03:12:00Z', 'console', 'log', 'rendering'),
      crumb('2026-03-14T03:12:00Z', 'ui.click', null, 'button#pay'),
      crumb('2026-03-14T03:12:00Z', 'db.query', 'info', 'SELECT 1'),
      crumb('2026-03-14T03:12:00Z', 'sentry.event', 'error', 'TypeError: x is undefined'),
    ];
    expect(kept.map(breadcrumbMatters)).toEqual([true, true, true, true, true]);
    expect(left.map(breadcrumbMatters)).toEqual([false, false, false, false, false]);
  });

  it('takes the last three that matter up to the firing time, oldest first', () => {
    const crumbs = [
      crumb('2026-03-14T03:09:00.000Z', 'app', 'error', 'first'),
      crumb('2026-03-14T03:10:00.000Z', 'app', 'error', 'second'),
      crumb('2026-03-14T03:11:00.000Z', 'navigation', 'info', '/a → /b'),
      crumb('2026-03-14T03:12:10.000Z', 'http', 'info', 'GET /api/cart [500]'),
      crumb('2026-03-14T03:11:30.000Z', 'app', 'warning', 'third'),
      crumb('2026-03-14T03:12:31.000Z', 'app', 'error', 'after the alert'),
    ];
    expect(breadcrumbsBeforeAlert(crumbs, FIRED_AT)).toEqual([
      { time: '2026-03-14 03:10', text: 'Breadcrumb (app, error): second' },
      { time: '2026-03-14 03:11', text: 'Breadcrumb (app, warning): third' },
      { time: '2026-03-14 03:12', text: 'Breadcrumb (http): GET /api/cart [500]' },
    ]);
  });

  it('gives nothing when there are no breadcrumbs or none that matter', () => {
    expect(breadcrumbsBeforeAlert([], FIRED_AT)).toEqual([]);
    expect(breadcrumbsBeforeAlert([crumb('2026-03-14T03:11:00Z', 'navigation', 'info', '/a → /b')], FIRED_AT)).toEqual([]);
  });

  it('writes each one compact: one line, no queries, no secrets, cut at 120 characters', () => {
    expect(breadcrumbLine(crumb(FIRED_AT, 'http', 'info', 'GET https://pay.example/v1/charge?api_key=abc123&user=7#frag [502]'))).toBe('Breadcrumb (http): GET https://pay.example/v1/charge [502]');
    expect(breadcrumbLine(crumb(FIRED_AT, 'auth', 'error', 'retrying with\n  Authorization: Bearer abcdefghijklmnop'))).toBe('Breadcrumb (auth, error): retrying with Authorization: Bearer [REDACTED:authorization]');
    expect(breadcrumbLine(crumb(FIRED_AT, null, 'warning', 'user ana@example.com over quota'))).toBe('Breadcrumb (warning): user ana@example.com over quota');
    const long = breadcrumbLine(crumb(FIRED_AT, 'app', 'error', 'x'.repeat(300)));
    expect(long).toBe(`Breadcrumb (app, error): ${'x'.repeat(119)}…`);
  });

  it('withoutQueries cuts the query and fragment of absolute and rooted URLs only', () => {
    expect(withoutQueries('GET /api/cart?id=1 [500]')).toBe('GET /api/cart [500]');
    expect(withoutQueries('(https://a.example/x#top) and http://b.example/?q=1')).toBe('(https://a.example/x) and http://b.example/');
    expect(withoutQueries('Is it done? 50% #3')).toBe('Is it done? 50% #3');
  });
});

describe('draftPostmortem with Sentry\'s deploys and breadcrumbs', () => {
  const alert = makeAlert({ title: 'TypeError: cart is undefined', firedAt: FIRED_AT });
  const timeline: TimelineEntry[] = [
    { at: '2026-03-14T03:20:00.000Z', kind: 'step', step: 'assess', text: 'Assess' },
    { at: '2026-03-14T03:25:00.000Z', kind: 'note', step: 'mitigate', text: 'Rolled back by hand.' },
    // The session timeline's own Sentry entries are not what the postmortem reads.
    { at: '2026-03-14T02:24:59.000Z', kind: 'deploy', text: 'Release shop@2.3.0 deployed to production (Sentry deploy 8).' },
  ];
  const draft = (evidenceSentry: SentryEvidence | null | undefined) =>
    draftPostmortem({ alert, timeline, previous: [], evidence: makeEvidence({ firedAt: FIRED_AT, signals: { ...NO_SIGNALS, onset: '2026-03-14T02:40:00.000Z', onsetSignal: 'errors' }, sentry: evidenceSentry }) }, { sessionId: 's1' });

  it('puts them among the existing events in time order; same-minute ties keep cause before effect', () => {
    const withSentry = sentry({
      release: release([deploy('8', '2026-03-14T02:24:59Z'), deploy('9', '2026-03-14T03:40:00Z')]),
      breadcrumbs: [crumb('2026-03-14T03:12:29.000Z', 'http', 'info', 'GET /api/cart [500]'), crumb('2026-03-14T02:40:10.000Z', 'db', 'warning', 'pool exhausted')],
    });
    expect(draft(withSentry).timeline).toEqual([
      { time: '2026-03-14 02:24', text: 'Deployed shop@2.3.0 to production.' },
      { time: '2026-03-14 02:40', text: 'Onset: errors began to rise.' },
      { time: '2026-03-14 02:40', text: 'Breadcrumb (db, warning): pool exhausted' },
      { time: '2026-03-14 03:12', text: 'Breadcrumb (http): GET /api/cart [500]' },
      { time: '2026-03-14 03:12', text: 'Alert fired: TypeError: cart is undefined.' },
      { time: '2026-03-14 03:20', text: 'Acknowledged; triage session started.' },
      { time: '2026-03-14 03:25', text: 'Rolled back by hand.' },
    ]);
  });

  it('without deploys or breadcrumbs that matter, the entry is the one drafted without Sentry', () => {
    const before = draft(undefined);
    expect(before.timeline.map((event) => event.text)).toEqual(['Onset: errors began to rise.', 'Alert fired: TypeError: cart is undefined.', 'Acknowledged; triage session started.', 'Rolled back by hand.']);
    expect(draft(null)).toEqual(before);
    expect(draft(sentry())).toEqual(before);
    expect(draft(sentry({ release: release([deploy('9', '2026-03-14T03:40:00Z'), deploy('7', null)]), breadcrumbs: [crumb('2026-03-14T03:00:00Z', 'navigation', 'info', '/a → /b')] }))).toEqual(before);
  });

  it('renders through the entry renderer and parses back to the same entry, whatever the text holds', () => {
    const tricky = sentry({
      release: release([deploy('8', '2026-03-14T02:24:59Z', '**prod** #1')], 'shop@2.3.0 — `rc`'),
      breadcrumbs: [crumb('2026-03-14T03:12:00Z', '## http', 'error', '- [ ] **GET** `/a` &amp; <b>x</b> \\*')],
    });
    const entry = draft(tricky);
    const parsed = parsePostmortems(renderPostmortemEntry(entry));
    expect(parsed.problems).toEqual([]);
    expect(PostmortemEntrySchema.parse(parsed.entries[0]!.entry)).toEqual(entry);
  });
});
