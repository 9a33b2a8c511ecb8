#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, TriageError } from './errors.js';
import { VERSION } from './version.js';

/**
 * The commander program and the only place that exits the process. Each action imports its
 * command module lazily, so `--help` and `lint` never load the Anthropic SDK, the Sentry SDK,
 * zod-heavy collectors or prompt libraries.
 */

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function addRunOptions(cmd: Command): Command {
  return cmd
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
    .option('--no-input', 'never prompt; walk every step and write the postmortem')
    .option('--json', 'print the incident report as JSON on stdout')
    .option('--dry-run', 'write nothing: no session files, no postmortem')
    .option('--no-llm', 'make no model calls (the offline helper reasons alone)')
    .option('--offline', 'no network at all (implies --no-llm)');
}

function buildProgram(): Command {
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

  program
    .command('resume')
    .description('continue a stopped session (default: the newest unfinished one)')
    .argument('[id]', 'session id, as listed by `triage sessions`')
    .option('--repo <dir>', 'the repository the session belongs to', process.cwd())
    .option('--no-input', 'never prompt')
    .option('--json', 'print the incident report as JSON on stdout')
    .option('--dry-run', 'write no postmortem')
    .action(async (id: string | undefined, options: Record<string, unknown>) => {
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
    .description('check POSTMORTEMS.md: required fields, dates, rule IDs (exit 1 on findings)')
    .argument('[file]', 'the postmortems file', 'POSTMORTEMS.md')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .action(async (file: string, options: Record<string, unknown>) => {
      const { runLintCommand } = await import('./commands/lint.js');
      exitCode = await runLintCommand(file, options);
    });

  return program;
}

/** Set by the action that ran: commands return their exit code (lint findings → 1), never exit. */
let exitCode: number = ExitCode.ok;

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return reportError(error, argv.includes('--debug'));
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
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
