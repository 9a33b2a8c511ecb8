import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PostmortemEntrySchema } from '../../src/postmortem/model.js';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { renderPostmortemEntry } from '../../src/postmortem/render.js';
import { draftFromSession } from '../../src/postmortem/session-draft.js';
import { loadSession } from '../../src/playbook/session-store.js';
import { ReportSchema } from '../../src/report.js';
import { sentryHookSignature } from '../../src/sentry/webhook-signature.js';
import { assertBuilt, CLI, runCli } from '../helpers/cli.js';
import type { FakeSentry } from '../helpers/fake-sentry-api.js';
import { startFakeIngest, type FakeIngest } from '../helpers/fake-sentry-ingest.js';
import { sourceModulesOf } from '../helpers/bundle-modules.js';
import { ACME, readFixture, startAcmeSentry, TOKEN } from '../helpers/sentry-scenario.js';

/** The built CLI against a local Sentry API and a local ingest endpoint: nothing here touches the internet. */

const tempDir = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix));
/** Every Sentry setting blanked, so a developer's own environment cannot leak into a test. */
const CLEAN = { SENTRY_AUTH_TOKEN: '', SENTRY_URL: '', SENTRY_ORG: '', SENTRY_DSN: '', SENTRY_CLIENT_SECRET: '', TRIAGE_SENTRY_DSN: '', DO_NOT_TRACK: '', CI: 'true' };

let sentry: FakeSentry;
let ingest: FakeIngest;
beforeAll(async () => {
  sentry = await startAcmeSentry();
  ingest = await startFakeIngest();
});
afterAll(async () => {
  await Promise.all([sentry.close(), ingest.close()]);
});
afterEach(() => {
  ingest.envelopes.length = 0;
});

const issueUrl = (id: string = ACME.issueId) => `${sentry.url}/organizations/acme/issues/${id}/`;
const sentryEnv = (extra: Record<string, string> = {}) => ({ ...CLEAN, SENTRY_URL: sentry.url, SENTRY_AUTH_TOKEN: TOKEN, ...extra });

describe('triage <Sentry issue URL | short ID>', () => {
  it('fetches the issue and its evidence and walks it; the token appears nowhere', async () => {
    const repo = tempDir('triage-sentry-e2e-');
    const result = await runCli([issueUrl(), '--repo', repo, '--no-input', '--json'], { env: sentryEnv() });
    expect(result.stderr).toContain(`Fetching issue ${ACME.issueId} in organization acme from ${sentry.url} …`);
    expect(result.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(result.stdout));
    expect(report.alert).toMatchObject({ format: 'sentry-api', title: "TypeError: Cannot read properties of undefined (reading 'id')", ids: { shortId: ACME.shortId } });
    expect(report.sentry).toMatchObject({ issue: { count: 37, userCount: 12 }, release: { version: ACME.release, deploys: [{ id: '7' }] }, suspectCommits: [{ shortSha: 'aaaaaaa' }] });
    expect(report.signals).toMatchObject({ source: 'sentry', onset: '2025-03-14T09:21:00.000Z' });
    expect(report.timeline.map((entry) => entry.kind).slice(0, 3)).toEqual(['deploy', 'breadcrumb', 'alert']);
    const sessionFiles = spawnSync('grep', ['-rl', TOKEN, path.join(repo, '.triage')], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}${sessionFiles.stdout}`).not.toContain(TOKEN);
  });

  it('looks a short ID up with --org, reading the token from --token-file', async () => {
    const dir = tempDir('triage-token-');
    writeFileSync(path.join(dir, 'token'), `${TOKEN}\n`, { mode: 0o600 });
    const result = await runCli([ACME.shortId, '--org', 'acme', '--token-file', path.join(dir, 'token'), '--repo', dir, '--no-input', '--json', '--dry-run'], {
      env: { ...CLEAN, SENTRY_URL: sentry.url },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).alert.ids).toMatchObject({ issueId: ACME.issueId, shortId: ACME.shortId });
    expect(sentry.requests.some((r) => r.path === `/api/0/organizations/acme/shortids/${ACME.shortId}/` && r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('a rejected token: exit 4, naming SENTRY_AUTH_TOKEN and event:read, token unprinted even with --debug', async () => {
    const result = await runCli([issueUrl(), '--repo', tempDir('triage-401-'), '--no-input', '--debug'], { env: sentryEnv({ SENTRY_AUTH_TOKEN: 'sntryu_wrong_but_secret' }) });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('triage: Sentry rejected the auth token from SENTRY_AUTH_TOKEN (401 Unauthorized)');
    expect(result.stderr).toContain('event:read');
    expect(`${result.stdout}${result.stderr}`).not.toContain('sntryu_wrong_but_secret');
  });

  it('a forbidden issue is exit 4 too; a missing one names what is missing (exit 1); no token at all is exit 4', async () => {
    sentry.route('/api/0/organizations/acme/issues/4040404/', { status: 403, body: { detail: 'You do not have permission to perform this action.' } });
    const forbidden = await runCli([issueUrl('4040404'), '--repo', tempDir('triage-403-'), '--no-input'], { env: sentryEnv() });
    expect(forbidden.code).toBe(4);
    expect(forbidden.stderr).toContain('(403 Forbidden)');
    const missing = await runCli([issueUrl('999'), '--repo', tempDir('triage-404-'), '--no-input'], { env: sentryEnv() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('triage: Sentry has no issue 999 in organization acme (404 from GET /api/0/organizations/acme/issues/999/)');
    const tokenless = await runCli([issueUrl(), '--repo', tempDir('triage-notoken-'), '--no-input'], { env: sentryEnv({ SENTRY_AUTH_TOKEN: '' }) });
    expect(tokenless.code).toBe(4);
    expect(tokenless.stderr).toMatch(/needs an auth token, and none is set\n\s+Set SENTRY_AUTH_TOKEN to a token with the event:read scope/);
  });

  it('--offline refuses a Sentry URL (exit 2) and says why', async () => {
    const before = sentry.requests.length;
    const result = await runCli(['https://acme.sentry.io/issues/4471203311/', '--offline', '--no-input'], { cwd: tempDir('triage-off-'), env: sentryEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('fetching it needs the network, which --offline forbids');
    expect(sentry.requests.length).toBe(before);
  });

  it('refuses to send the token to a host that is neither sentry.io nor SENTRY_URL (exit 2)', async () => {
    const result = await runCli(['https://sentry.evil.example/organizations/acme/issues/1/', '--no-input'], { cwd: tempDir('triage-evil-'), env: sentryEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('so triage will not send your Sentry token there');
  });
});

describe('the postmortem of a Sentry issue', () => {
  const ALERT_LINE = "- **2025-03-14 09:26** Alert fired: TypeError: Cannot read properties of undefined (reading 'id').";
  const deploy = (id: string, environment: string, dateFinished: string) => ({ id, environment, name: null, url: null, dateStarted: null, dateFinished });

  /** Triages the ACME issue against its own fake Sentry, closing out into a fresh repository's POSTMORTEMS.md. */
  async function closeOut(options: Parameters<typeof startAcmeSentry>[0]) {
    const api = await startAcmeSentry(options);
    try {
      const repo = tempDir('triage-sentry-pm-');
      const env = { ...CLEAN, SENTRY_URL: api.url, SENTRY_AUTH_TOKEN: TOKEN };
      const result = await runCli([`${api.url}/organizations/acme/issues/${ACME.issueId}/`, '--repo', repo, '--no-input', '--json'], { env });
      expect(result.code, result.stderr).toBe(0);
      const markdown = readFileSync(path.join(repo, 'POSTMORTEMS.md'), 'utf8');
      return { repo, markdown, sessionId: ReportSchema.parse(JSON.parse(result.stdout)).session.id };
    } finally {
      await api.close();
    }
  }

  const timelineLines = (markdown: string): string[] => {
    const section = markdown.split('### Timeline\n\n')[1] ?? '';
    return section.split('\n\n')[0]!.split('\n');
  };

  it('has the release deploy before the alert, at its time, and the breadcrumbs that matter; not a deploy after the alert', async () => {
    const { repo, markdown, sessionId } = await closeOut({
      deploys: [deploy('7', 'production', '2025-03-14T09:04:30Z'), deploy('8', 'eu-production', '2025-03-14T09:41:15Z')],
      breadcrumbs: [
        { timestamp: '2025-03-14T09:26:40.100Z', type: 'navigation', category: 'navigation', level: 'info', data: { from: '/cart', to: '/checkout' } },
        { timestamp: '2025-03-14T09:26:50.000Z', type: 'http', category: 'http', level: 'info', data: { method: 'GET', url: 'https://pay.example/v1/session?token=s3cr3t', status_code: 502 } },
        { timestamp: '2025-03-14T09:26:51.500Z', type: 'default', category: 'console', level: 'log', message: 'rendering **cart** #1' },
        { timestamp: '2025-03-14T09:26:52.980Z', type: 'default', category: 'cart', level: 'warning', message: 'cart owner missing, falling back to guest' },
      ],
    });
    const lines = timelineLines(markdown);
    expect(lines.slice(0, 5)).toEqual([
      '- **2025-03-14 09:04** Deployed shop-api@2.14.0 to production.',
      '- **2025-03-14 09:21** Onset: errors began to rise.',
      '- **2025-03-14 09:26** Breadcrumb (http): GET https://pay.example/v1/session [502]',
      '- **2025-03-14 09:26** Breadcrumb (cart, warning): cart owner missing, falling back to guest',
      ALERT_LINE,
    ]);
    expect(lines.slice(5)).toEqual([expect.stringMatching(/^- \*\*\d{4}-\d\d-\d\d \d\d:\d\d\*\* Acknowledged; triage session started\.$/)]);
    for (const left of ['eu-production', '09:41', 's3cr3t', 'navigation', 'rendering']) expect(markdown).not.toContain(left);

    const lint = await runCli(['lint', '--max-warnings', '0'], { cwd: repo, env: CLEAN });
    expect([lint.code, lint.stdout]).toEqual([0, '']);
    // It reads back as the entry the session drafts, and renders back to the very bytes appended.
    const parsed = parsePostmortems(markdown);
    expect(parsed.problems).toEqual([]);
    const entry = PostmortemEntrySchema.parse(parsed.entries[0]!.entry);
    // The owner is whoever git says runs triage here; the rest comes from the session alone.
    expect(entry).toEqual(draftFromSession(await loadSession(repo, sessionId), entry.actionItems[0]?.owner ?? null));
    expect(markdown.endsWith(renderPostmortemEntry(entry))).toBe(true);
  });

  it('without deploys or breadcrumbs that matter, the Timeline is what it was: no empty or placeholder lines', async () => {
    const { repo, markdown } = await closeOut({ deploys: [], breadcrumbs: [] });
    expect(timelineLines(markdown)).toEqual([
      '- **2025-03-14 09:21** Onset: errors began to rise.',
      ALERT_LINE,
      expect.stringMatching(/^- \*\*\d{4}-\d\d-\d\d \d\d:\d\d\*\* Acknowledged; triage session started\.$/),
    ]);
    expect(markdown).not.toMatch(/Deployed|Breadcrumb/);
    expect((await runCli(['lint', '--max-warnings', '0'], { cwd: repo, env: CLEAN })).code).toBe(0);
  });

  it('the default issue: its one deploy is in, its info-level query breadcrumb is not', async () => {
    const { markdown } = await closeOut({});
    expect(timelineLines(markdown).slice(0, 3)).toEqual(['- **2025-03-14 09:04** Deployed shop-api@2.14.0 to production.', '- **2025-03-14 09:21** Onset: errors began to rise.', ALERT_LINE]);
    expect(markdown).not.toContain('SELECT');
  });
});

describe('webhook signatures', () => {
  const body = Buffer.from(`${JSON.stringify(readFixture('alerts/sentry-event-alert.json'))}\n`);
  const signature = sentryHookSignature(body, 'client-secret');

  it('verify-webhook: exit 0 valid, 1 invalid, 2 without a signature or secret', async () => {
    const valid = await runCli(['verify-webhook', '--secret', 'client-secret', '--signature', signature], { input: body, env: CLEAN });
    expect([valid.code, valid.stderr]).toEqual([0, 'valid: the body was signed with this secret\n']);
    const fromEnv = await runCli(['verify-webhook', '--signature', signature], { input: body, env: { ...CLEAN, SENTRY_CLIENT_SECRET: 'client-secret' } });
    expect(fromEnv.code).toBe(0);
    const tampered = await runCli(['verify-webhook', '--secret', 'client-secret', '--signature', signature], { input: Buffer.concat([body, Buffer.from(' ')]), env: CLEAN });
    expect([tampered.code, tampered.stderr]).toEqual([1, 'invalid: the signature does not match the body and secret\n']);
    expect((await runCli(['verify-webhook', '--secret', 'client-secret'], { input: body, env: CLEAN })).code).toBe(2);
    expect((await runCli(['verify-webhook', '--signature', signature], { input: body, env: CLEAN })).code).toBe(2);
  });

  it('triage - --signature checks the body before triaging it', async () => {
    const repo = tempDir('triage-signed-');
    const env = { ...CLEAN, SENTRY_CLIENT_SECRET: 'client-secret' };
    const good = await runCli(['-', '--signature', signature, '--repo', repo, '--no-input', '--dry-run', '--offline', '--json'], { input: body, env });
    expect(good.code).toBe(0);
    expect(good.stderr).toContain('Signature valid: stdin was signed with SENTRY_CLIENT_SECRET.');
    expect(JSON.parse(good.stdout).alert.ids.eventId).toBe(ACME.eventId);
    const bad = await runCli(['-', '--signature', 'f'.repeat(64), '--repo', repo, '--no-input', '--dry-run', '--offline'], { input: body, env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('triage: stdin failed the Sentry-Hook-Signature check: the signature does not match the body and secret');
  });
});

describe('triage drill', () => {
  it('sends the drill through @sentry/node and reports a session marked as a drill', async () => {
    const repo = tempDir('triage-drill-e2e-');
    const result = await runCli(['drill', '--dsn', ingest.dsn('42'), '--repo', repo, '--no-input', '--json'], { env: CLEAN });
    expect(result.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(result.stdout));
    expect(report.session.drill).toBe(true);
    expect(report.alert.errorType).toBe('TriageDrillError');
    const [envelope] = await ingest.waitFor(1);
    expect((envelope!.items[0]!.payload as { event_id: string }).event_id).toBe(report.alert.ids.eventId);
    expect(readFileSync(path.join(repo, 'POSTMORTEMS.md'), 'utf8')).toContain('— Drill: TriageDrillError');
  });
});

describe('triage\'s own crash reports (TRIAGE_SENTRY_DSN)', () => {
  /** A real unexpected failure: .triage/sessions is a file, so saving the session fails with ENOTDIR. */
  function brokenRepo(home: string): string {
    const repo = path.join(home, 'shop');
    mkdirSync(path.join(repo, '.triage'), { recursive: true });
    writeFileSync(path.join(repo, '.triage', 'sessions'), '');
    writeFileSync(path.join(repo, 'alert.json'), JSON.stringify({ title: 'Checkout down sentinel-alert-title', firedAt: '2026-03-14T03:12:00Z' }));
    return repo;
  }

  it('reports an unexpected failure, scrubbed, before exiting', async () => {
    const home = tempDir('triage-home-');
    const repo = brokenRepo(home);
    const result = await runCli(['alert.json', '--no-input'], { cwd: repo, env: { ...CLEAN, HOME: home, TRIAGE_SENTRY_DSN: ingest.dsn('5'), SECRETISH: 'sentinel-env-value-4242' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('triage: unexpected failure: ENOTDIR');
    // Already delivered: the CLI waited for the flush before it exited.
    expect(ingest.envelopes).toHaveLength(1);
    const envelope = ingest.envelopes[0]!;
    expect(envelope.items[0]!.payload).toMatchObject({ tags: { command: 'run' }, exception: { values: [{ type: 'Error', value: "ENOTDIR: not a directory, mkdir '…'" }] } });
    for (const secret of [home, 'sentinel-alert-title', 'sentinel-env-value-4242', 'alert.json']) expect(envelope.text).not.toContain(secret);
  });

  it('sends nothing with DO_NOT_TRACK=1, and nothing without the DSN', async () => {
    const home = tempDir('triage-home-');
    const repo = brokenRepo(home);
    const dnt = await runCli(['alert.json', '--no-input'], { cwd: repo, env: { ...CLEAN, HOME: home, TRIAGE_SENTRY_DSN: ingest.dsn('5'), DO_NOT_TRACK: '1' } });
    const off = await runCli(['alert.json', '--no-input'], { cwd: repo, env: { ...CLEAN, HOME: home } });
    expect([dnt.code, off.code]).toEqual([1, 1]);
    expect(ingest.envelopes).toEqual([]);
  });
});

describe('start-up cost: @sentry/node only where it is used', () => {
  const tracer = fileURLToPath(new URL('../helpers/import-tracer.mjs', import.meta.url));
  /** Asynchronous, so the fake servers in this process keep answering while the CLI runs. */
  async function importsOf(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<string[]> {
    assertBuilt();
    const trace = path.join(tempDir('triage-trace-'), 'imports.txt');
    writeFileSync(trace, '');
    const child = spawn(process.execPath, ['--import', tracer, CLI, ...args], { cwd: tempDir('triage-trace-cwd-'), env: { ...process.env, ...env, TRIAGE_IMPORT_TRACE: trace } });
    child.stdin.end(input);
    child.stdout.resume();
    child.stderr.resume();
    await new Promise((resolve) => child.on('close', resolve));
    return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  }

  it('a Sentry issue fetched over the API and verify-webhook do not load the SDK; a drill does', async () => {
    const run = await importsOf([issueUrl(), '--no-input', '--dry-run'], sentryEnv());
    expect(sourceModulesOf(run)).toContain('src/sentry/http.ts');
    expect(run.filter((url) => url.includes('@sentry/node'))).toEqual([]);
    const verify = await importsOf(['verify-webhook', '--secret', 's', '--signature', 'ab'], CLEAN, '{}');
    expect(sourceModulesOf(verify)).toContain('src/commands/verify-webhook.ts');
    expect(verify.filter((url) => url.includes('@sentry/node'))).toEqual([]);
    const drill = await importsOf(['drill', '--dsn', ingest.dsn('1'), '--no-input', '--dry-run'], CLEAN);
    expect(drill.some((url) => url.includes('@sentry/node'))).toBe(true);
  });
});
