import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceModulesOf } from '../helpers/bundle-modules.js';
import { assertBuilt, CLI } from '../helpers/cli.js';

const tracer = fileURLToPath(new URL('../helpers/import-tracer.mjs', import.meta.url));
const HEAVY = ['@anthropic-ai/sdk', '@sentry/node', '@inquirer', 'node_modules/pino/'];

/** Every module URL `triage <args>` resolved, recorded by a loader hook. */
function importsOf(args: string[], cwd = process.cwd()): string[] {
  assertBuilt();
  const trace = path.join(mkdtempSync(path.join(tmpdir(), 'triage-trace-')), 'imports.txt');
  writeFileSync(trace, '');
  const result = spawnSync(process.execPath, ['--import', tracer, CLI, ...args], { cwd, env: { ...process.env, TRIAGE_IMPORT_TRACE: trace, CI: 'true' }, encoding: 'utf8' });
  expect(result.error).toBeUndefined();
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

describe('start-up loads only what the command uses', () => {
  it('--help loads neither SDKs nor prompts nor zod', () => {
    const urls = importsOf(['--help']);
    expect(sourceModulesOf(urls)).toContain('src/cli.ts');
    for (const heavy of [...HEAVY, 'node_modules/zod/']) expect(urls.filter((u) => u.includes(heavy))).toEqual([]);
  });

  it('lint loads no SDK and no prompt library', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-lint-'));
    writeFileSync(path.join(dir, 'POSTMORTEMS.md'), '# Postmortems\n');
    const urls = importsOf(['lint', 'POSTMORTEMS.md'], dir);
    expect(sourceModulesOf(urls)).toContain('src/commands/lint.ts');
    for (const heavy of HEAVY) expect(urls.filter((u) => u.includes(heavy))).toEqual([]);
    // CI lints on every push: without a config file there is nothing for zod to check.
    expect(urls.filter((u) => u.includes('node_modules/zod/'))).toEqual([]);
  });

  it('an offline, non-interactive run loads no SDK and no prompt library', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'triage-run-'));
    writeFileSync(path.join(dir, 'alert.json'), JSON.stringify({ title: 'Checkout fails', firedAt: '2026-03-14T03:12:00Z' }));
    const urls = importsOf(['alert.json', '--offline', '--no-input', '--dry-run'], dir);
    expect(sourceModulesOf(urls)).toContain('src/commands/run.ts');
    for (const heavy of HEAVY) expect(urls.filter((u) => u.includes(heavy))).toEqual([]);
  });
});
