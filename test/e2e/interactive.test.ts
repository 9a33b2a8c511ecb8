import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/playbook/session.js';
import { runCli } from '../helpers/cli.js';
import { KEYS, startPty } from '../helpers/pty.js';

function onlySession(repo: string): SessionState {
  const dir = path.join(repo, '.triage', 'sessions');
  const [id] = readdirSync(dir);
  return JSON.parse(readFileSync(path.join(dir, id!, 'state.json'), 'utf8')) as SessionState;
}

describe('interactive walk in a real terminal', () => {
  it('continues, takes a note, skips, stops, and resumes to the postmortem', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-pty-'));
    const session = startPty(['demo', '--dir', dir]);
    await session.waitFor(/1\/8 Acknowledge & assess[\s\S]*Next\?/);
    session.write(KEYS.enter); // continue
    await session.waitFor(/2\/8 Check the golden signals[\s\S]*Next\?/);
    session.write(KEYS.down + KEYS.enter); // add a note
    await session.waitFor(/Note:/);
    session.write('Paged the database host owner' + KEYS.enter);
    await session.waitFor(/Next\?/);
    session.write(KEYS.enter);
    await session.waitFor(/3\/8 Look for what changed[\s\S]*Next\?/);
    session.write(KEYS.down + KEYS.down + KEYS.enter); // skip
    await session.waitFor(/4\/8 Localize[\s\S]*Next\?/);
    session.write(KEYS.down + KEYS.down + KEYS.down + KEYS.enter); // stop
    await session.waitFor(/resume with: triage resume/);
    expect(await session.exited).toBe(0);

    const stopped = onlySession(dir);
    expect(stopped.status).toBe('stopped');
    expect(stopped.steps.map((s) => s.status).slice(0, 4)).toEqual(['done', 'done', 'skipped', 'pending']);
    expect(stopped.steps[1]!.notes).toEqual(['Paged the database host owner']);

    const resumed = await runCli(['resume', '--repo', dir, '--no-input', '--json']);
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as { session: { status: string }; steps: { status: string }[] };
    expect(report.session.status).toBe('completed');
    expect(report.steps.map((s) => s.status)).toEqual(['done', 'done', 'skipped', 'done', 'done', 'done', 'done', 'done']);
    expect(readFileSync(path.join(dir, 'POSTMORTEMS.md'), 'utf8')).toContain('Paged the database host owner');
  });

  it('Ctrl-C at a prompt exits 130 and leaves the session resumable', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-pty-int-'));
    const session = startPty(['demo', '--dir', dir]);
    await session.waitFor(/1\/8 Acknowledge & assess[\s\S]*Next\?/);
    session.write(KEYS.enter);
    await session.waitFor(/2\/8[\s\S]*Next\?/);
    session.write(KEYS.ctrlC);
    expect(await session.exited).toBe(130);
    expect(session.output()).toMatch(/triage resume/);
    const state = onlySession(dir);
    expect(state.status).toBe('stopped');
    expect(state.steps[0]!.status).toBe('done');
    expect(state.steps[1]!.status).toBe('pending');
  });
});
