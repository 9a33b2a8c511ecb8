import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runDrillCommand, type DrillDeps } from '../../src/commands/drill.js';
import { ExitCode } from '../../src/errors.js';
import { sendCrashReport } from '../../src/sentry/crash-reports.js';
import { startFakeIngest, type FakeIngest } from '../helpers/fake-sentry-ingest.js';
import { commitFiles, createTempRepo, removeTempRepos } from '../helpers/git-repo.js';

/** The real @sentry/node SDK sending to a local ingest endpoint: a fire drill, and a crash report. */

let ingest: FakeIngest;
const written: string[] = [];

beforeAll(async () => {
  ingest = await startFakeIngest();
});
afterAll(async () => {
  await ingest.close();
  removeTempRepos();
});
afterEach(() => {
  ingest.envelopes.length = 0;
  written.length = 0;
});

function deps(env: NodeJS.ProcessEnv = {}): DrillDeps {
  return { env, now: () => new Date('2026-05-02T10:00:00Z'), write: (text) => void written.push(text), timeoutMs: 5000 };
}

function repoWithHistory(): string {
  const repo = createTempRepo();
  commitFiles(repo, { files: { 'src/app.ts': 'export {}\n' }, message: 'Initial', date: '2026-05-01T10:00:00Z' });
  return repo.dir;
}

describe('triage drill', () => {
  it('sends a synthetic error through @sentry/node, then walks it as a drill and marks the postmortem', async () => {
    const repo = repoWithHistory();
    const code = await runDrillCommand({ dsn: ingest.dsn('42'), repo, input: false }, deps());
    expect(code).toBe(ExitCode.ok);

    const [envelope] = await ingest.waitFor(1);
    expect(envelope!.path).toBe('/api/42/envelope/');
    expect(envelope!.query.get('sentry_key')).toBe('publickey');
    const event = envelope!.items.find((item) => item.header.type === 'event')!.payload as Record<string, any>;
    const drillId = event.tags.drill_id as string;
    expect(drillId).toMatch(/^[0-9a-f]{8}$/);
    expect(event).toMatchObject({ level: 'error', environment: 'production', tags: { triage_drill: 'true' }, fingerprint: ['triage-drill', drillId] });
    expect(event.exception.values[0]).toMatchObject({ type: 'TriageDrillError', value: `Fire drill ${drillId}: synthetic error sent by \`triage drill\`; safe to resolve` });
    expect(event.exception.values[0].stacktrace?.frames ?? []).toEqual([]);
    expect(written.join('')).toContain(`Sentry accepted event ${event.event_id}`);

    const sessions = readdirSync(path.join(repo, '.triage', 'sessions'));
    expect(sessions).toHaveLength(1);
    const state = JSON.parse(readFileSync(path.join(repo, '.triage', 'sessions', sessions[0]!, 'state.json'), 'utf8'));
    expect(state).toMatchObject({ drill: true, status: 'completed', alert: { source: 'sentry', errorType: 'TriageDrillError', environment: 'production', ids: { eventId: event.event_id, project: '42' } } });
    expect(state.timeline[0].text).toBe(`Drill alert fired: TriageDrillError: Fire drill ${drillId}: synthetic error sent by \`triage drill\`; safe to resolve`);
    const postmortems = readFileSync(path.join(repo, 'POSTMORTEMS.md'), 'utf8');
    expect(postmortems).toMatch(/^## \d{4}-\d{2}-\d{2} — Drill: TriageDrillError: Fire drill/m);
    expect(postmortems).toMatch(/^- \*\*Tags:\*\* drill, /m);
  });

  it('takes the DSN, environment and release from SENTRY_DSN, SENTRY_ENVIRONMENT and SENTRY_RELEASE', async () => {
    const repo = repoWithHistory();
    await runDrillCommand({ repo, input: false, dryRun: true }, deps({ SENTRY_DSN: ingest.dsn('7'), SENTRY_ENVIRONMENT: 'staging', SENTRY_RELEASE: 'shop@1.2.3' }));
    const [envelope] = await ingest.waitFor(1);
    expect(envelope!.path).toBe('/api/7/envelope/');
    expect(envelope!.items[0]!.payload).toMatchObject({ environment: 'staging', release: 'shop@1.2.3' });
    expect(existsSync(path.join(repo, '.triage'))).toBe(false);
    expect(existsSync(path.join(repo, 'POSTMORTEMS.md'))).toBe(false);
  });

  it('fails (exit 1) when Sentry refuses the event, before any walk', async () => {
    const refusing = await startFakeIngest({ status: 403 });
    const repo = repoWithHistory();
    try {
      await expect(runDrillCommand({ dsn: refusing.dsn('42'), repo, input: false }, deps())).rejects.toMatchObject({
        exitCode: ExitCode.failure,
        message: `${new URL(refusing.url).host} (project 42) refused the drill event (HTTP 403)`,
      });
      expect(existsSync(path.join(repo, '.triage'))).toBe(false);
    } finally {
      await refusing.close();
    }
  });

  it('says when the endpoint cannot be reached', async () => {
    const closed = await startFakeIngest();
    const dsn = closed.dsn('42');
    await closed.close();
    await expect(runDrillCommand({ dsn, repo: repoWithHistory(), input: false }, deps())).rejects.toThrow(/could not send the drill event to 127\.0\.0\.1:\d+ \(project 42\): ECONNREFUSED/);
  });

  it('gives up on an endpoint that never answers, within the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      await expect(runDrillCommand({ dsn: `http://k@127.0.0.1:${port}/42`, repo: repoWithHistory(), input: false }, { ...deps(), timeoutMs: 800 })).rejects.toThrow(
        `127.0.0.1:${port} (project 42) did not accept the drill event within 1 s`,
      );
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('usage errors: no DSN, a bad DSN, --offline (exit 2)', async () => {
    const repo = repoWithHistory();
    await expect(runDrillCommand({ repo }, deps())).rejects.toMatchObject({ exitCode: ExitCode.usage, message: 'no DSN: pass --dsn DSN or set SENTRY_DSN' });
    await expect(runDrillCommand({ repo, dsn: 'not a dsn' }, deps())).rejects.toMatchObject({ exitCode: ExitCode.usage, message: '--dsn is not a Sentry DSN' });
    await expect(runDrillCommand({ repo, dsn: ingest.dsn(), offline: true }, deps())).rejects.toMatchObject({ exitCode: ExitCode.usage, message: 'a fire drill sends an event to Sentry, which needs the network, and --offline forbids it' });
    expect(ingest.envelopes).toEqual([]);
  });
});

describe('triage\'s own crash reports', () => {
  const home = '/home/dana-test-user';
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ TRIAGE_SENTRY_DSN: ingest.dsn('99'), HOME: home, DEPLOY_SECRET: 'sentinel-env-value-31337', ...extra });
  const crash = () => {
    const error = new Error(`ENOTDIR: not a directory, mkdir '${home}/shop/.triage/sessions/x' while reading "Checkout returns 500 for sentinel-alert-title"`);
    error.stack = `Error: boom\n    at saveSession (${process.cwd()}/dist/playbook/session-store.js:20:3)\n    at walk (${home}/shop/node_modules/other/index.js:1:1)`;
    return error;
  };

  it('sends a scrubbed report through the real SDK and waits for it', async () => {
    expect(await sendCrashReport(crash(), { env: env(), argv: ['node', 'cli.js', `${home}/shop/alert.json`, '--no-input'], version: '9.9.9' })).toBe(true);
    const [envelope] = await ingest.waitFor(1);
    expect(envelope!.path).toBe('/api/99/envelope/');
    const event = envelope!.items[0]!.payload as Record<string, any>;
    expect(event).toMatchObject({ release: 'triage@9.9.9', environment: 'production', tags: { command: 'run' } });
    expect(event.exception.values[0].value).toBe("ENOTDIR: not a directory, mkdir '…' while reading \"…\"");
    expect(event.exception.values[0].stacktrace.frames.map((f: { filename: string }) => f.filename)).toEqual(['node_modules/other/index.js', 'app:///dist/playbook/session-store.js']);
    for (const secret of [home, 'dana-test-user', 'sentinel-env-value-31337', 'sentinel-alert-title', 'alert.json', hostname()]) expect(envelope!.text).not.toContain(secret);
    expect(event).not.toHaveProperty('server_name');
    expect(event).not.toHaveProperty('breadcrumbs');
  });

  it('sends nothing with DO_NOT_TRACK, --offline or without TRIAGE_SENTRY_DSN', async () => {
    expect(await sendCrashReport(crash(), { env: env({ DO_NOT_TRACK: '1' }), argv: ['node', 'cli.js', 'lint'], version: '1' })).toBe(false);
    expect(await sendCrashReport(crash(), { env: env(), argv: ['node', 'cli.js', 'a.json', '--offline'], version: '1' })).toBe(false);
    expect(await sendCrashReport(crash(), { env: {}, argv: ['node', 'cli.js', 'lint'], version: '1' })).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ingest.envelopes).toEqual([]);
  });
});
