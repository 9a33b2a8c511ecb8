// Git scan: collectGitChanges over a 24 h window of a 50k-commit history must cost about what
// a few git process spawns cost, not what walking the history costs (goal: well under a second).
// The repository is built once with `git fast-import` and cached under bench/.data/.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { median, timeCommand } from './timing.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const COMMITS = 50_000;
const FILES = 3_000;
const SPAN_SECONDS = 2 * 365 * 24 * 3600;
const LAST_COMMIT = Date.parse('2024-05-10T12:00:00Z') / 1000;
const FORMAT = 'v1';
const repoDir = path.join(here, '.data', `git-scan-${COMMITS}`);
const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };

function git(args, options = {}) {
  return execFileSync('git', args, { cwd: repoDir, env: gitEnv, encoding: 'utf8', maxBuffer: 1 << 30, ...options });
}

function lockfile(version) {
  const packages = { '': { name: 'shop', version: '1.0.0' } };
  for (let i = 0; i < 400; i++) packages[`node_modules/pkg-${i}`] = { version: `1.${i % 7}.${i === 3 ? version : 0}` };
  return JSON.stringify({ name: 'shop', lockfileVersion: 3, packages }, null, 2);
}

/** One commit every ~21 minutes over two years; one to three files each; a tag every 500 commits. */
function fastImportStream() {
  const chunks = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}`;
  const step = Math.floor(SPAN_SECONDS / COMMITS);
  for (let i = 1; i <= COMMITS; i++) {
    const when = LAST_COMMIT - (COMMITS - i) * step;
    const lines = [`commit refs/heads/main`, `mark :${i}`, `author Dev <dev@example.com> ${when} +0000`, `committer Dev <dev@example.com> ${when} +0000`, data(`Change ${i}`)];
    if (i > 1) lines.push(`from :${i - 1}`);
    const touched = i === 1 ? FILES : 1 + (i % 3);
    for (let f = 0; f < touched; f++) {
      const file = i === 1 ? f : (i * 7919 + f * 104729) % FILES;
      lines.push(`M 100644 inline src/mod${file % 40}/file${file}.ts`, data(`export const v = ${i};\n// ${'x'.repeat(file % 60)}\n`));
    }
    if (i === 1 || i === COMMITS - 20) lines.push('M 100644 inline package-lock.json', data(lockfile(i)));
    if (i === 1 || i === COMMITS - 10) lines.push('M 100644 inline config/app.yaml', data(`database:\n  pool:\n    timeout: ${i === 1 ? '30s' : '3s'}\n`));
    if (i % 500 === 0) lines.push(`reset refs/tags/v1.${i / 500}.0`, `from :${i}`);
    chunks.push(`${lines.join('\n')}\n`);
  }
  return chunks.join('');
}

function ensureRepository(log) {
  const marker = path.join(repoDir, '.bench-format');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === FORMAT) return;
  rmSync(repoDir, { recursive: true, force: true });
  mkdirSync(repoDir, { recursive: true });
  const started = Date.now();
  git(['init', '--quiet', '--initial-branch=main']);
  git(['fast-import', '--quiet'], { input: fastImportStream() });
  git(['reset', '--quiet', '--hard', 'main']);
  writeFileSync(marker, FORMAT);
  log(`built ${COMMITS} commits with git fast-import in ${((Date.now() - started) / 1000).toFixed(1)} s (cached in bench/.data/)`);
}

async function timeAsync(fn, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

export default async function run({ log }) {
  ensureRepository(log);
  const { collectGitChanges } = await import('../dist/evidence/git/index.js');
  const until = new Date(LAST_COMMIT * 1000).toISOString();
  const since = new Date(LAST_COMMIT * 1000 - 24 * 3600 * 1000).toISOString();
  const scan = () => collectGitChanges({ repo: repoDir, since, until, release: 'v1.100.0' });
  const result = await scan();
  const spawn = median(Array.from({ length: 15 }, () => timeCommand('git', ['rev-parse', 'HEAD'], { cwd: repoDir, env: gitEnv })));
  const fullLog = median(Array.from({ length: 3 }, () => timeCommand('git', ['log', '--oneline'], { cwd: repoDir, env: gitEnv })));
  const scanMs = await timeAsync(scan, 7);
  const deps = result.commits.reduce((n, c) => n + c.dependencyChanges.length, 0);
  const settings = result.commits.reduce((n, c) => n + c.configChanges.length, 0);
  log(`window: ${result.commits.length} commits, ${result.trackedFiles.length} tracked files, ${deps} dependency and ${settings} setting changes`);
  log(`git rev-parse HEAD           ${spawn.toFixed(1)} ms (baseline: one git spawn)`);
  log(`git log --oneline (50k)      ${fullLog.toFixed(1)} ms`);
  log(`collectGitChanges 24 h       ${scanMs.toFixed(1)} ms  ${(scanMs / spawn).toFixed(1)}x one spawn, ${(scanMs / fullLog).toFixed(2)}x full log (goal: well under 1000 ms)`);
  if (spawnSync('git', ['--version']).status !== 0) throw new Error('git is not installed');
}
