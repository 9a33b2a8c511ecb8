import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { parseSentryDsn } from '../sentry/dsn.js';
import { createTheme } from '../ui/theme.js';
import { parseOptions, RunOptionsSchema } from './options.js';
import { startSession } from './start-session.js';
import { walkAndReport } from './walk.js';

const DrillOptionsSchema = z.object({
  dsn: z.string().min(1).optional(),
  repo: z.string().min(1),
  environment: z.string().min(1).optional(),
  release: z.string().min(1).optional(),
  postmortems: z.string().optional(),
  input: z.boolean().default(true),
  json: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  offline: z.boolean().default(false),
  debug: z.boolean().optional(),
});

export interface DrillDeps {
  env: NodeJS.ProcessEnv;
  now: () => Date;
  write: (text: string) => void;
  timeoutMs?: number;
}

/**
 * `triage drill --dsn DSN`: send a synthetic error to the person's Sentry project through
 * @sentry/node, so they see their alert rules fire end to end, then walk that incident as
 * practice. The session and any postmortem are marked as a drill.
 */
export async function runDrillCommand(rawOptions: Record<string, unknown>, deps: DrillDeps = defaultDeps()): Promise<number> {
  const options = parseOptions(DrillOptionsSchema, rawOptions, 'drill');
  if (options.offline) {
    throw new InputError('a fire drill sends an event to Sentry, which needs the network, and --offline forbids it', { hint: 'Drop --offline; to practise offline, run `triage demo`.' });
  }
  const dsnText = options.dsn ?? deps.env.SENTRY_DSN;
  if (!dsnText) throw new InputError('no DSN: pass --dsn DSN or set SENTRY_DSN', { hint: 'Use the DSN of the project whose alert rules you want to test (Project Settings → Client Keys).' });
  const dsn = parseSentryDsn(dsnText, options.dsn ? '--dsn' : 'SENTRY_DSN');
  const repo = path.resolve(options.repo);
  if (!(await stat(repo).catch(() => null))?.isDirectory()) throw new InputError(`--repo ${options.repo} is not a directory`);
  const drillId = randomBytes(4).toString('hex');
  const environment = options.environment ?? deps.env.SENTRY_ENVIRONMENT ?? 'production';
  const { c, symbols } = createTheme();
  deps.write(`${c.bold('triage drill')} ${drillId}: sending a synthetic error to Sentry project ${dsn.projectId} at ${dsn.host} (environment ${environment}) …\n`);
  const { sendDrillEvent, drillAlert } = await import('../sentry/drill.js');
  const sent = await sendDrillEvent({ dsn, drillId, environment, release: options.release ?? deps.env.SENTRY_RELEASE ?? null, timeoutMs: deps.timeoutMs ?? 10_000 });
  deps.write(
    `${c.green(symbols.ok)} Sentry accepted event ${sent.eventId}. Your alert rules for this project should notify you now: check that the page, mail or chat message arrives.\n` +
      `  Then resolve the issue "TriageDrillError" in Sentry. Walking the same incident as practice; it is marked as a drill.\n`,
  );
  const alert = drillAlert(sent, dsn, deps.now());
  const runOptions = RunOptionsSchema.parse({ repo, input: options.input, json: options.json, dryRun: options.dryRun, ...(options.postmortems ? { postmortems: options.postmortems } : {}) });
  const state = await startSession(alert, { ...runOptions, repo }, { now: deps.now, drill: true });
  return walkAndReport(state, runOptions);
}

function defaultDeps(): DrillDeps {
  return { env: process.env, now: () => new Date(), write: (text) => process.stderr.write(text) };
}
