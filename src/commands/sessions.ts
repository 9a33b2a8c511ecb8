import path from 'node:path';
import { z } from 'zod';
import { listSessions } from '../playbook/session-store.js';
import { createTheme } from '../ui/theme.js';
import { parseOptions } from './options.js';

const SessionsOptionsSchema = z.object({ repo: z.string().min(1), json: z.boolean().default(false), debug: z.boolean().optional() });

/** `triage sessions`: newest first; data on stdout, so it pipes. */
export async function runSessionsCommand(rawOptions: Record<string, unknown>): Promise<number> {
  const options = parseOptions(SessionsOptionsSchema, rawOptions, 'sessions');
  const sessions = await listSessions(path.resolve(options.repo));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(sessions, null, 2)}\n`);
    return 0;
  }
  if (sessions.length === 0) {
    process.stderr.write('No sessions yet. Start one with `triage <alert>` (or try `triage demo`).\n');
    return 0;
  }
  const { c } = createTheme(process.env, Boolean(process.stdout.isTTY));
  for (const s of sessions) {
    const status = s.status === 'completed' ? c.green(s.status) : c.yellow(s.status);
    process.stdout.write(`${s.id}  ${status.padEnd(11)}  ${s.stepsDone}/8  ${s.firedAt.slice(0, 16)}Z  ${s.drill ? '[drill] ' : ''}${s.title}\n`);
  }
  return 0;
}
