import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { lintConfigOf, loadTriageConfig } from '../config/load.js';
import { InputError } from '../errors.js';
import { fixPostmortems, formatLintGithub, formatLintJson, formatLintSarif, formatLintText, LINT_RULES, lintPostmortems, type LintConfig, type LintResult } from '../postmortem/lint/index.js';
import { VERSION } from '../version.js';
import { LINT_FORMATS } from './lint-args.js';

/**
 * `triage lint [FILE]`: exit 0 clean (warnings allowed unless --max-warnings), 1 when any
 * error-level finding, 2 when the file or config cannot be read. Free of zod unless a config file
 * exists, and of every SDK: it runs in CI on each push.
 */

type LintFormat = (typeof LINT_FORMATS)[number];

interface LintOptions {
  format: LintFormat;
  fix: boolean;
  config: string | undefined;
  maxWarnings: number | null;
}

// Commander has split the flags; checked here by hand because zod would cost every CI run its load time.
function lintOptions(raw: Record<string, unknown>): LintOptions {
  const format = raw.format === undefined ? 'text' : String(raw.format);
  if (!(LINT_FORMATS as readonly string[]).includes(format)) throw new InputError(`--format ${format} is not one of ${LINT_FORMATS.join(', ')}`);
  const maxWarnings = raw.maxWarnings === undefined ? null : Number(raw.maxWarnings);
  if (maxWarnings !== null && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new InputError(`--max-warnings ${String(raw.maxWarnings)} is not a whole number of 0 or more`);
  return { format: format as LintFormat, fix: raw.fix === true, config: typeof raw.config === 'string' ? raw.config : undefined, maxWarnings };
}

async function checkReadable(file: string, absolute: string): Promise<void> {
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new InputError(`cannot read ${file}: no such file`, { hint: 'Pass the postmortems file: `triage lint POSTMORTEMS.md`, or create one with `triage init`.' });
  if (!info.isFile()) throw new InputError(`cannot read ${file}: it is not a file`);
}

function decode(bytes: Buffer, file: string): string {
  if (bytes.includes(0)) throw new InputError(`${file} is binary, not markdown`);
  return bytes.toString('utf8');
}

async function lintOnce(file: string, absolute: string, config: LintConfig): Promise<LintResult> {
  const bytes = await readFile(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  return lintPostmortems(decode(bytes, file), { file, config });
}

/** --fix: under the append lock, so a triage run appending at the same moment is never lost. */
async function lintAndFix(file: string, absolute: string, config: LintConfig): Promise<{ result: LintResult; fixed: number }> {
  // The writer pulls in zod (it validates entries); only --fix needs it.
  const { rewritePostmortems } = await import('../postmortem/append.js');
  let outcome: ReturnType<typeof fixPostmortems> | null = null;
  await rewritePostmortems(absolute, (text) => {
    outcome = fixPostmortems(decode(Buffer.from(text, 'utf8'), file), { file, config });
    return outcome.fixed > 0 ? outcome.output : null;
  });
  const done = outcome as ReturnType<typeof fixPostmortems> | null;
  if (!done) throw new InputError(`cannot read ${file}`);
  return { result: done.result, fixed: done.fixed };
}

function render(format: LintFormat, result: LintResult): string {
  if (format === 'json') return formatLintJson([result]);
  if (format === 'github') return formatLintGithub([result]);
  if (format === 'sarif') return formatLintSarif([result], { version: VERSION, rules: LINT_RULES });
  return formatLintText([result]);
}

function summary(file: string, result: LintResult, fixed: number): string {
  const fixedText = fixed > 0 ? `fixed ${fixed} ${fixed === 1 ? 'problem' : 'problems'}; ` : '';
  if (result.findings.length === 0) return `${file}: ${fixedText}${result.entryCount} entries, no problems`;
  const fixable = result.findings.filter((finding) => finding.fixable).length;
  const hint = fixable > 0 ? ` (${fixable} fixable with --fix)` : '';
  return `${file}: ${fixedText}${result.errorCount} errors, ${result.warningCount} warnings in ${result.entryCount} entries${hint}`;
}

export async function runLintCommand(fileArg: string | undefined, rawOptions: Record<string, unknown>): Promise<number> {
  const options = lintOptions(rawOptions);
  const explicit = options.config ? { explicit: options.config } : {};
  // The config sits beside the file (or above it); without a file named, the one here says which file.
  const here = fileArg === undefined ? await loadTriageConfig(process.cwd(), explicit) : null;
  const file = fileArg ?? here?.config.postmortems ?? 'POSTMORTEMS.md';
  const absolute = path.resolve(file);
  await checkReadable(file, absolute);
  const { config } = here ?? (await loadTriageConfig(path.dirname(absolute), explicit));
  const lintConfig = lintConfigOf(config);
  const { result, fixed } = options.fix ? await lintAndFix(file, absolute, lintConfig) : { result: await lintOnce(file, absolute, lintConfig), fixed: 0 };
  const text = render(options.format, result);
  if (text) process.stdout.write(text);
  if (options.format === 'text' || fixed > 0) process.stderr.write(`${summary(file, result, fixed)}\n`);
  const tooManyWarnings = options.maxWarnings !== null && result.warningCount > options.maxWarnings;
  if (tooManyWarnings) process.stderr.write(`${file}: ${result.warningCount} warnings is more than --max-warnings ${options.maxWarnings}\n`);
  return result.errorCount > 0 || tooManyWarnings ? 1 : 0;
}
