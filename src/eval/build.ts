import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TriageError } from '../errors.js';
import { renderLog } from './log-formats.js';
import { simulateTraffic } from './traffic.js';
import type { Scenario, ScenarioCommit } from './types.js';

/**
 * Builds a scenario on disk: `repo/` (a git repository whose history is written in one
 * `git fast-import` stream, so dates are exact and a build costs three git processes),
 * `alert.json`, and `logs/`. Logs live beside the repository, as they would on a server.
 */

export interface BuiltScenario {
  dir: string;
  repo: string;
  alert: string;
  logs: string[];
}

/** The base commit sits well outside the default 24 h change window. */
const BASE_AGE_MINUTES = 5 * 24 * 60;
const DEFAULT_AUTHOR = 'Sam Rivera';

const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C',
};

function git(cwd: string, args: string[], input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd, env: GIT_ENV, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new TriageError(`git ${args[0]} failed in ${cwd}: ${stderr.trim()}`))));
    if (child.stdin !== null) {
      // A git that fails early closes its stdin: the exit code above reports that, not an EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

function identity(name: string, ms: number): string {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
  return `${name} <${email}> ${Math.floor(ms / 1000)} +0000`;
}

function fileChanges(files: Record<string, string | null>): string {
  return Object.entries(files)
    .map(([file, content]) => (content === null ? `D ${file}\n` : `M 100644 inline ${file}\n${data(content)}`))
    .join('');
}

interface StreamState {
  firedAt: number;
  marks: number;
  mainTip: number | null;
  /** Main's commits so far, oldest first, so a branch can fork from where main stood when it began. */
  mainline: { mark: number; at: number }[];
  out: string[];
}

function writeCommit(state: StreamState, ref: string, commit: ScenarioCommit, parents: number[], files: Record<string, string | null>): number {
  const mark = ++state.marks;
  const who = identity(commit.author ?? DEFAULT_AUTHOR, state.firedAt + commit.at * 60_000);
  const lineage = parents.map((parent, i) => `${i === 0 ? 'from' : 'merge'} :${parent}\n`).join('');
  state.out.push(`commit ${ref}\nmark :${mark}\nauthor ${who}\ncommitter ${who}\n${data(commit.message)}${lineage}${fileChanges(files)}`);
  if (commit.tag) state.out.push(`tag ${commit.tag}\nfrom :${mark}\ntagger ${who}\n${data(`Release ${commit.tag}`)}`);
  return mark;
}

function writeMainCommit(state: StreamState, commit: ScenarioCommit, parents: number[], files: Record<string, string | null>): void {
  state.mainTip = writeCommit(state, 'refs/heads/main', commit, parents, files);
  state.mainline.push({ mark: state.mainTip, at: commit.at });
}

/**
 * A merge: the side branch forks from main as it stood when the branch's first commit was
 * made, then main merges it (the merge's tree is main's plus the branch's files).
 */
function writeMerge(state: StreamState, commit: ScenarioCommit & { merges: NonNullable<ScenarioCommit['merges']> }): void {
  const started = commit.merges.commits[0]?.at ?? commit.at;
  const fork = [...state.mainline].reverse().find((entry) => entry.at <= started)?.mark ?? state.mainline[0]?.mark ?? null;
  let sideTip = fork;
  const merged: Record<string, string | null> = {};
  for (const side of commit.merges.commits) {
    sideTip = writeCommit(state, `refs/heads/${commit.merges.branch}`, side, sideTip === null ? [] : [sideTip], side.files);
    Object.assign(merged, side.files);
  }
  const parents = [state.mainTip, sideTip].filter((mark): mark is number => mark !== null);
  writeMainCommit(state, commit, parents, { ...merged, ...commit.files });
}

/** The whole history as a fast-import stream, base commit first. */
export function historyStream(scenario: Scenario): string {
  const state: StreamState = { firedAt: Date.parse(scenario.firedAt), marks: 0, mainTip: null, mainline: [], out: [] };
  const base: ScenarioCommit = { at: -BASE_AGE_MINUTES, message: 'Initial commit', files: scenario.base };
  for (const commit of [base, ...[...scenario.commits].sort((a, b) => a.at - b.at)]) {
    if (commit.merges) writeMerge(state, { ...commit, merges: commit.merges });
    else writeMainCommit(state, commit, state.mainTip === null ? [] : [state.mainTip], commit.files);
  }
  return state.out.join('');
}

/** Catches data mistakes that would make a scenario silently meaningless. */
export function checkScenario(scenario: Scenario): void {
  const commits = scenario.commits.flatMap((commit) => [commit, ...(commit.merges?.commits ?? [])]);
  const subjects = commits.map((commit) => commit.message.split('\n')[0]);
  const duplicate = subjects.find((subject, i) => subjects.indexOf(subject) !== i);
  if (duplicate !== undefined) throw new TriageError(`Scenario ${scenario.id} has two commits titled "${duplicate}".`);
  const expected = scenario.expected.suspect;
  if (expected !== null && !subjects.includes(expected)) throw new TriageError(`Scenario ${scenario.id} expects suspect "${expected}", which is not one of its commits.`);
  if (Number.isNaN(Date.parse(scenario.firedAt))) throw new TriageError(`Scenario ${scenario.id} has an invalid firedAt.`);
}

async function buildRepo(scenario: Scenario, repo: string): Promise<void> {
  await mkdir(repo, { recursive: true });
  await git(repo, ['init', '-q', '-b', 'main']);
  await git(repo, ['fast-import', '--quiet', '--done'], `${historyStream(scenario)}done\n`);
  await git(repo, ['reset', '-q', '--hard', 'main']);
}

async function writeLogs(scenario: Scenario, dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const log of scenario.logs) {
    const file = path.join(dir, log.path);
    await mkdir(path.dirname(file), { recursive: true });
    const events = simulateTraffic(log.traffic, scenario.firedAt);
    await writeFile(file, renderLog(events, log.format, { service: scenario.id }));
    files.push(file);
  }
  return files;
}

/** Writes the scenario under `root` (a new temp directory when not given). */
export async function buildScenario(scenario: Scenario, root?: string): Promise<BuiltScenario> {
  checkScenario(scenario);
  const dir = root ?? (await mkdtemp(path.join(tmpdir(), `triage-eval-${scenario.id}-`)));
  const repo = path.join(dir, 'repo');
  const alert = path.join(dir, 'alert.json');
  await mkdir(dir, { recursive: true });
  const [logs] = await Promise.all([writeLogs(scenario, dir), buildRepo(scenario, repo), writeFile(alert, `${JSON.stringify(scenario.alert, null, 2)}\n`)]);
  return { dir, repo, alert, logs };
}

export async function removeScenario(built: BuiltScenario): Promise<void> {
  await rm(built.dir, { recursive: true, force: true });
}
