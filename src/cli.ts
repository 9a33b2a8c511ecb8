#!/usr/bin/env node
import { createRequire } from 'node:module';
import { LINT_FORMATS, plainLintInvocation } from './commands/lint-args.js';
import { ExitCode, TriageError } from './errors.js';
import { VERSION } from './version.js';

type Commander = typeof import('commander');
type Command = import('commander').Command;
let loadedCommander: Commander | undefined;

// commander is CommonJS: required directly it loads about 10 ms sooner than through its ESM
// wrapper, which makes Node parse it a second time for its export names. Loaded on first use,
// so a plain `triage lint` (see commands/lint-args.ts) never loads it.
function commander(): Commander {
  loadedCommander ??= createRequire(import.meta.url)('commander') as Commander;
  return loadedCommander;
}

/** Only commander throws these, so without commander loaded nothing is one. */
const isCommanderError = (error: unknown): error is import('commander').CommanderError =>
  loadedCommander !== undefined && error instanceof loadedCommander.CommanderError;

/**
 * The commander program and the only place that exits the process. Each action imports its
 * command module lazily, so `--help` and `lint` never load the Anthropic SDK, the Sentry SDK,
 * zod-heavy collectors or prompt libraries.
 */

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function addRunOptions(cmd: Command): Command {
  const { Option } = commander();
  cmd
    .option('--repo <dir>', 'the application repository to read (git, POSTMORTEMS.md, .triage/)', process.cwd())
    .option('--logs <file>', 'log file to digest; repeatable; - for stdin; .gz is read transparently', collect, [])
    .addOption(
      new Option('--format <format>', 'force the alert format instead of auto-detecting').choices([
        'sentry-event-alert', 'sentry-issue', 'sentry-metric-alert', 'sentry-error',
        'sentry-legacy', 'sentry-api', 'alertmanager', 'generic',
      ]),
    )
    .option('--since <duration>', 'how far before the alert to look for changes', '24h')
    .option('--window <duration>', 'how much log before the alert to analyse', '2h')
    .option('--playbook <id>', 'use this playbook instead of the one matched to the alert')
    .option('--postmortems <file>', 'where to append the postmortem (default <repo>/POSTMORTEMS.md)')
    .option('--org <slug>', 'Sentry organization, for short issue IDs (or SENTRY_ORG)')
    .option('--token-file <file>', 'read the Sentry auth token from this file (instead of SENTRY_AUTH_TOKEN)')
    .option('--signature <hex>', "check the webhook body against its Sentry-Hook-Signature (secret in SENTRY_CLIENT_SECRET)")
    .option('--no-input', 'never prompt; walk every step and write the postmortem')
    .option('--json', 'print the incident report as JSON on stdout')
    .option('--dry-run', 'write nothing: no session files, no postmortem; run no command, send no update (print them)')
    .option('--no-llm', 'make no model calls (the offline helper reasons alone)')
    .option('--offline', 'no network at all (implies --no-llm)');
  return addActOptions(addClaudeOptions(cmd));
}

/** Acting: unattended commands, the stabilize watch, the status-update cadence. For `triage <alert>` and `resume`. */
function addActOptions(cmd: Command): Command {
  return cmd
    .option('--allow-run <kinds>', 'with --no-input, run catalog commands of these kinds (comma-separated: rollback, restore-setting, pin-dependency, feature-flag, restart, scale, throttle, failover, check)', collect)
    .option('--health-url <url>', 'health URL to poll at the stabilize step; repeatable', collect)
    .option('--poll <duration>', 'how often the stabilize watch polls (default 10s)')
    .option('--watch <duration>', 'watch for recovery up to this long, following the --logs files (default 30m with --health-url)')
    .option('--hold <duration>', 'how long errors and latency must stay within the pre-onset baseline to count as recovered (default 2m)')
    .option('--update-every <duration>', 'status update cadence while the session is open (default 15m)');
}

/** Claude's knobs, for `triage <alert>` and `resume`. Claude is used when ANTHROPIC_API_KEY is set. */
function addClaudeOptions(cmd: Command): Command {
  return cmd
    .option('--model <id>', 'Claude model (or TRIAGE_MODEL; default claude-sonnet-5-5)')
    .option('--max-tokens-budget <n>', 'cap on tokens for the session; past it the offline helper takes over')
    .option('--llm-timeout <seconds>', 'how long to wait for Claude on one step, retries included (default 60)')
    .option('--show-prompt', 'print exactly what would be sent to Claude, step by step, and send nothing');
}

function buildProgram(): Command {
  const { Command, Option } = commander();
  const program = new Command('triage')
    .description('Incident-response copilot: walk the 8-step playbook from an alert and append a blameless postmortem.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces for unexpected errors')
    .showSuggestionAfterError()
    // Set before the subcommands are added: they copy it, so no commander error exits on its own.
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, 'triage: ')) });

  addRunOptions(
    program
      .command('run', { isDefault: true })
      .description('triage an alert: a webhook payload file, - for stdin, or a Sentry issue URL/ID')
      .argument('[alert]', 'alert file, -, or Sentry issue URL/ID'),
  ).action(async (alert: string | undefined, options: Record<string, unknown>) => {
    const { runRunCommand } = await import('./commands/run.js');
    exitCode = await runRunCommand(alert, options);
  });

  program
    .command('demo')
    .description('build a realistic example incident in a temp dir and walk it offline')
    .option('--dir <dir>', 'build the example here instead of a new temp dir')
    .option('--no-input', 'never prompt')
    .option('--json', 'print the incident report as JSON on stdout')
    .action(async (options: Record<string, unknown>) => {
      const { runDemoCommand } = await import('./commands/demo.js');
      exitCode = await runDemoCommand(options);
    });

  const resume = program
    .command('resume')
    .description('continue a stopped session (default: the newest unfinished one)')
    .argument('[id]', 'session id, as listed by `triage sessions`')
    .option('--repo <dir>', 'the repository the session belongs to', process.cwd())
    .option('--no-input', 'never prompt')
    .option('--json', 'print the incident report as JSON on stdout')
    .option('--dry-run', 'write no postmortem; run no command, send no update (print them)')
    .option('--no-llm', 'make no model calls for the rest of the session');
  addActOptions(addClaudeOptions(resume)).action(async (id: string | undefined, options: Record<string, unknown>) => {
    const { runResumeCommand } = await import('./commands/resume.js');
    exitCode = await runResumeCommand(id, options);
  });

  program
    .command('sessions')
    .description('list saved triage sessions in this repository')
    .option('--repo <dir>', 'the repository', process.cwd())
    .option('--json', 'print the list as JSON on stdout')
    .action(async (options: Record<string, unknown>) => {
      const { runSessionsCommand } = await import('./commands/sessions.js');
      exitCode = await runSessionsCommand(options);
    });

  program
    .command('lint')
    .description('check POSTMORTEMS.md: required fields, dates and times, blame, references (exit 1 on errors)')
    .argument('[file]', 'the postmortems file (default: "postmortems" in the config, else POSTMORTEMS.md)')
    .addOption(new Option('--format <format>', 'output format').choices(LINT_FORMATS).default('text'))
    .option('--fix', 'apply the safe, mechanical fixes (date padding, heading form, severity spelling, entry order)')
    .option('--config <file>', 'use this config instead of the nearest .triagerc.json or package.json "triage" key')
    .option('--max-warnings <n>', 'also exit 1 when there are more than n warnings')
    .action(async (file: string | undefined, options: Record<string, unknown>) => {
      const { runLintCommand } = await import('./commands/lint.js');
      exitCode = await runLintCommand(file, options);
    });

  program
    .command('postmortem')
    .description('draft a blameless postmortem (from a saved session, from scratch, or from JSON) and append it')
    .option('--session <id>', 'prefill from this session: its evidence, timeline and the helper\'s draft')
    .option('--from-json <file>', 'append the entry in this JSON file (- for stdin) without prompts')
    .option('--repo <dir>', 'the repository (sessions, config, POSTMORTEMS.md)', process.cwd())
    .option('--postmortems <file>', 'where to append (default <repo>/POSTMORTEMS.md)')
    .option('--no-input', 'never prompt (with --session: append its draft as it is)')
    .option('--dry-run', 'print the entry, write nothing')
    .option('--json', 'print {path, written, created, entry} as JSON on stdout')
    .action(async (options: Record<string, unknown>) => {
      const { runPostmortemCommand } = await import('./commands/postmortem.js');
      exitCode = await runPostmortemCommand(options);
    });

  program
    .command('init')
    .description('set up a repository: POSTMORTEMS.md, .triagerc.json, a sample playbook, markdownlint config, a CI workflow')
    .option('--repo <dir>', 'the repository to set up', process.cwd())
    .option('--force', 'replace files that exist with other content (never POSTMORTEMS.md)')
    .option('--dry-run', 'show what would be written, write nothing')
    .option('--json', 'print the steps as JSON on stdout')
    .action(async (options: Record<string, unknown>) => {
      const { runInitCommand } = await import('./commands/init.js');
      exitCode = await runInitCommand(options);
    });

  program
    .command('stats')
    .description('what the postmortems say: time to detect/resolve (medians, n), incidents per month, recurrence, action items')
    .argument('[file]', 'the postmortems file (default: "postmortems" in the config, else POSTMORTEMS.md)')
    .option('--json', 'print the numbers as JSON on stdout')
    .option('--config <file>', 'use this config instead of the nearest .triagerc.json or package.json "triage" key')
    .action(async (file: string | undefined, options: Record<string, unknown>) => {
      const { runStatsCommand } = await import('./commands/stats.js');
      exitCode = await runStatsCommand(file, options);
    });

  program
    .command('verify-webhook')
    .description("check a webhook body (stdin, raw bytes) against its Sentry-Hook-Signature: exit 0 valid, 1 invalid")
    .requiredOption('--signature <hex>', 'the Sentry-Hook-Signature header value')
    .option('--secret <secret>', "the integration's client secret (or SENTRY_CLIENT_SECRET)")
    .action(async (options: Record<string, unknown>) => {
      const { runVerifyWebhookCommand } = await import('./commands/verify-webhook.js');
      exitCode = await runVerifyWebhookCommand(options);
    });

  program
    .command('drill')
    .description('fire drill: send a synthetic error to your Sentry project, then walk that incident as practice')
    .option('--dsn <dsn>', "the project's DSN (or SENTRY_DSN)")
    .option('--environment <name>', 'environment of the drill event (or SENTRY_ENVIRONMENT; default production)')
    .option('--release <version>', 'release of the drill event (or SENTRY_RELEASE)')
    .option('--repo <dir>', 'the application repository to practise in', process.cwd())
    .option('--postmortems <file>', 'where to append the drill postmortem (default <repo>/POSTMORTEMS.md)')
    .option('--no-input', 'never prompt')
    .option('--json', 'print the incident report as JSON on stdout')
    .option('--dry-run', 'write no session files and no postmortem (the event is still sent)')
    .option('--offline', 'refused: a drill needs the network')
    .action(async (options: Record<string, unknown>) => {
      const { runDrillCommand } = await import('./commands/drill.js');
      exitCode = await runDrillCommand(options);
    });

  return program;
}

/** Set by the action that ran: commands return their exit code (lint findings → 1), never exit. */
let exitCode: number = ExitCode.ok;

async function main(argv: string[]): Promise<number> {
  try {
    const plainLint = plainLintInvocation(argv.slice(2));
    if (plainLint) {
      const { runLintCommand } = await import('./commands/lint.js');
      return await runLintCommand(plainLint.file, plainLint.options);
    }
    await buildProgram().parseAsync(argv);
    return exitCode;
  } catch (error) {
    const code = reportError(error, argv.includes('--debug'));
    await reportCrash(error, argv);
    return code;
  }
}

/**
 * triage's own crash reports, opt-in with TRIAGE_SENTRY_DSN: only unexpected failures, and the
 * Sentry SDK is imported only then, so every other run pays nothing for it. Awaited, so the
 * report is flushed before the process exits.
 */
async function reportCrash(error: unknown, argv: string[]): Promise<void> {
  if (!process.env.TRIAGE_SENTRY_DSN || isCommanderError(error) || error instanceof TriageError) return;
  const { sendCrashReport } = await import('./sentry/crash-reports.js');
  await sendCrashReport(error, { env: process.env, argv, version: VERSION });
}

function reportError(error: unknown, debug: boolean): number {
  if (isCommanderError(error)) {
    // Commander already printed its message; help and version are successes.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
    if (error.code === 'commander.help') return ExitCode.ok;
    return ExitCode.usage;
  }
  if (error instanceof TriageError) {
    process.stderr.write(`triage: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    if (debug && error.cause instanceof Error) process.stderr.write(`${error.cause.stack ?? ''}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`triage: unexpected failure: ${message}\n`);
  if (debug && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  else process.stderr.write('  Run again with --debug for the stack trace, and please report it.\n');
  return ExitCode.failure;
}

function exitWhenFlushed(code: number): void {
  // Exit explicitly so a stray handle (a keep-alive socket, a timer) can never hang a 3 AM run,
  // but only once stdout has taken everything (the --json report may be large).
  process.stdout.write('', () => process.exit(code));
}

main(process.argv).then(exitWhenFlushed, (error: unknown) => exitWhenFlushed(reportError(error, true)));
