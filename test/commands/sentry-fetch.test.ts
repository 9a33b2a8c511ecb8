import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAlert } from '../../src/alert/parse.js';
import type { Alert } from '../../src/alert/schema.js';
import { readRunAlert, type RunAlert } from '../../src/commands/alert-from-input.js';
import { RunOptionsSchema, type RunOptions } from '../../src/commands/options.js';
import { ExitCode } from '../../src/errors.js';
import { SentryAuthError } from '../../src/sentry/errors.js';
import type { FakeSentry } from '../helpers/fake-sentry-api.js';
import { ACME, NEW_ISSUE, readFixture, startAcmeSentry, TOKEN } from '../helpers/sentry-scenario.js';

/**
 * `triage <Sentry issue URL | ID | webhook>` up to the Alert and Sentry's evidence, against the
 * local Sentry API. Requests to sentry.io hosts are routed to it by the test's fetch, which
 * records what triage asked for.
 */

let sentry: FakeSentry;
const asked: string[] = [];
const notices: string[] = [];
const receivedAt = new Date('2030-01-01T00:00:00Z');

beforeAll(async () => {
  sentry = await startAcmeSentry();
});
afterAll(async () => sentry.close());
afterEach(() => {
  asked.length = 0;
  notices.length = 0;
});

/** Sends every request to the fake Sentry, remembering the URL triage meant. */
const routedFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  asked.push(url.toString());
  const path = url.pathname.replace(/^\/sentry(?=\/api\/)/, '');
  return fetch(`${sentry.url}${path}${url.search}`, init);
};

function options(overrides: Partial<RunOptions> = {}): RunOptions {
  return { ...RunOptionsSchema.parse({ repo: '.' }), ...overrides };
}

async function run(arg: string, env: NodeJS.ProcessEnv = { SENTRY_AUTH_TOKEN: TOKEN }, overrides: Partial<RunOptions> = {}, stdin = ''): Promise<RunAlert> {
  return readRunAlert(arg, options(overrides), {
    cwd: process.cwd(),
    readStdin: async () => Buffer.from(stdin),
    env,
    now: () => receivedAt,
    notify: (text) => void notices.push(text),
    fetch: routedFetch,
  });
}

const issuePath = `/api/0/organizations/acme/issues/${ACME.issueId}/`;
const withoutChannel = ({ format: _f, raw: _r, ...rest }: Alert) => rest;

describe('every issue URL form and ID is fetched from the right endpoints', () => {
  const selfHosted = { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: 'http://tools.example.com:9000/sentry' };
  it.each([
    ['https://acme.sentry.io/issues/4471203311/', {}, undefined, ['https://acme.sentry.io' + issuePath, `https://acme.sentry.io${issuePath}events/recommended/`]],
    [`https://acme.sentry.io/issues/4471203311/events/${ACME.eventId}/`, {}, undefined, ['https://acme.sentry.io' + issuePath, `https://acme.sentry.io${issuePath}events/${ACME.eventId}/`]],
    ['acme.sentry.io/issues/4471203311/', {}, undefined, ['https://acme.sentry.io' + issuePath, `https://acme.sentry.io${issuePath}events/recommended/`]],
    ['https://sentry.io/organizations/acme/issues/4471203311/', {}, undefined, ['https://sentry.io' + issuePath, `https://sentry.io${issuePath}events/recommended/`]],
    ['https://sentry.io/organizations/acme/issues/4471203311/events/latest/?environment=production', {}, undefined, ['https://sentry.io' + issuePath, `https://sentry.io${issuePath}events/latest/`]],
    ['https://sentry.io/acme/shop-api/issues/4471203311/', {}, undefined, ['https://sentry.io' + issuePath, `https://sentry.io${issuePath}events/recommended/`]],
    [`https://sentry.io/acme/shop-api/issues/4471203311/events/${ACME.eventId}/`, {}, undefined, ['https://sentry.io' + issuePath, `https://sentry.io${issuePath}events/${ACME.eventId}/`]],
    [
      'https://acme.sentry.io/issues/SHOP-API-1A2/',
      {},
      undefined,
      ['https://acme.sentry.io/api/0/organizations/acme/shortids/SHOP-API-1A2/', 'https://acme.sentry.io' + issuePath, `https://acme.sentry.io${issuePath}events/recommended/`],
    ],
    [
      'http://tools.example.com:9000/sentry/organizations/acme/issues/4471203311/',
      selfHosted,
      undefined,
      [`http://tools.example.com:9000/sentry${issuePath}`, `http://tools.example.com:9000/sentry${issuePath}events/recommended/`],
    ],
    [
      // No organization in the link: the old route, then the organization from the issue's permalink.
      'http://tools.example.com:9000/sentry/issues/4471203311/',
      selfHosted,
      undefined,
      [`http://tools.example.com:9000/sentry/api/0/issues/${ACME.issueId}/`, `http://tools.example.com:9000/sentry${issuePath}events/recommended/`],
    ],
    ['SHOP-API-1A2', {}, 'acme', ['https://sentry.io/api/0/organizations/acme/shortids/SHOP-API-1A2/', 'https://sentry.io' + issuePath, `https://sentry.io${issuePath}events/recommended/`]],
    ['SHOP-API-1A2', { SENTRY_ORG: 'acme' }, undefined, ['https://sentry.io/api/0/organizations/acme/shortids/SHOP-API-1A2/', 'https://sentry.io' + issuePath, `https://sentry.io${issuePath}events/recommended/`]],
    ['4471203311', {}, undefined, [`https://sentry.io/api/0/issues/${ACME.issueId}/`, `https://sentry.io${issuePath}events/recommended/`]],
  ] as const)('%s', async (arg, env, org, urls) => {
    const { alert, sentry: evidence } = await run(arg, { SENTRY_AUTH_TOKEN: TOKEN, ...env }, org === undefined ? {} : { org });
    expect(asked).toEqual(urls);
    expect(alert).toMatchObject({
      format: 'sentry-api',
      title: "TypeError: Cannot read properties of undefined (reading 'id')",
      url: 'https://acme.sentry.io/issues/4471203311/',
      ids: { issueId: ACME.issueId, shortId: ACME.shortId, eventId: ACME.eventId, project: 'shop-api', org: 'acme' },
    });
    expect(alert.stacktrace.at(-1)).toMatchObject({ file: 'app:///src/orders/checkout.ts', line: 88, inApp: true });
    expect(evidence).not.toBeNull();
  });

  it('uses the issue\'s last occurrence as the incident clock unless the URL names the event', async () => {
    expect((await run('https://acme.sentry.io/issues/4471203311/')).alert).toMatchObject({ firedAt: ACME.firedAt, firedAtSource: 'payload' });
  });
});

describe('the same incident from a webhook and from the API normalizes to the same Alert', () => {
  it('event_alert webhook (snake_case event) ≡ the issue fetched by URL (camelCase API event)', async () => {
    const fromWebhook = parseAlert(readFixture('alerts/sentry-event-alert.json'), { receivedAt });
    const { alert: fromApi } = await run(`https://acme.sentry.io/issues/4471203311/events/${ACME.eventId}/`);
    // Only the issue knows its short ID; an event_alert's event never carries it.
    expect(withoutChannel(fromApi)).toEqual({ ...withoutChannel(fromWebhook), ids: { ...fromWebhook.ids, shortId: ACME.shortId } });
  });

  it('an issue webhook plus its latest event ≡ the issue fetched by URL (recommended missing → latest)', async () => {
    const webhook = await run('-', { SENTRY_AUTH_TOKEN: TOKEN }, {}, JSON.stringify(readFixture('sentry-api/issue-created-webhook.json')));
    expect(asked).toEqual([`https://acme.sentry.io/api/0/organizations/acme/issues/${NEW_ISSUE.issueId}/events/latest/`]);
    asked.length = 0;
    const api = await run(`https://sentry.io/organizations/acme/issues/${NEW_ISSUE.issueId}/`);
    expect(asked.map((url) => url.replace('https://sentry.io/api/0/organizations/acme/issues/4501234567/', '…/'))).toEqual(['…/', '…/events/recommended/', '…/events/latest/']);
    expect(webhook.alert.format).toBe('sentry-issue');
    expect(withoutChannel(webhook.alert)).toEqual(withoutChannel(api.alert));
    expect(api.alert).toMatchObject({
      title: 'SmtpTimeoutError: SMTP handshake timed out after 10000ms',
      severity: 'medium',
      release: NEW_ISSUE.release,
      route: 'POST /api/receipts',
      firedAt: '2025-03-20T02:14:09.501Z',
      ids: { eventId: NEW_ISSUE.eventId, issueId: NEW_ISSUE.issueId, shortId: NEW_ISSUE.shortId, project: 'shop-api', org: 'acme' },
    });
    expect(api.alert.stacktrace.map((f) => [f.file, f.line, f.inApp])).toEqual([
      ['node:internal/process/task_queues', 95, false],
      ['app:///node_modules/nodemailer/lib/smtp-connection/index.js', 802, false],
      ['app:///src/mail/receipts.ts', 42, true],
    ]);
  });
});

describe('an issue webhook without a token, offline, or unknown to Sentry', () => {
  const body = JSON.stringify(readFixture('sentry-api/issue-created-webhook.json'));

  it('goes on with the issue alone and says what is missing', async () => {
    const { alert, sentry: evidence } = await run('-', {}, {}, body);
    expect(alert.stacktrace).toEqual([]);
    expect(evidence).toBeNull();
    expect(asked).toEqual([]);
    expect(notices).toEqual([
      'This `issue` webhook carries no event, so there is no stack trace, release or tags to read: set SENTRY_AUTH_TOKEN (scope event:read) or pass --token-file FILE so triage can fetch its latest event.',
    ]);
  });

  it('with --offline, says that is why', async () => {
    await run('-', { SENTRY_AUTH_TOKEN: TOKEN }, { offline: true }, body);
    expect(asked).toEqual([]);
    expect(notices[0]).toMatch(/--offline forbids fetching its latest event from Sentry\.$/);
  });

  it('a webhook from a Sentry that SENTRY_URL does not name: not asked, and it says why', async () => {
    const { sentry: evidence } = await run('-', { SENTRY_AUTH_TOKEN: TOKEN }, {}, JSON.stringify(readFixture('alerts/sentry-legacy-sentry9.json')));
    expect(evidence).toBeNull();
    expect(asked).toEqual([]);
    expect(notices).toEqual(['Sentry not asked for its evidence: https://sentry.example.com is not sentry.io and SENTRY_URL is not set, so triage will not send your Sentry token there.']);
  });

  it('refuses a Sentry URL with --offline (exit 2, saying why)', async () => {
    await expect(run('https://acme.sentry.io/issues/1/', { SENTRY_AUTH_TOKEN: TOKEN }, { offline: true })).rejects.toMatchObject({
      exitCode: ExitCode.usage,
      message: 'https://acme.sentry.io/issues/1/ is a Sentry issue, and fetching it needs the network, which --offline forbids',
    });
    expect(asked).toEqual([]);
  });

  it('a Sentry URL without any token is exit 4, naming SENTRY_AUTH_TOKEN and event:read', async () => {
    const error = await run('https://acme.sentry.io/issues/4471203311/', {}).catch((e: unknown) => e as SentryAuthError);
    expect(error).toMatchObject({ exitCode: ExitCode.auth, message: 'fetching issue 4471203311 in organization acme from Sentry needs an auth token, and none is set' });
    expect((error as SentryAuthError).hint).toMatch(/SENTRY_AUTH_TOKEN .*event:read.*--token-file/);
  });

  it('a rejected token is exit 4 and the token is in no message', async () => {
    const error = (await run('https://acme.sentry.io/issues/4471203311/', { SENTRY_AUTH_TOKEN: 'not-the-right-one' }).catch((e: unknown) => e)) as SentryAuthError;
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.message).toContain('SENTRY_AUTH_TOKEN');
    expect(`${error.message}${error.hint ?? ''}${notices.join('')}`).not.toContain('not-the-right-one');
  });

  it('a missing issue says which one', async () => {
    await expect(run('https://acme.sentry.io/issues/999/')).rejects.toThrow('Sentry has no issue 999 in organization acme (404 from GET /api/0/organizations/acme/issues/999/)');
  });
});

describe('Sentry\'s evidence', () => {
  const window = { from: '2025-03-14T07:26:53.412Z', to: '2025-03-14T09:56:53.412Z' };
  it('issue counts, windowed stats, the release with paginated commits and deploys, suspect commits, breadcrumbs', async () => {
    // Self-hosted at the fake's own address, so its absolute Link URLs are on the same origin.
    const { sentry: source } = await run(`${sentry.url}/organizations/acme/issues/${ACME.issueId}/`, { SENTRY_AUTH_TOKEN: TOKEN, SENTRY_URL: sentry.url });
    asked.length = 0;
    const evidence = await source!(window);
    expect(evidence).toMatchObject({
      issue: { id: ACME.issueId, shortId: ACME.shortId, count: 37, userCount: 12, firstSeen: '2025-03-14T09:21:07.220Z', lastSeen: ACME.firedAt, project: 'shop-api' },
      stats: { period: 'auto' },
      release: { version: ACME.release, createdAt: '2025-03-14T08:50:02.000Z', commitsTruncated: false, deploys: [{ id: '7', environment: 'production', finishedAt: '2025-03-14T09:04:30.000Z' }] },
      suspectCommits: [{ sha: 'a'.repeat(40), shortSha: 'aaaaaaa', subject: 'Read the cart owner from the session', author: 'Dana Dev', suspectType: 'via SCM integration' }],
      breadcrumbs: [{ at: '2025-03-14T09:26:52.980Z', category: 'db.query', message: 'SELECT * FROM carts WHERE id = $1' }],
      notes: [],
    });
    expect(evidence!.stats!.points).toHaveLength(7);
    expect(evidence!.release!.commits.map((c) => c.shortSha)).toEqual(['bbbbbbb', 'ccccccc', 'ddddddd']);
    const statsRequest = asked.find((url) => url.includes('issues-stats'));
    expect(new URL(statsRequest!).searchParams.toString()).toBe(`groups=${ACME.issueId}&start=${encodeURIComponent(window.from)}&end=${encodeURIComponent(window.to)}&groupStatsPeriod=auto`);
    expect(asked.filter((url) => url.includes('/commits/')).map((url) => new URL(url).searchParams.get('cursor'))).toEqual([null, '0:100:0']);
  });

  it('committers 404 means no suspects; a release Sentry lacks becomes a note; breadcrumbs from the snake_case event', async () => {
    const { sentry: source } = await run(`https://sentry.io/organizations/acme/issues/${NEW_ISSUE.issueId}/`);
    const evidence = await source!(window);
    expect(evidence!.suspectCommits).toEqual([]);
    expect(evidence!.release).toBeNull();
    expect(evidence!.notes).toEqual([`Release ${NEW_ISSUE.release} not fetched: Sentry has no release ${NEW_ISSUE.release} in organization acme (404 from GET /api/0/organizations/acme/releases/${NEW_ISSUE.release}/)`]);
    expect(evidence!.breadcrumbs.map((b) => [b.category, b.message])).toEqual([
      ['http', 'POST /api/receipts [202]'],
      ['smtp', 'connecting to smtp.mail.example:587'],
    ]);
    expect(evidence!.stats).toMatchObject({ period: 'auto' });
  });

  it('a 403 on an extra is a note; a 401 stops the triage', async () => {
    const shared = sentry;
    sentry = await startAcmeSentry();
    try {
      const { sentry: source } = await run(`https://sentry.io/organizations/acme/issues/${ACME.issueId}/`);
      sentry.route('/api/0/organizations/acme/issues-stats/', { status: 403, body: { detail: 'no' } });
      const evidence = await source!(window);
      expect(evidence!.notes).toEqual(['Issue stats not fetched: Sentry refused stats of issue 4471203311 to the auth token from SENTRY_AUTH_TOKEN (403 Forbidden)']);
      // Without the windowed stats, the issue's own 24h stats stand in.
      expect(evidence!.stats).toMatchObject({ period: '24h', points: [{ at: '2025-03-14T08:00:00.000Z', count: 0 }, { at: '2025-03-14T09:00:00.000Z', count: 37 }] });
      sentry.route('/api/0/organizations/acme/issues-stats/', { status: 401, body: { detail: 'expired' } });
      await expect(source!(window)).rejects.toBeInstanceOf(SentryAuthError);
    } finally {
      await sentry.close();
      sentry = shared;
    }
  });

  it('a webhook file with a token fetches the evidence too, from the Sentry its links name', async () => {
    const { alert, sentry: source } = await run('-', { SENTRY_AUTH_TOKEN: TOKEN }, {}, JSON.stringify(readFixture('alerts/sentry-event-alert.json')));
    expect(alert.format).toBe('sentry-event-alert');
    expect(asked).toEqual([]);
    const evidence = await source!(window);
    expect(asked[0]).toBe(`https://acme.sentry.io${issuePath}`);
    expect(evidence!.issue.count).toBe(37);
  });
});
