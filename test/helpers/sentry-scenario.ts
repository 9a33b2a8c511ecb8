import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sentryLinkHeader, startFakeSentryApi, type FakeRoute, type FakeSentry } from './fake-sentry-api.js';

/**
 * The organization `acme` as the fake Sentry API serves it: issue SHOP-API-1A2 (camelCase API
 * event, committers, release shop-api@2.14.0 with two pages of commits and a deploy, windowed
 * stats), and the new issue SHOP-API-1C4 whose latest event is snake_case and that has no
 * recommended event and no suspect commits (404s, as older and quieter Sentries answer).
 */

export const TOKEN = 'sntryu_test_0123456789abcdef0123456789abcdef';

export const ACME = {
  org: 'acme',
  issueId: '4471203311',
  shortId: 'SHOP-API-1A2',
  eventId: '9f2c4b1e7d3a4f6b8c0e1d2a3b4c5d6e',
  project: 'shop-api',
  release: 'shop-api@2.14.0',
  firedAt: '2025-03-14T09:26:53.412Z',
} as const;

export const NEW_ISSUE = { issueId: '4501234567', shortId: 'SHOP-API-1C4', eventId: 'c0ffee00d15ea5e0b5e1f00dfeedbac5', release: 'shop-api@2.15.0' } as const;

export function readFixture(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)), 'utf8')) as Record<string, unknown>;
}

export interface AcmeOptions {
  /** The sha Sentry names as suspect commit (a commit of the test's repository, or any 40-hex sha). */
  suspectSha?: string;
  /** The deploys of shop-api@2.14.0, as the deploys endpoint lists them (default: one, finished 09:04:30). */
  deploys?: Record<string, unknown>[];
  /** The event's breadcrumb values, in the API's `entries[{type: 'breadcrumbs'}]` (default: the fixture's one query). */
  breadcrumbs?: Record<string, unknown>[];
}

/** The fixture's API event with its breadcrumbs entry's values replaced. */
function withBreadcrumbs(event: Record<string, unknown>, values: Record<string, unknown>[]): Record<string, unknown> {
  const entries = event.entries as { type: string; data: unknown }[];
  return { ...event, entries: entries.map((entry) => (entry.type === 'breadcrumbs' ? { ...entry, data: { values } } : entry)) };
}

export async function startAcmeSentry(options: AcmeOptions = {}): Promise<FakeSentry> {
  const api = await startFakeSentryApi({ token: TOKEN });
  for (const [path, route] of Object.entries(acmeRoutes(api, options))) api.route(path, route);
  return api;
}

function acmeRoutes(api: FakeSentry, options: AcmeOptions): Record<string, FakeRoute> {
  const issue = readFixture('alerts/sentry-api-issue.json');
  const fixtureEvent = readFixture('alerts/sentry-api-event.json');
  const event = options.breadcrumbs ? withBreadcrumbs(fixtureEvent, options.breadcrumbs) : fixtureEvent;
  const org = `/api/0/organizations/${ACME.org}`;
  const issuePath = `${org}/issues/${ACME.issueId}`;
  const newIssue = readFixture('sentry-api/issue-new.json');
  const snakeEvent = readFixture('sentry-api/event-snake-case.json');
  const commitsPath = `${org}/releases/${ACME.release}/commits/`;
  const commit = (id: string, message: string, date: string) => ({ id, message, dateCreated: date, author: { name: 'Dana Dev', email: 'dana@example.com' }, repository: { name: 'acme/shop-api' } });
  return {
    [`${issuePath}/`]: { body: issue },
    [`/api/0/issues/${ACME.issueId}/`]: { body: issue },
    [`${org}/shortids/${ACME.shortId}/`]: { body: { organizationSlug: ACME.org, projectSlug: ACME.project, groupId: ACME.issueId, shortId: ACME.shortId } },
    [`${issuePath}/events/recommended/`]: { body: event },
    [`${issuePath}/events/latest/`]: { body: event },
    [`${issuePath}/events/${ACME.eventId}/`]: { body: event },
    [`/api/0/issues/${ACME.issueId}/events/recommended/`]: { body: event },
    [`/api/0/issues/${ACME.issueId}/events/${ACME.eventId}/`]: { body: event },
    [`${org}/issues-stats/`]: (request) => ({
      body: [
        {
          id: request.query.get('groups'),
          stats: { auto: [[1741937400, 0], [1741939200, 0], [1741941000, 0], [1741942800, 0], [1741943400, 0], [1741944000, 14], [1741944600, 23]] },
        },
      ],
    }),
    [`/api/0/projects/${ACME.org}/${ACME.project}/events/${ACME.eventId}/committers/`]: {
      body: {
        committers: [
          {
            author: { name: 'Dana Dev', email: 'dana@example.com' },
            commits: [{ ...commit(options.suspectSha ?? 'a'.repeat(40), 'Read the cart owner from the session\n\nLonger body.', '2025-03-14T08:41:00Z'), suspectCommitType: 'via SCM integration' }],
          },
        ],
      },
    },
    [`${org}/releases/${ACME.release}/`]: { body: { version: ACME.release, dateCreated: '2025-03-14T08:50:02Z', dateReleased: null, commitCount: 3, deployCount: options.deploys?.length ?? 1 } },
    [commitsPath]: (request) =>
      request.query.get('cursor') === null
        ? {
            body: [commit('b'.repeat(40), 'Bump express', '2025-03-14T08:30:00Z'), commit('c'.repeat(40), 'Cache carts', '2025-03-14T08:35:00Z')],
            headers: { link: sentryLinkHeader(api.url, commitsPath, { previous: '0:0:1', next: '0:100:0', hasNext: true }) },
          }
        : {
            body: [commit('d'.repeat(40), 'Read the cart owner from the session', '2025-03-14T08:41:00Z')],
            headers: { link: sentryLinkHeader(api.url, commitsPath, { previous: '0:0:1', next: '0:200:0', hasNext: false }) },
          },
    [`${org}/releases/${ACME.release}/deploys/`]: {
      body: options.deploys ?? [{ id: '7', environment: 'production', name: null, url: null, dateStarted: '2025-03-14T09:02:10Z', dateFinished: '2025-03-14T09:04:30Z' }],
    },
    [`${org}/issues/${NEW_ISSUE.issueId}/`]: { body: newIssue },
    [`${org}/issues/${NEW_ISSUE.issueId}/events/latest/`]: { body: snakeEvent },
    [`/api/0/projects/${ACME.org}/${ACME.project}/events/${NEW_ISSUE.eventId}/committers/`]: { status: 404, body: { detail: 'No committers found' } },
  };
}
