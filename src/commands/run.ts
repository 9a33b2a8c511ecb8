import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseAlert, readAlertInput } from '../alert/index.js';
import { nameAlertOrigin } from '../alert/payload-error.js';
import { InputError } from '../errors.js';
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
  const input = await readAlertInput(alertArg, { cwd: process.cwd(), readStdin });
  if (input.kind === 'sentry-ref') {
    if (options.offline) throw new InputError(`${alertArg} is a Sentry issue, and fetching it needs the network, which --offline forbids`, { hint: 'Save the webhook payload to a file and run triage on that file.' });
    throw new InputError(`${alertArg} is a Sentry issue reference; fetching issues from Sentry's API is not built yet`, {
      hint: 'Save the alert\'s webhook payload (or the event JSON) to a file and run `triage that-file.json`.',
    });
  }
  let alert;
  try {
    alert = parseAlert(input.payload, { receivedAt: new Date(), ...(options.format ? { format: options.format } : {}) });
  } catch (error) {
    throw nameAlertOrigin(error, input.origin);
  }
  const state = await startSession(alert, { ...options, repo }, { now: () => new Date(), ...(options.logs.includes('-') ? { stdin: process.stdin } : {}) });
  return walkAndReport(state, options);
}
