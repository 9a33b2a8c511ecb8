import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceModulesOf } from '../helpers/bundle-modules.js';
import { assertBuilt, CLI } from '../helpers/cli.js';
import { TEST_API_KEY } from '../helpers/claude-fixture.js';

const tracer = fileURLToPath(new URL('../helpers/import-tracer.mjs', import.meta.url));

/** Module URLs a run resolved, with a key in the environment (startup-imports.test.ts runs without one). */
function importsWithKey(args: string[]): string[] {
  assertBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), 'triage-claude-trace-'));
  writeFileSync(path.join(dir, 'alert.json'), JSON.stringify({ title: 'Checkout fails', firedAt: '2026-03-14T03:12:00Z' }));
  const trace = path.join(dir, 'imports.txt');
  writeFileSync(trace, '');
  const env = { ...process.env, TRIAGE_IMPORT_TRACE: trace, CI: 'true', ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' };
  const result = spawnSync(process.execPath, ['--import', tracer, CLI, 'alert.json', '--no-input', ...args], { cwd: dir, env, encoding: 'utf8' });
  expect(result.status).toBe(0);
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

describe('the Claude path is loaded only when Claude is used', () => {
  it('--no-llm with a key set loads neither the SDK nor pino', () => {
    const urls = importsWithKey(['--no-llm']);
    // (src/llm/usage.ts, the plain usage arithmetic the walk sums with, is all of src/llm it needs.)
    expect(urls.filter((u) => u.includes('@anthropic-ai/sdk') || u.includes('node_modules/pino/'))).toEqual([]);
    expect(sourceModulesOf(urls).filter((module) => module.startsWith('src/llm/') && module !== 'src/llm/usage.ts')).toEqual([]);
  });

  it('with a key, the SDK and pino are loaded (so the check above can fail)', () => {
    const urls = importsWithKey(['--llm-timeout', '2']);
    expect(urls.some((u) => u.includes('@anthropic-ai/sdk'))).toBe(true);
    expect(urls.some((u) => u.includes('node_modules/pino/'))).toBe(true);
    expect(sourceModulesOf(urls)).toContain('src/llm/claude-helper.ts');
  });
});
