import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainLintInvocation } from '../../src/commands/lint-args.js';
import { renderPostmortems } from '../../src/postmortem/render.js';
import { runCli } from '../helpers/cli.js';
import { sampleEntry } from '../helpers/postmortem-entries.js';

/**
 * A plain `triage lint` skips commander (src/commands/lint-args.ts). `triage --debug lint …`
 * always goes through commander (its first word is not `lint`), and --debug changes nothing
 * but stack traces of unexpected failures: the two must agree on every byte and exit code.
 */

const clean = renderPostmortems([sampleEntry('a', { date: '2024-01-01' }), sampleEntry('b', { date: '2024-02-01' })]);
const findings = `${clean}\n## 2024-03-01 — No cause\n\n- **Severity:** Low\n- **Fix:** x\n- **Lesson:** y\n\n## 2024-02-15 — Quiet\n\n- **Root cause:** Bob forgot the index\n- **Fix:** x\n- **Lesson:** y\n`;

function fixtureDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'triage-lint-fast-'));
  writeFileSync(path.join(dir, 'POSTMORTEMS.md'), findings);
  writeFileSync(path.join(dir, 'clean.md'), clean);
  writeFileSync(path.join(dir, 'rules.json'), '{"lint": {"rules": {"PM012": "off"}}}');
  writeFileSync(path.join(dir, 'bad.json'), '{"lint": {"rules": {"PM999": "off"}}}');
  return dir;
}

const CASES: string[][] = [
  [],
  ['clean.md'],
  ['POSTMORTEMS.md'],
  ['--format', 'json'],
  ['--format=github', 'POSTMORTEMS.md'],
  ['POSTMORTEMS.md', '--format', 'sarif'],
  ['--max-warnings', '0', 'clean.md'],
  ['--max-warnings', '0'],
  ['--max-warnings', 'many'],
  ['--config', 'rules.json'],
  ['--config', 'bad.json'],
  ['missing.md'],
  ['--fix'],
  ['--fix', '--format', 'json'],
];

describe('triage lint without commander', () => {
  it.each(CASES.map((args) => [args.join(' ') || '(no arguments)', args] as const))('lint %s: same output, exit code and file as through commander', async (_label, args) => {
    const fast = fixtureDir();
    const full = fixtureDir();
    const viaFastPath = await runCli(['lint', ...args], { cwd: fast });
    const viaCommander = await runCli(['--debug', 'lint', ...args], { cwd: full });
    expect(viaFastPath).toEqual(viaCommander);
    expect(readFileSync(path.join(fast, 'POSTMORTEMS.md'), 'utf8')).toBe(readFileSync(path.join(full, 'POSTMORTEMS.md'), 'utf8'));
  });

  it('takes the fast path only for plain invocations; everything else is commander’s', () => {
    expect(plainLintInvocation(['lint'])).toEqual({ file: undefined, options: { format: 'text' } });
    expect(plainLintInvocation(['lint', 'a.md', '--format=json', '--fix', '--config', 'c.json', '--max-warnings', '3'])).toEqual({
      file: 'a.md',
      options: { format: 'json', fix: true, config: 'c.json', maxWarnings: '3' },
    });
    for (const args of [['stats'], ['lint', '--help'], ['lint', '-h'], ['lint', 'a.md', 'b.md'], ['lint', '--format', 'xml'], ['lint', '--format'], ['lint', '--fix', '--fix'], ['lint', '--max-warnings', '-1'], ['lint', '--debug'], ['lint', '--', 'a.md'], ['--debug', 'lint']]) {
      expect(plainLintInvocation(args), args.join(' ')).toBeNull();
    }
  });

  it('does not load commander for a plain lint (its start-up is most of what a CI run pays)', async () => {
    const dir = fixtureDir();
    const plain = await runCli(['lint', 'clean.md'], { cwd: dir, env: { NODE_DEBUG: 'module' } });
    const viaCommander = await runCli(['--debug', 'lint', 'clean.md'], { cwd: dir, env: { NODE_DEBUG: 'module' } });
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toMatch(/commander/);
    expect(viaCommander.stderr).toMatch(/commander/);
  });
});
