import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { renderPostmortems } from '../../src/postmortem/render.js';
import { runCli } from '../helpers/cli.js';
import { sampleEntry } from '../helpers/postmortem-entries.js';

/** `triage lint`, `init`, `stats` and `postmortem --from-json/--session` as users run them: the built binary. */

const tempDir = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix));
const FULL_JSON = readFileSync(new URL('../fixtures/postmortems/entry-full.json', import.meta.url), 'utf8');

function expectCleanError(stderr: string): void {
  expect(stderr).toMatch(/^triage: /);
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

function repoWith(files: Record<string, string>): string {
  const dir = tempDir('triage-pm-e2e-');
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

const clean = renderPostmortems([sampleEntry('a', { date: '2024-01-01' }), sampleEntry('b', { date: '2024-02-01' })]);
const withError = `${clean}\n## 2024-03-01 — No cause\n\n- **Severity:** low\n- **Fix:** x\n- **Lesson:** y\n`;
const withWarning = `${clean}\n## 2024-03-01 — Quiet\n\n- **Root cause:** a\n- **Fix:** x\n- **Lesson:** y\n`;

describe('triage lint', () => {
  it('exits 0 on a clean file and says so on stderr only', async () => {
    const result = await runCli(['lint'], { cwd: repoWith({ 'POSTMORTEMS.md': clean }) });
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toBe('POSTMORTEMS.md: 2 entries, no problems\n');
  });

  it('exits 1 on an error-level finding, 0 on warnings alone unless --max-warnings', async () => {
    const errors = await runCli(['lint', 'POSTMORTEMS.md'], { cwd: repoWith({ 'POSTMORTEMS.md': withError }) });
    expect(errors.code).toBe(1);
    expect(errors.stdout).toMatch(/^POSTMORTEMS\.md:\d+:1 PM001\/missing-root-cause /m);
    const warnings = repoWith({ 'POSTMORTEMS.md': withWarning });
    expect((await runCli(['lint'], { cwd: warnings })).code).toBe(0);
    const strict = await runCli(['lint', '--max-warnings', '0'], { cwd: warnings });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/1 warnings is more than --max-warnings 0/);
  });

  it('exits 2 with one sentence for a missing, binary or directory file, a bad flag or a bad config', async () => {
    const dir = repoWith({ 'bin.md': '\u0000\u0001', '.triagerc.json': '{"lint": {"rules": {"PM999": "off"}}}', 'ok.md': clean });
    await mkdir(path.join(dir, 'folder.md'));
    for (const args of [['lint', 'missing.md'], ['lint', 'bin.md'], ['lint', 'folder.md'], ['lint', 'ok.md', '--format', 'xml'], ['lint', 'ok.md', '--max-warnings', 'many'], ['lint', 'ok.md']]) {
      const result = await runCli(args, { cwd: dir });
      expect(result.code, args.join(' ')).toBe(2);
      expectCleanError(result.stderr);
    }
    const config = await runCli(['lint', 'ok.md'], { cwd: dir });
    expect(config.stderr).toContain('.triagerc.json:1: lint.rules.PM999: unknown rule');
  });

  it('applies the config: rules off, custom severities', async () => {
    const dir = repoWith({ 'POSTMORTEMS.md': withError.replace(/Severity:\*\* (high|low)/g, 'Severity:** SEV2'), 'package.json': JSON.stringify({ triage: { severities: ['SEV1', 'SEV2'], lint: { rules: { 'missing-root-cause': 'off' } } } }) });
    const result = await runCli(['lint', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { errorCount: number; warningCount: number }).errorCount).toBe(0);
  });

  it('prints GitHub annotations and SARIF on stdout', async () => {
    const dir = repoWith({ 'POSTMORTEMS.md': withError });
    const github = await runCli(['lint', '--format', 'github'], { cwd: dir });
    expect(github.stdout).toMatch(/^::error file=POSTMORTEMS\.md,line=\d+,col=1,title=PM001\/missing-root-cause::Entry /m);
    expect(github.stderr).toBe('');
    const sarif = await runCli(['lint', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.map((result) => result.ruleId)).toContain('PM001');
    expect(sarif.code).toBe(1);
  });

  it('--fix repairs what is safe, keeps the file mode, and reports what is left', async () => {
    const broken = clean.replace('## 2024-01-01 — ', '## 2024-1-1: ').replace('Severity:** high', 'Severity:** High');
    const dir = repoWith({ 'POSTMORTEMS.md': broken });
    chmodSync(path.join(dir, 'POSTMORTEMS.md'), 0o640);
    const before = await runCli(['lint'], { cwd: dir });
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/fixable with --fix/);
    const fixed = await runCli(['lint', '--fix'], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(/^POSTMORTEMS\.md: fixed \d+ problems?; 2 entries, no problems$/m);
    expect(readFileSync(path.join(dir, 'POSTMORTEMS.md'), 'utf8')).toBe(clean);
    expect(statSync(path.join(dir, 'POSTMORTEMS.md')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['POSTMORTEMS.md']);
  });
});

describe('triage init', () => {
  it('scaffolds a repository, is idempotent, never overwrites without --force and never replaces POSTMORTEMS.md', async () => {
    const dir = tempDir('triage-init-');
    const first = await runCli(['init'], { cwd: dir });
    expect(first.code).toBe(0);
    for (const file of ['POSTMORTEMS.md', '.triagerc.json', '.triage/playbooks/local.yaml', '.markdownlint.json', '.github/workflows/postmortems.yml', '.gitignore']) {
      expect(existsSync(path.join(dir, file)), file).toBe(true);
      expect(first.stderr).toContain(`created`);
    }
    expect(readFileSync(path.join(dir, '.github/workflows/postmortems.yml'), 'utf8')).toContain('run: npx triage lint --format github');
    const snapshot = () => Object.fromEntries(['POSTMORTEMS.md', '.triagerc.json', '.gitignore', '.markdownlint.json'].map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]));
    const created = snapshot();

    const second = await runCli(['init', '--json'], { cwd: dir });
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as { steps: { action: string }[] }).steps.map((step) => step.action)).toEqual(Array(6).fill('up-to-date'));
    expect(snapshot()).toEqual(created);

    writeFileSync(path.join(dir, '.triagerc.json'), '{"severities": ["SEV1"]}\n');
    writeFileSync(path.join(dir, 'POSTMORTEMS.md'), '# Mine\n');
    const kept = await runCli(['init'], { cwd: dir });
    expect(kept.stderr).toMatch(/kept\s+\.triagerc\.json\s+\(exists with other content; --force replaces it\)/);
    expect(readFileSync(path.join(dir, '.triagerc.json'), 'utf8')).toBe('{"severities": ["SEV1"]}\n');

    const forced = await runCli(['init', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, '.triagerc.json'), 'utf8')).toBe(created['.triagerc.json']);
    expect(readFileSync(path.join(dir, 'POSTMORTEMS.md'), 'utf8')).toBe('# Mine\n');

    const lint = await runCli(['lint'], { cwd: dir });
    expect(lint.code).toBe(0);
  });

  it('--dry-run writes nothing', async () => {
    const dir = tempDir('triage-init-dry-');
    const result = await runCli(['init', '--dry-run'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/would create\s+POSTMORTEMS\.md/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('triage postmortem --from-json', () => {
  it('appends the entry atomically, creating the file, and it parses back and lints clean', async () => {
    const dir = repoWith({ 'entry.json': FULL_JSON });
    const result = await runCli(['postmortem', '--from-json', 'entry.json', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { written: boolean; created: boolean; path: string };
    expect(printed).toMatchObject({ written: true, created: true, path: path.join(dir, 'POSTMORTEMS.md') });
    const markdown = readFileSync(path.join(dir, 'POSTMORTEMS.md'), 'utf8');
    const parsed = parsePostmortems(markdown).entries[0]!.entry as Record<string, unknown>;
    const source = JSON.parse(FULL_JSON) as Record<string, unknown>;
    for (const key of ['title', 'date', 'rootCause', 'fix', 'lesson', 'severity', 'impact', 'detectedAt', 'tags', 'whereWeGotLucky']) expect(parsed[key], key).toEqual(source[key]);
    expect(parsed.actionItems).toEqual([
      { text: 'Add a query-plan check to CI', owner: '@ana', due: '2024-05-15', done: false },
      { text: 'Restore the index', owner: null, due: null, done: true },
    ]);
    expect((await runCli(['lint'], { cwd: dir })).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['POSTMORTEMS.md', 'entry.json']);
  });

  it('reads the entry from stdin, and --dry-run prints it without writing', async () => {
    const dir = tempDir('triage-pm-stdin-');
    const result = await runCli(['postmortem', '--from-json', '-', '--dry-run'], { cwd: dir, input: JSON.stringify({ title: 'Disk full', date: '2024-06-01', rootCause: 'Logs never rotated.', fix: 'Rotated.', lesson: 'Alert on disk.' }) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^## 2024-06-01 — Disk full\n\n- \*\*Root cause:\*\* Logs never rotated\.\n/);
    expect(result.stderr).toMatch(/Dry run/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 2 with every problem for an invalid entry, an unknown recurrence or one lint would fail', async () => {
    const dir = repoWith({
      'POSTMORTEMS.md': clean,
      'bad.json': '{\n  "title": "x",\n  "date": "2024-13-01"\n}\n',
      'recur.json': JSON.stringify({ ...JSON.parse(FULL_JSON), recurrenceOf: 'Never happened' }),
      'clock.json': JSON.stringify({ ...JSON.parse(FULL_JSON), acknowledgedAt: '2024-05-01 09:00' }),
      'blame.json': JSON.stringify({ ...JSON.parse(FULL_JSON), rootCause: 'Human error.' }),
    });
    const bad = await runCli(['postmortem', '--from-json', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json:3: date: expected a real date');
    expect(bad.stderr).toContain('rootCause: required');
    expectCleanError(bad.stderr);
    const recur = await runCli(['postmortem', '--from-json', 'recur.json'], { cwd: dir });
    expect(recur.code).toBe(2);
    expect(recur.stderr).toMatch(/recurrenceOf "Never happened" names no entry in POSTMORTEMS\.md/);
    const clock = await runCli(['postmortem', '--from-json', 'clock.json'], { cwd: dir });
    expect(clock.code).toBe(2);
    expect(clock.stderr).toMatch(/would fail `triage lint`:\n\s+PM014\/time-order "Acknowledged at" 2024-05-01 09:00 is before "Detected at"/);
    expect(readFileSync(path.join(dir, 'POSTMORTEMS.md'), 'utf8')).toBe(clean);
    const blame = await runCli(['postmortem', '--from-json', 'blame.json'], { cwd: dir });
    expect(blame.code, 'a warning does not stop the append').toBe(0);
  });

  it('refuses to wait for input without a terminal and without a source', async () => {
    const result = await runCli(['postmortem'], { cwd: tempDir('triage-pm-none-') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nothing to draft from without a terminal/);
  });
});

describe('triage postmortem --session', () => {
  it('appends a saved session\'s draft, marks the session, and refuses to append it twice', async () => {
    const dir = tempDir('triage-pm-session-');
    writeFileSync(path.join(dir, 'alert.json'), JSON.stringify({ title: 'Checkout returns 500', severity: 'critical', firedAt: '2026-03-14T03:12:00Z', route: 'POST /api/checkout' }));
    const walked = await runCli(['alert.json', '--no-input', '--offline'], { cwd: dir });
    expect(walked.code).toBe(0);
    const [id] = readdirSync(path.join(dir, '.triage', 'sessions'));
    const stateFile = path.join(dir, '.triage', 'sessions', id!, 'state.json');

    const again = await runCli(['postmortem', '--session', id!, '--no-input'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already appended/);

    // As if the walk had been stopped before close-out: nothing written yet.
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { postmortem: { written: boolean } };
    state.postmortem.written = false;
    writeFileSync(stateFile, JSON.stringify(state));
    writeFileSync(path.join(dir, 'POSTMORTEMS.md'), renderPostmortems([sampleEntry('old', { date: '2025-01-01' })]));
    const drafted = await runCli(['postmortem', '--session', id!, '--no-input'], { cwd: dir });
    expect(drafted.code).toBe(0);
    const entries = parsePostmortems(readFileSync(path.join(dir, 'POSTMORTEMS.md'), 'utf8')).entries;
    expect(entries.map((entry) => entry.entry.title)).toEqual(['Checkout returned 500s (old)', 'Checkout returns 500']);
    expect(entries[1]!.entry).toMatchObject({ date: '2026-03-14', session: id, detectedAt: '2026-03-14 03:12' });
    expect((JSON.parse(readFileSync(stateFile, 'utf8')) as { postmortem: { written: boolean } }).postmortem.written).toBe(true);
    expect((await runCli(['lint'], { cwd: dir })).code).toBe(0);
  });

  it('names an unknown session', async () => {
    const result = await runCli(['postmortem', '--session', 'nope', '--no-input'], { cwd: tempDir('triage-pm-nosession-') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no session "nope"/);
  });
});

describe('triage stats', () => {
  const history = renderPostmortems([
    sampleEntry('a', { date: '2024-01-10', severity: 'high', detectedAt: '2024-01-10 10:00', resolvedAt: '2024-01-10 11:00', actionItems: [{ text: 'x', owner: '@me', due: '2024-02-01', done: true }] }),
    sampleEntry('b', { date: '2024-03-05', severity: 'low', detectedAt: '2024-03-05 10:00', resolvedAt: '2024-03-05 10:30', recurrenceOf: '2024-01-10', actionItems: [{ text: 'y', owner: null, due: null }] }),
  ]);

  it('--json gives exactly the documented keys, and more', async () => {
    const result = await runCli(['stats', '--json'], { cwd: repoWith({ 'POSTMORTEMS.md': history }) });
    expect(result.code).toBe(0);
    const stats = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(stats).toMatchObject({
      incidents: 2,
      bySeverity: { high: 1, low: 1 },
      byMonth: { '2024-01': 1, '2024-02': 0, '2024-03': 1 },
      timeToResolve: { median: 45, max: 60, n: 2 },
      recurrenceRate: 0.5,
      actionItems: { open: 1, done: 1 },
    });
    expect(Object.keys(stats.timeToResolve as object)).toEqual(['median', 'max', 'n']);
    expect(Object.keys(stats.actionItems as object)).toEqual(['open', 'done']);
    expect(stats).toHaveProperty('timeToDetect');
    expect(stats).toHaveProperty('trend.direction', null);
  });

  it('prints the report with a month chart, for a named file too', async () => {
    const dir = repoWith({ 'history.md': history });
    const result = await runCli(['stats', 'history.md'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('history.md: 2 incidents, 2024-01-10 to 2024-03-05');
    expect(result.stdout).toMatch(/^ {2}2024-01 #+ 1$/m);
    expect(result.stdout).toMatch(/^ {2}2024-02 0$/m);
    expect(result.stdout).toContain('Too few incidents');
  });

  it('exits 2 for a missing file', async () => {
    const result = await runCli(['stats'], { cwd: tempDir('triage-stats-none-') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/triage init/);
  });
});
