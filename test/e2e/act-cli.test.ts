import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report.js';
import { CLI, runCli } from '../helpers/cli.js';
import { actScene, onlySession, type ActScene } from '../helpers/act-scene.js';
import { reply, serversClosedAfterEach } from '../helpers/http-server.js';

/** The acting flags end to end, in the scene of test/helpers/act-scene.ts (a fake kubectl that leaves markers). */

let template: string;
const server = serversClosedAfterEach();

beforeAll(async () => {
  template = path.join(mkdtempSync(path.join(tmpdir(), 'triage-act-')), 'demo');
  const built = await runCli(['demo', '--dir', template, '--no-input']);
  expect(built.code).toBe(0);
});

/** The scene as this file runs it: never prompting, the report as JSON. */
const scene = (): ActScene => {
  const base = actScene(template);
  return { ...base, args: (...extra) => base.args('--no-input', '--json', ...extra) };
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
