// Log digest throughput and memory on a big pino-http file, against jq filtering the same file,
// plus seeking: the last 2 h of a week-long file against digesting those 2 h alone.
// Goals: >= 10x faster than `jq -c 'select(.res.statusCode>=500)|.req.url'`, peak RSS <= 200 MB.
// Size: BENCH_LOG_MB (default 400). Runs per measurement: BENCH_RUNS (default 3, median kept).
// Data is generated once into bench/.data/ (git-ignored) and reused.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, seeded } from './timing.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, '.data');
const entry = pathToFileURL(path.join(here, '../dist/evidence/logs/index.js')).href;
const JQ = '/usr/bin/jq';
const MB = 1024 * 1024;
const HOUR = 3_600_000;
const START = Date.parse('2024-05-01T00:00:00.000Z');

// ---- realistic pino-http lines (default serializers: every request header is logged) ----

const ROUTES = [
  ['GET', (n) => `/api/orders/${n}?include=items`],
  ['GET', (n) => `/api/products/${n}`],
  ['GET', () => '/api/cart'],
  ['GET', (n) => `/api/search?q=shoes&page=${n % 7}`],
  ['POST', () => '/api/checkout'],
  ['GET', (n) => `/api/users/${n}/recommendations`],
  ['GET', () => '/health'],
];
const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
];
const HOSTS = ['api-6f7d9c8b5-x2k4q', 'api-6f7d9c8b5-m8p1z', 'api-6f7d9c8b5-q7r3t'];

function hex(random, length) {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

function requestLine(random, time, id, incident) {
  const [method, url] = ROUTES[Math.floor(random() * ROUTES.length)];
  const n = 1000 + Math.floor(random() * 90000);
  const target = url(n);
  const failing = (incident && target === '/api/checkout' && random() < 0.5) || random() < 0.002;
  const status = failing ? 503 : random() < 0.03 ? 404 : 200;
  const latency = failing ? 30000 : Math.round(5 + random() * random() * 400);
  const requestId = `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
  const headers =
    `{"host":"api.shop.example.com","user-agent":"${AGENTS[id % AGENTS.length]}","accept":"application/json, text/plain, */*",` +
    `"accept-encoding":"gzip, deflate, br","accept-language":"en-US,en;q=0.9","x-request-id":"${requestId}",` +
    `"x-forwarded-for":"203.0.113.${n % 250}","connection":"keep-alive"}`;
  const query = target.includes('?') ? `{"${target.includes('q=') ? 'q":"shoes","page' : 'include'}":"${target.split('=').pop()}"}` : '{}';
  const res = `{"statusCode":${status},"headers":{"content-type":"application/json; charset=utf-8","content-length":"${200 + (n % 5000)}","etag":"W/\\"${hex(random, 6)}\\""}}`;
  const err = failing
    ? `,"err":{"type":"Error","message":"connect ECONNREFUSED 10.0.4.17:5432","stack":"Error: connect ECONNREFUSED 10.0.4.17:5432\\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)"}`
    : '';
  return (
    `{"level":${failing ? 50 : 30},"time":${time},"pid":2817,"hostname":"${HOSTS[id % HOSTS.length]}","req":{"id":${id},"method":"${method}",` +
    `"url":"${target}","query":${query},"params":{},"headers":${headers},"remoteAddress":"10.12.${n % 250}.4","remotePort":${40000 + (n % 20000)}},` +
    `"res":${res}${err},"responseTime":${latency},"msg":"${failing ? 'request errored' : 'request completed'}"}\n`
  );
}

function appLine(random, time) {
  return `{"level":30,"time":${time},"pid":2817,"hostname":"${HOSTS[0]}","keys":${Math.floor(random() * 5000)},"msg":"cache refreshed"}\n`;
}

function averageLineBytes() {
  const random = seeded(7);
  let total = 0;
  for (let i = 0; i < 5000; i++) total += (i % 50 === 49 ? appLine(random, START) : requestLine(random, START, i, false)).length;
  return total / 5000;
}

/** Writes about `bytes` of time-ordered lines spanning about `spanMs` from START (an incident in the last 30%). */
function generate(file, bytes, spanMs) {
  const random = seeded(42);
  const step = spanMs / Math.ceil(bytes / averageLineBytes());
  const tmp = `${file}.tmp`;
  const out = openSync(tmp, 'w');
  let written = 0;
  let batch = '';
  for (let i = 0; written + batch.length < bytes; i++) {
    const time = Math.floor(START + i * step);
    batch += i % 50 === 49 ? appLine(random, time) : requestLine(random, time, i, time >= START + spanMs * 0.7);
    if (batch.length > 4 * MB) {
      written += writeSync(out, batch);
      batch = '';
    }
  }
  writeSync(out, batch);
  closeSync(out);
  renameSync(tmp, file);
}

const timeOf = (line) => Number(/"time":(\d+)/.exec(line)?.[1] ?? Number.NaN);

/** The time of a time-ordered file's last line. */
function lastTimeOf(file) {
  const size = statSync(file).size;
  const buffer = Buffer.alloc(Math.min(size, 64 * 1024));
  const fd = openSync(file, 'r');
  readSync(fd, buffer, 0, buffer.length, size - buffer.length);
  closeSync(fd);
  const lines = buffer.toString('utf8').trimEnd().split('\n');
  return timeOf(lines[lines.length - 1]);
}

/** Copies the lines at or after `fromMs` at the end of a time-ordered file into `tail`. */
function extractTail(file, fromMs, tail) {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  let offset = size;
  let text = '';
  while (offset > 0) {
    const length = Math.min(offset, 8 * MB);
    offset -= length;
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, offset);
    text = buffer.toString('latin1') + text;
    const firstFull = offset === 0 ? text : text.slice(text.indexOf('\n') + 1);
    if (timeOf(firstFull.slice(0, firstFull.indexOf('\n'))) < fromMs) break;
  }
  closeSync(fd);
  const lines = text.split('\n').filter((line) => line !== '' && timeOf(line) >= fromMs);
  writeFileSync(tail, `${lines.join('\n')}\n`, 'latin1');
}

// ---- measuring ----

const CHILD = `
import { digestLogs } from ${JSON.stringify(entry)};
const [input, from, to] = process.argv.slice(2);
const start = performance.now();
const digest = await digestLogs({ inputs: [input], window: { from, to }, stdin: process.stdin });
const digestMs = performance.now() - start;
const source = digest.sources[0];
console.log(JSON.stringify({ digestMs, maxRssMb: process.resourceUsage().maxRSS / 1024, records: digest.records, lines: source.lines,
  seekedTo: source.seekedTo, onset: digest.signals.onset, onsetSignal: digest.signals.onsetSignal, top: digest.localization[0]?.id ?? null }));
`;

function digestOnce(input, window, stdinFile) {
  const child = path.join(dataDir, 'digest-child.mjs');
  writeFileSync(child, CHILD);
  const stdin = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [child, input, window.from, window.to], { stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (typeof stdin === 'number') closeSync(stdin);
  if (result.status !== 0) throw new Error(`digest exited ${result.status}: ${result.stderr.slice(0, 400)}`);
  return { ms, ...JSON.parse(result.stdout) };
}

function jqOnce(file) {
  const start = process.hrtime.bigint();
  const result = spawnSync(JQ, ['-c', 'select(.res.statusCode>=500)|.req.url', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`jq exited ${result.status}: ${String(result.stderr).slice(0, 300)}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function medianRun(runs, once, field = 'ms') {
  const results = Array.from({ length: runs }, once);
  const ms = median(results.map((r) => r[field]));
  return { ms, last: results[results.length - 1], peakRssMb: Math.max(...results.map((r) => r.maxRssMb ?? 0)) };
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

export default async function run({ log }) {
  if (!existsSync(fileURLToPath(entry))) throw new Error('dist/ is missing: run `npx tsc -p tsconfig.build.json` first.');
  const megabytes = Number(process.env.BENCH_LOG_MB ?? 400);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  mkdirSync(dataDir, { recursive: true });

  // (a) + (b): the whole file, jq against the digest (window covering everything: no seeking).
  const big = path.join(dataDir, `pino-${megabytes}mb.log`);
  const span = 2 * HOUR;
  if (!existsSync(big)) {
    log(`generating ${megabytes} MB of pino-http lines into ${path.relative(process.cwd(), big)} ...`);
    generate(big, megabytes * MB, span);
  }
  const size = statSync(big).size / MB;
  const whole = { from: new Date(START - HOUR).toISOString(), to: new Date(START + span + HOUR).toISOString() };
  const haveJq = existsSync(JQ);
  const samples = { jq: [], digest: [] };
  for (let i = 0; i < runs; i++) {
    if (haveJq) samples.jq.push(jqOnce(big));
    samples.digest.push(digestOnce(big, whole));
  }
  const digestMs = median(samples.digest.map((r) => r.digestMs));
  const processMs = median(samples.digest.map((r) => r.ms));
  const peak = Math.max(...samples.digest.map((r) => r.maxRssMb));
  const last = samples.digest[samples.digest.length - 1];
  log(`file: ${size.toFixed(0)} MB, ${last.records} records, onset ${last.onset} (${last.onsetSignal}), top ${last.top}`);
  log(`digestLogs: ${fmtMs(digestMs)} (${(size / (digestMs / 1000)).toFixed(0)} MB/s); whole process incl. Node startup and imports ${fmtMs(processMs)}; median of ${runs}`);
  if (haveJq) {
    const jqMs = median(samples.jq);
    log(`jq select:  ${fmtMs(jqMs)} (${(size / (jqMs / 1000)).toFixed(0)} MB/s), whole process`);
    log(`log digest: ${(jqMs / digestMs).toFixed(1)}x faster than jq (${(jqMs / processMs).toFixed(1)}x process to process); peak RSS ${peak.toFixed(0)} MB (goals: >= 10x, <= 200 MB)`);
  } else {
    log(`jq not found at ${JQ}: the baseline is unavailable; peak RSS ${peak.toFixed(0)} MB (goal <= 200 MB)`);
  }

  // (c): a week-long time-ordered file, window = its last 2 h; seeking against the 2 h alone.
  const week = path.join(dataDir, `pino-week-${megabytes}mb.log`);
  const tail = path.join(dataDir, `pino-week-${megabytes}mb-last2h.log`);
  if (!existsSync(week)) {
    log(`generating a week-long ${megabytes} MB file into ${path.relative(process.cwd(), week)} ...`);
    generate(week, megabytes * MB, 7 * 24 * HOUR);
  }
  const end = lastTimeOf(week);
  const window = { from: new Date(end - 2 * HOUR).toISOString(), to: new Date(end).toISOString() };
  if (!existsSync(tail)) extractTail(week, Date.parse(window.from), tail);
  const seek = medianRun(runs, () => digestOnce(week, window), 'digestMs');
  const alone = medianRun(runs, () => digestOnce(tail, window), 'digestMs');
  const scan = digestOnce('-', window, week);
  scan.ms = scan.digestMs;
  log(
    `seek: last 2 h (${(statSync(tail).size / MB).toFixed(1)} MB) of a ${(statSync(week).size / MB).toFixed(0)} MB week: ${fmtMs(seek.ms)} (entered at byte ${seek.last.seekedTo}, read ${seek.last.lines} lines) ` +
      `vs ${fmtMs(alone.ms)} for the 2 h alone (${(seek.ms / alone.ms).toFixed(2)}x) vs ${fmtMs(scan.ms)} scanning it all from stdin (digestLogs time)`,
  );
  log(`seek: same records ${seek.last.records === alone.last.records && seek.last.records === scan.records ? 'yes' : 'NO'} (${seek.last.records}); peak RSS ${seek.peakRssMb.toFixed(0)} MB`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await run({ log: (line) => process.stdout.write(`${line}\n`) });
}
