import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/report.js';
import { STEP_IDS } from '../../src/playbook/schema.js';
import { CLI, runCli } from '../helpers/cli.js';

const tempDir = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix));

/** A person sees one sentence from triage, never a stack trace. */
function expectCleanError(stderr: string): void {
  expect(stderr).toMatch(/^triage: /);
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
}

describe('triage demo (the README\'s first command)', () => {
  // `npx triage demo` in a fresh checkout runs the built file itself, through its shebang.
  it.skipIf(process.platform === 'win32')('the built CLI is an executable with a node shebang', () => {
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('builds the example, walks all eight steps offline, names the cause and writes the postmortem', async () => {
    const dir = tempDir('triage-demo-e2e-');
    const result = await runCli(['demo', '--dir', dir, '--no-input', '--json'], { env: { ANTHROPIC_API_KEY: '' } });
    expect(result.stderr).toContain(`Postmortem appended to ${path.join(dir, 'POSTMORTEMS.md')}`);
    expect(result.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(result.stdout));
    expect(report.steps.map((s) => [s.id, s.status, s.helper])).toEqual(STEP_IDS.map((id) => [id, 'done', 'offline']));
    expect(report.suspects[0]).toMatchObject({ subject: 'Cache recent order lookups in memory' });
    expect(report.suspects[0]!.score).toBeGreaterThanOrEqual(0.5);
    expect(report.suspects.slice(1).every((s) => s.score < 0.5)).toBe(true);
    expect(report.hypotheses[0]!.category).toBe('code-change');
    expect(report.signals.onset).toBe('2026-11-19T02:36:00.000Z');
    expect(report.localization.some((l) => l.dimension === 'route' && l.value === '/api/orders/:id')).toBe(true);
    expect(report.playbook.id).toBe('database');
    expect(report.pastIncidents[0]?.title).toContain('Refund lookups');
    expect(report.llm.calls).toBe(0);
    expect(report.postmortem).toEqual({ path: path.join(dir, 'POSTMORTEMS.md'), written: true });
    const markdown = readFileSync(path.join(dir, 'POSTMORTEMS.md'), 'utf8');
    expect(markdown).toContain('## 2026-11-19 — TimeoutError: timeout exceeded when trying to connect');
    expect(markdown.startsWith('# Postmortems')).toBe(true);
  });
});

describe('triage <alert>', () => {
  const alert = JSON.stringify({ title: 'Checkout returns 500', severity: 'critical', firedAt: '2026-03-14T03:12:00Z', service: 'shop' });

  it('reads the alert from stdin and, with --dry-run, writes nothing', async () => {
    const repo = tempDir('triage-dry-');
    const result = await runCli(['-', '--repo', repo, '--no-input', '--dry-run', '--json'], { input: alert });
    expect(result.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(result.stdout));
    expect(report.alert).toMatchObject({ title: 'Checkout returns 500', severity: 'critical', firedAt: '2026-03-14T03:12:00.000Z' });
    expect(report.postmortem.written).toBe(false);
    expect(report.session.dryRun).toBe(true);
    expect(await readdir(repo)).toEqual([]);
  });

  it('saves the session and lists it', async () => {
    const repo = tempDir('triage-sess-');
    writeFileSync(path.join(repo, 'alert.json'), alert);
    const run = await runCli(['alert.json', '--no-input'], { cwd: repo });
    expect(run.code).toBe(0);
    expect(existsSync(path.join(repo, 'POSTMORTEMS.md'))).toBe(true);
    const list = await runCli(['sessions', '--json'], { cwd: repo });
    const sessions = JSON.parse(list.stdout) as { status: string; title: string; stepsDone: number }[];
    expect(sessions).toEqual([expect.objectContaining({ status: 'completed', title: 'Checkout returns 500', stepsDone: 8 })]);
  });

  const bad: [string, string | Buffer, RegExp][] = [
    ['not JSON', '{"title": "x",', /not valid JSON|line 1/i],
    ['empty', '', /empty/i],
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]), /binary|not text|UTF-8/i],
    ['absurdly nested', '['.repeat(200_000) + ']'.repeat(200_000), /nest/i],
    ['huge', `{"title": "${'x'.repeat(11 * 1024 * 1024)}"}`, /10 MB|too large|larger/i],
    ['the wrong shape', '{"hello": "world"}', /not a recognised alert/i],
  ];
  it.each(bad)('rejects %s input with exit 2 and one sentence', async (_name, input, message) => {
    const result = await runCli(['-', '--no-input', '--dry-run'], { input, cwd: tempDir('triage-bad-') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expectCleanError(result.stderr);
    expect(result.stdout).toBe('');
  });

  it('names a missing file', async () => {
    const result = await runCli(['nope.json', '--no-input'], { cwd: tempDir('triage-missing-') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope\.json/);
    expectCleanError(result.stderr);
  });

  it('recognises a Sentry issue URL and says what is missing', async () => {
    // No token: refused before any request (test/e2e/sentry-cli.test.ts fetches against a local Sentry).
    const online = await runCli(['https://acme.sentry.io/issues/123/', '--no-input'], { cwd: tempDir('triage-url-'), env: { SENTRY_AUTH_TOKEN: '', SENTRY_URL: '' } });
    expect(online.code).toBe(4);
    expect(online.stderr).toMatch(/Sentry needs an auth token, and none is set\n\s+Set SENTRY_AUTH_TOKEN/);
    const offline = await runCli(['SHOP-1A2', '--offline', '--no-input'], { cwd: tempDir('triage-url-') });
    expect(offline.code).toBe(2);
    expect(offline.stderr).toMatch(/--offline/);
  });

  it('rejects an unknown flag and a bad --format with exit 2', async () => {
    expect((await runCli(['--nope'])).code).toBe(2);
    const format = await runCli(['-', '--format', 'pagerduty'], { input: alert });
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/pagerduty/);
  });

  it('--help lists the commands and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['run', 'demo', 'resume', 'sessions', 'lint']) expect(result.stdout).toContain(command);
  });
});
