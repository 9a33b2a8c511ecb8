import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { readRunAlert } from './alert-from-input.js';
import { parseOptions, RunOptionsSchema } from './options.js';
import { startSession } from './start-session.js';
import { walkAndReport } from './walk.js';

async function readStdin(): Promise<Buffer> {
  if (process.stdin.isTTY) throw new InputError('no alert on stdin (it is a terminal)', { hint: 'Pipe the payload in: `cat alert.json | triage -`.' });
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function resolveRepo(repo: string): Promise<string> {
  const resolved = path.resolve(repo);
  const info = await stat(resolved).catch(() => null);
  if (!info?.isDirectory()) throw new InputError(`--repo ${repo} is not a directory`);
  return resolved;
}

/** `triage <alert>`: read and normalize the alert, collect evidence, walk the playbook. */
export async function runRunCommand(alertArg: string | undefined, rawOptions: Record<string, unknown>): Promise<number> {
  const options = parseOptions(RunOptionsSchema, rawOptions, 'run');
  if (!alertArg) {
    throw new InputError('no alert given', { hint: 'Usage: triage <alert.json | - | Sentry issue URL/ID>. Try `triage demo` for an example.' });
  }
  if (options.logs.includes('-') && alertArg === '-') throw new InputError('stdin cannot carry both the alert and --logs -');
  const repo = await resolveRepo(options.repo);
  const { alert, sentry } = await readRunAlert(alertArg, options, {
    cwd: process.cwd(),
    readStdin,
    env: process.env,
    now: () => new Date(),
    notify: (text) => process.stderr.write(`${text}\n`),
  });
  const state = await startSession(alert, { ...options, repo }, { now: () => new Date(), ...(options.logs.includes('-') ? { stdin: process.stdin } : {}), ...(sentry ? { sentry } : {}) });
  return walkAndReport(state, options);
}
