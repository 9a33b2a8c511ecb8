// `triage lint` on a 1,000-entry POSTMORTEMS.md, as CI runs it on every push, against starting
// Node itself: goal within 3x of `node -e 0`. Two files, generated once into bench/.data/:
//   mixed: what a real file looks like over years — half 30-word solo entries (root cause, fix,
//          lesson), a third with times, impact, a short timeline and action items, the rest full
//   full:  every entry with every field, a 5-event timeline and 3 action items (the worst case)
// Both must lint clean (a finding would exit 1 and fail the benchmark), so all 18 rules run to the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compareSamples, median, seeded } from './timing.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, '.data', 'lint-1000');
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const FORMAT = 'v1';
const ENTRIES = 1000;

const pick = (random, items) => items[Math.floor(random() * items.length)];
const CAUSES = [
  'A migration dropped the index on orders.user_id, so the checkout query timed out under load.',
  'The connection pool was capped at 10 while the worker count doubled in the last deploy.',
  'A dependency upgrade changed the default request timeout from 30 s to 3 s.',
  'The TLS certificate for api.example.com expired; the renewal job had been failing silently.',
  'A retry loop without backoff amplified a short upstream outage into a full one.',
];
const FIXES = ['Rolled back to the previous release.', 'Restored the index and redeployed.', 'Raised the pool size and restarted the workers.', 'Renewed the certificate by hand.'];
const LESSONS = ['Schema changes need a query-plan check before deploy.', 'Alert on pool saturation, not only on errors.', 'Renewal jobs need an alert when they fail.', 'Retries need backoff and a budget.'];

function entryFor(random, index) {
  const day = new Date(Date.UTC(2016, 0, 1) + index * 3 * 86_400_000).toISOString().slice(0, 10);
  const kind = index % 20 < 10 ? 'solo' : index % 20 < 17 ? 'medium' : 'full';
  return entryOfKind(random, kind, day, index);
}

function entryOfKind(random, kind, day, index) {
  const at = (hh, mm) => `${day} ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
  const base = { title: `${pick(random, ['Checkout', 'Login', 'Search', 'Exports', 'Webhooks'])} ${pick(random, ['returned 500s', 'was slow', 'timed out', 'failed'])} (${index})`, date: day, severity: pick(random, ['critical', 'high', 'medium', 'low']), rootCause: pick(random, CAUSES), fix: pick(random, FIXES), lesson: pick(random, LESSONS) };
  if (kind === 'solo') return base;
  const medium = {
    ...base,
    impact: 'About 12% of requests failed for 38 minutes.',
    detection: 'Sentry alert on the error rate.',
    tags: ['database', 'deploy'],
    detectedAt: at(10, 2),
    resolvedAt: at(10, 40),
    timeline: [{ time: at(10, 2), text: 'Alert fired: error rate 12%.' }, { time: at(10, 20), text: 'Rolled back.' }, { time: at(10, 40), text: 'Errors back to baseline.' }],
    actionItems: [{ text: 'Add a plan check to the migration linter', owner: '@ana', due: day, done: random() < 0.6 }],
  };
  if (kind === 'medium') return medium;
  return {
    ...medium,
    category: 'code-change',
    trigger: 'Deploy of release 1.8.0.',
    startedAt: at(9, 50),
    acknowledgedAt: at(10, 5),
    mitigatedAt: at(10, 20),
    duration: '50 min',
    timeline: [...medium.timeline.slice(0, 1), { time: at(10, 5), text: 'Acknowledged.' }, { time: at(10, 12), text: 'Found the migration in the deploy.' }, ...medium.timeline.slice(1)],
    actionItems: [...medium.actionItems, { text: 'Alert on query latency', owner: '@bo', due: day }, { text: 'Document the rollback', owner: '@ana', due: null, done: true }],
    whatWentWell: 'The alert fired within minutes and the rollback was quick.',
    whatWentWrong: 'The migration ran without a query-plan check.',
    whereWeGotLucky: 'It happened at a quiet hour.',
  };
}

async function ensureFiles(log) {
  const marker = path.join(dataDir, '.bench-format');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === FORMAT) return;
  mkdirSync(dataDir, { recursive: true });
  const dist = (file) => pathToFileURL(path.join(here, '../dist/postmortem', file)).href;
  const { renderPostmortems } = await import(dist('render.js'));
  const { PostmortemEntrySchema } = await import(dist('model.js'));
  const random = seeded(42);
  const mixed = Array.from({ length: ENTRIES }, (_, index) => PostmortemEntrySchema.parse(entryFor(random, index)));
  const full = Array.from({ length: ENTRIES }, (_, index) => PostmortemEntrySchema.parse(entryOfKind(random, 'full', new Date(Date.UTC(2016, 0, 1) + index * 3 * 86_400_000).toISOString().slice(0, 10), index)));
  writeFileSync(path.join(dataDir, 'mixed.md'), renderPostmortems(mixed));
  writeFileSync(path.join(dataDir, 'full.md'), renderPostmortems(full));
  writeFileSync(marker, FORMAT);
  log(`generated ${ENTRIES}-entry files in bench/.data/lint-1000/`);
}

/**
 * CPU time (user + system) of each candidate, runs interleaved like compare(): on a machine busy
 * with other work, wall time mostly measures the waiting, CPU time the work.
 */
function compareCpu(candidates, runs = 15) {
  const dir = mkdtempSync(path.join(tmpdir(), 'triage-bench-cpu-'));
  const reporter = path.join(here, 'cpu-report.mjs');
  try {
    const samples = candidates.map(() => []);
    for (let run = 0; run < runs; run++) {
      candidates.forEach((candidate, index) => {
        const file = path.join(dir, `${index}-${run}`);
        const result = spawnSync(process.execPath, ['--import', reporter, ...candidate.args], { stdio: 'ignore', ...candidate.options, env: { ...process.env, BENCH_CPU_FILE: file } });
        if (result.status !== 0) throw new Error(`${candidate.args.join(' ')} exited ${result.status}`);
        samples[index].push(Number(readFileSync(file, 'utf8')));
      });
    }
    return samples.map(median);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const size = (file) => {
  const text = readFileSync(file, 'utf8');
  return `${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KB`;
};

export default async function run({ log }) {
  await ensureFiles(log);
  const mixed = path.join(dataDir, 'mixed.md');
  const full = path.join(dataDir, 'full.md');
  const candidates = [
    { command: process.execPath, args: ['-e', '0'] },
    { command: process.execPath, args: [cli, '--help'] },
    { command: process.execPath, args: [cli, 'lint', mixed], options: { cwd: dataDir } },
    { command: process.execPath, args: [cli, 'lint', full], options: { cwd: dataDir } },
  ];
  const samples = compareSamples(candidates);
  const [bare, help, lintMixed, lintFull] = samples.map(median);
  // Each command's fastest run: what a quiet spell of this machine approaches, where start-up
  // shrinks more than work does and the ratio is at its least favourable.
  const fastest = (index) => Math.min(...samples[index]) / Math.min(...samples[0]);
  const [bareCpu, helpCpu, mixedCpu, fullCpu] = compareCpu(candidates);
  const row = (label, wall, cpu, note) => log(`${label.padEnd(31)}${wall.toFixed(1).padStart(7)} ms wall ${(wall / bare).toFixed(2)}x, ${cpu.toFixed(1).padStart(6)} ms cpu ${(cpu / bareCpu).toFixed(2)}x${note ? `  ${note}` : ''}`);
  row('node -e 0', bare, bareCpu, '(baseline)');
  row('triage --help', help, helpCpu, '(what any command costs to start)');
  row('triage lint, 1000 mixed', lintMixed, mixedCpu, `(goal <= 3x; fastest runs ${fastest(2).toFixed(2)}x; ${size(mixed)})`);
  row('triage lint, 1000 full entries', lintFull, fullCpu, `(worst case; ${size(full)})`);
}
