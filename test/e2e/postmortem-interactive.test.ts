import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { runCli } from '../helpers/cli.js';
import { KEYS, startPty } from '../helpers/pty.js';

/** `triage postmortem` at a real terminal: questions, $EDITOR for long answers, preview, append; Ctrl-C. */

const FAKE_EDITOR = fileURLToPath(new URL('../helpers/fake-editor.mjs', import.meta.url));

function editorEnv(dir: string, texts: string[]): NodeJS.ProcessEnv {
  const queue = path.join(dir, '.editor-queue.json');
  writeFileSync(queue, JSON.stringify(texts));
  return { EDITOR: `${process.execPath} ${FAKE_EDITOR}`, VISUAL: '', FAKE_EDITOR_QUEUE: queue };
}

describe('triage postmortem in a terminal', () => {
  it('drafts from scratch: asks, opens $EDITOR for long answers, previews and appends', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-pm-pty-'));
    const env = editorEnv(dir, ['The search index was rebuilt without\nthe synonyms file.', 'Restored the synonyms file and reindexed.', 'Index rebuilds need a smoke query.']);
    const session = startPty(['postmortem'], { cwd: dir, env });
    await session.waitFor(/Title — what broke/);
    session.write(`Search returned no results${KEYS.enter}`);
    await session.waitFor(/Date of the incident/);
    session.write(`2024-06-01${KEYS.enter}`);
    await session.waitFor(/Severity:/);
    // From "not set" up to "high", one key at a time, each once the screen shows the last one landed.
    await session.waitFor(/[❯>] not set/);
    for (const choice of ['info', 'low', 'medium', 'high']) {
      session.write(KEYS.up);
      await session.waitFor(new RegExp(`[❯>] ${choice}`));
    }
    session.write(KEYS.enter);
    for (const question of [/Root cause — what in the system/, /Fix — what stopped/, /Lesson — what changes/]) {
      await session.waitFor(question);
      await session.waitFor(/launch your preferred editor/);
      session.write(KEYS.enter);
    }
    await session.waitFor(/Next\?/);
    session.write(KEYS.enter); // preview and append
    await session.waitFor(/## 2024-06-01 — Search returned no results[\s\S]*triage lint: no problems[\s\S]*Append this entry to POSTMORTEMS\.md\?/);
    session.write(KEYS.enter);
    expect(await session.exited).toBe(0);
    expect(session.output()).toMatch(/Appended "Search returned no results" to POSTMORTEMS\.md/);
    const [entry] = parsePostmortems(readFileSync(path.join(dir, 'POSTMORTEMS.md'), 'utf8')).entries;
    expect(entry!.entry).toMatchObject({
      title: 'Search returned no results',
      date: '2024-06-01',
      severity: 'high',
      rootCause: 'The search index was rebuilt without\nthe synonyms file.',
      fix: 'Restored the synonyms file and reindexed.',
      lesson: 'Index rebuilds need a smoke query.',
    });
    expect((await runCli(['lint'], { cwd: dir })).code).toBe(0);
  });

  it("starts from a session's draft; Ctrl-C appends nothing and exits 130; a second run appends and marks the session", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-pm-pty-session-'));
    writeFileSync(path.join(dir, 'alert.json'), JSON.stringify({ title: 'Checkout returns 500', severity: 'critical', firedAt: '2026-03-14T03:12:00Z' }));
    expect((await runCli(['alert.json', '--no-input', '--offline', '--dry-run'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['alert.json', '--no-input', '--offline', '--postmortems', 'elsewhere.md'], { cwd: dir })).code).toBe(0);
    const [id] = readdirSync(path.join(dir, '.triage', 'sessions'));
    const stateFile = path.join(dir, '.triage', 'sessions', id!, 'state.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { postmortem: { written: boolean } };
    state.postmortem.written = false;
    writeFileSync(stateFile, JSON.stringify(state));

    const interrupted = startPty(['postmortem', '--session', id!], { cwd: dir, env: editorEnv(dir, []) });
    await interrupted.waitFor(/Title — what broke/);
    expect(interrupted.output()).toContain('Checkout returns 500');
    interrupted.write(KEYS.ctrlC);
    expect(await interrupted.exited).toBe(130);
    expect(interrupted.output()).toMatch(/Interrupted; nothing was appended/);
    expect(existsSync(path.join(dir, 'POSTMORTEMS.md'))).toBe(false);

    const session = startPty(['postmortem', '--session', id!], { cwd: dir, env: editorEnv(dir, []) });
    for (const prompt of [/Title — what broke/, /Date of the incident/, /Severity:/, /Root cause[\s\S]*launch your preferred editor/, /Fix —[\s\S]*launch your preferred editor/, /Lesson —[\s\S]*launch your preferred editor/, /Next\?/, /Append this entry/]) {
      await session.waitFor(prompt);
      session.write(KEYS.enter);
    }
    expect(await session.exited).toBe(0);
    const [entry] = parsePostmortems(readFileSync(path.join(dir, 'POSTMORTEMS.md'), 'utf8')).entries;
    expect(entry!.entry).toMatchObject({ title: 'Checkout returns 500', date: '2026-03-14', severity: 'critical', session: id });
    expect((JSON.parse(readFileSync(stateFile, 'utf8')) as { postmortem: { written: boolean } }).postmortem.written).toBe(true);
  });
});
