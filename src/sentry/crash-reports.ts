import { packageRoot } from '../util/package-root.js';
import { scrubCrashEvent } from './crash-scrub.js';
import { sendWithSentrySdk } from './sdk-client.js';

/**
 * triage's own crash reports: opt-in with TRIAGE_SENTRY_DSN, off whenever DO_NOT_TRACK is set
 * or the run is --offline, scrubbed to the bone (crash-scrub.ts), and sent before the process
 * exits. Only unexpected failures are reported; a bad alert or a missing token is not a crash.
 */

const COMMANDS = new Set(['run', 'demo', 'resume', 'sessions', 'lint', 'drill', 'verify-webhook', 'postmortem', 'init', 'stats']);
const FLUSH_TIMEOUT_MS = 2000;

export function crashReportsEnabled(env: NodeJS.ProcessEnv, argv: string[]): boolean {
  const dsn = env.TRIAGE_SENTRY_DSN?.trim();
  if (!dsn) return false;
  // https://consoledonottrack.com: any value but an explicit "0"/"false" means no.
  const dnt = env.DO_NOT_TRACK?.trim().toLowerCase();
  if (dnt !== undefined && dnt !== '' && dnt !== '0' && dnt !== 'false') return false;
  return !argv.includes('--offline');
}

/** The first argument if it names a command; arguments themselves are never reported. */
export function commandOf(argv: string[]): string | null {
  const first = argv.slice(2).find((arg) => !arg.startsWith('-'));
  if (first === undefined) return null;
  return COMMANDS.has(first) ? first : 'run';
}

/** True when the report was delivered. Never throws: a failing crash report must not hide the crash. */
export async function sendCrashReport(error: unknown, context: { env: NodeJS.ProcessEnv; argv: string[]; version: string }): Promise<boolean> {
  if (!crashReportsEnabled(context.env, context.argv)) return false;
  try {
    const scrub = { packageRoot: packageRoot(), version: context.version, command: commandOf(context.argv), env: context.env };
    const delivery = await sendWithSentrySdk({
      dsn: context.env.TRIAGE_SENTRY_DSN?.trim() ?? '',
      error: error instanceof Error ? error : new Error(typeof error),
      beforeSend: (event) => scrubCrashEvent(event, scrub),
      timeoutMs: FLUSH_TIMEOUT_MS,
    });
    return delivery.flushed && delivery.status !== null && delivery.status < 300;
  } catch {
    return false;
  }
}
