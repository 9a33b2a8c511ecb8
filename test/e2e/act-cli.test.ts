import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/playbook/session.js';
import type { Report } from '../../src/report.js';
import { CLI, runCli } from '../helpers/cli.js';
import { reply, startServer, type TestServer } from '../helpers/http-server.js';

/**
 * The acting flags end to end, on the demo incident with a Kubernetes manifest added and a fake
 * `kubectl` first on PATH that leaves a marker per subcommand: a marker is proof a command ran,
 * its absence proof it did not. `--since 1m` leaves no commit in the window, so the diagnosis is
 * saturation and the catalog offers scale (reversible), restart (risky) and a read-only check.
 */

let template: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  template = path.join(mkdtempSync(path.join(tmpdir(), 'triage-act-')), 'demo');
  const built = await runCli(['demo', '--dir', template, '--no-input']);
  expect(built.code).toBe(0);
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface Scene {
  dir: string;
  markers: string;
  env: NodeJS.ProcessEnv;
  args: (...extra: string[]) => string[];
  marker: (name: string) => boolean;
}

function scene(): Scene {
  const root = mkdtempSync(path.join(tmpdir(), 'triage-act-scene-'));
  const dir = path.join(root, 'repo');
  // A fresh copy per test: sessions and postmortems of one test never meet another's.
  mkdirSync(dir);
  for (const entry of readdirSync(template).filter((e) => e !== '.triage')) {
    // cp -a keeps the git repository intact (objects, refs) without reimplementing a recursive copy.
    expect(spawnSync('cp', ['-a', path.join(template, entry), dir]).status).toBe(0);
  }
  mkdirSync(path.join(dir, 'k8s'), { recursive: true });
  writeFileSync(path.join(dir, 'k8s', 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-api\n  namespace: prod\nspec:\n  replicas: 2\n');
  const bin = path.join(root, 'bin');
  const markers = path.join(root, 'markers');
  mkdirSync(bin);
  mkdirSync(markers);
  writeFileSync(path.join(bin, 'kubectl'), `#!/bin/sh\necho "fake kubectl $*"\ntouch "${markers}/$(echo "$1-$2" | tr / _)"\n`);
  chmodSync(path.join(bin, 'kubectl'), 0o755);
  return {
    dir,
    markers,
    env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, TRIAGE_SLACK_WEBHOOK_URL: '', TRIAGE_DISCORD_WEBHOOK_URL: '', TRIAGE_WEBHOOK_URL: '' },
    args: (...extra) => [path.join(dir, 'alerts', 'sentry-event-alert.json'), '--repo', dir, '--logs', path.join(dir, 'logs', 'app.log'), '--since', '1m', '--offline', '--no-input', '--json', ...extra],
    marker: (name) => existsSync(path.join(markers, name)),
  };
}

async function server(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const started = await startServer(handler);
  servers.push(started);
  return started;
}

const onlySession = (repo: string): SessionState => {
  const dir = path.join(repo, '.triage', 'sessions');
  const [id] = readdirSync(dir);
  return JSON.parse(readFileSync(path.join(dir, id!, 'state.json'), 'utf8')) as SessionState;
};

describe('running mitigation commands', () => {
  it('--no-input never executes a command: they are printed, with the flag that would allow them', async () => {
    const s = scene();
    const result = await runCli(s.args(), { env: s.env });
    expect(result.code).toBe(0);
    expect(readdirSync(s.markers)).toEqual([]);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.mitigations.map((m) => m.command)).toContain('kubectl rollout restart deployment/shop-api -n prod');
    expect(report.commands).toEqual([]);
    expect(report.evidence.facts).toContainEqual({ id: 'platform:kubernetes', kind: 'platform', summary: 'Kubernetes (k8s/deployment.yaml): deployment/shop-api in prod' });
    expect(report.mitigations.find((m) => m.kind === 'restart')).toMatchObject({ risk: 'risky', target: 'shop-api', evidence: ['platform:kubernetes'] });
    expect(result.stderr).toContain('$ kubectl scale deployment/shop-api -n prod --current-replicas=2 --replicas=4');
    expect(result.stderr).toMatch(/Commands are printed, not run: no one is at the terminal\. .*--allow-run scale,restart,check/);
  });

  it('--allow-run lets only the named kinds run, and what ran reaches the timeline and the postmortem', async () => {
    const s = scene();
    const result = await runCli(s.args('--allow-run', 'scale'), { env: s.env });
    expect(result.code).toBe(0);
    expect(readdirSync(s.markers)).toEqual(['scale-deployment_shop-api']);
    expect(s.marker('rollout-restart')).toBe(false);
    expect(s.marker('rollout-history')).toBe(false);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.commands).toEqual([expect.objectContaining({ kind: 'scale', unattended: true, exitCode: 0, command: 'kubectl scale deployment/shop-api -n prod --current-replicas=2 --replicas=4', output: expect.stringContaining('fake kubectl scale') })]);
    expect(report.timeline.find((e) => e.kind === 'mitigated')?.text).toContain('kubectl scale');
    expect(readFileSync(path.join(s.dir, 'POSTMORTEMS.md'), 'utf8')).toContain('kubectl scale deployment/shop-api');
  });

  it('an unknown kind is a usage error before anything happens', async () => {
    const s = scene();
    const result = await runCli(s.args('--allow-run', 'scale,reboot'), { env: s.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/allowRun.*must name kinds among rollback/);
    expect(existsSync(path.join(s.dir, '.triage'))).toBe(false);
  });

  it('--dry-run runs nothing and sends nothing, and says what it would send', async () => {
    const s = scene();
    const hook = await server((_r, res) => reply(res, 200));
    const result = await runCli(s.args('--dry-run', '--allow-run', 'scale,check'), { env: { ...s.env, TRIAGE_SLACK_WEBHOOK_URL: `${hook.url}/services/T0/B0/secret` } });
    expect(result.code).toBe(0);
    expect(readdirSync(s.markers)).toEqual([]);
    expect(hook.requests).toEqual([]);
    expect(result.stderr).toMatch(/Dry run: would POST to Slack \(127\.0\.0\.1:\d+\):/);
    expect(result.stderr).not.toContain('secret');
    expect((JSON.parse(result.stdout) as Report).statusUpdates.map((u) => u.outcome)).toEqual(['dry-run']);
  });
});

describe('stabilize and communicate', () => {
  it('watches a health URL that fails, then recovers; reports it; tells Slack, Discord and a webhook', async () => {
    const s = scene();
    const health = await server((_r, res, i) => reply(res, i < 2 ? 503 : 200, 'ok'));
    const hooks = await server((req, res) => reply(res, req.path.startsWith('/discord') ? 204 : 200, 'ok'));
    const env = { ...s.env, TRIAGE_SLACK_WEBHOOK_URL: `${hooks.url}/slack/T0/B0/x`, TRIAGE_DISCORD_WEBHOOK_URL: `${hooks.url}/discord/1/x`, TRIAGE_WEBHOOK_URL: `${hooks.url}/generic` };
    const result = await runCli(s.args('--health-url', `${health.url}/healthz`, '--poll', '1s', '--hold', '2s'), { env, timeoutMs: 30_000 });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.stabilize).toMatchObject({ recovered: true, healthUrls: [`${health.url}/healthz`], holdSeconds: 2, pollSeconds: 1, baseline: true });
    expect(Date.parse(report.stabilize!.endedAt) - Date.parse(report.stabilize!.recoveredAt!)).toBeGreaterThanOrEqual(2000);
    expect(report.timeline.find((e) => e.kind === 'resolved')?.at).toBe(report.stabilize!.recoveredAt);
    expect(health.requests.length).toBeGreaterThanOrEqual(5);
    expect(result.stderr).toMatch(/Recovered since/);

    const bodies = Object.fromEntries(hooks.requests.map((r) => [r.path.split('/')[1], r.body as Record<string, unknown>]));
    expect(bodies.slack).toEqual({ text: expect.stringMatching(/^\[Resolved\] TimeoutError/) });
    expect(bodies.discord).toMatchObject({ content: expect.stringMatching(/^\[Resolved\]/), allowed_mentions: { parse: [] } });
    expect(bodies.generic).toMatchObject({ status: 'resolved', session: report.session.id, incident: { title: expect.stringContaining('TimeoutError') } });
    expect(report.statusUpdates).toEqual([expect.objectContaining({ outcome: 'sent', step: 'communicate' })]);
    expect(report.timeline.some((e) => e.text.startsWith('Status update sent to Slack, Discord, the webhook'))).toBe(true);
    expect(readFileSync(path.join(s.dir, 'POSTMORTEMS.md'), 'utf8')).toMatch(/Status update sent to Slack/);
  });

  it('Ctrl-C while watching exits 130 resumable; resume watches again with the saved settings', async () => {
    const s = scene();
    let healthy = false;
    const health = await server((_r, res) => reply(res, healthy ? 200 : 503));
    const child = spawn(process.execPath, [CLI, ...s.args('--health-url', `${health.url}/healthz`, '--poll', '1s', '--hold', '1s', '--watch', '5m')], { env: { ...process.env, ...s.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (let i = 0; i < 200 && health.requests.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/Stopped watching; the session is saved/);
    const stopped = onlySession(s.dir);
    expect(stopped.status).toBe('stopped');
    expect(stopped.steps.find((st) => st.id === 'stabilize')!.status).toBe('pending');
    expect(stopped.options.act?.healthUrls).toEqual([`${health.url}/healthz`]);

    healthy = true;
    const resumed = await runCli(['resume', '--repo', s.dir, '--no-input', '--json'], { env: s.env, timeoutMs: 30_000 });
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as Report;
    expect(report.session.status).toBe('completed');
    expect(report.stabilize).toMatchObject({ recovered: true, holdSeconds: 1 });
  });
});
