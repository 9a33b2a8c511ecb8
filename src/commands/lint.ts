import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { formatLintGithub, formatLintJson, formatLintText, lintPostmortems } from '../postmortem/lint/index.js';

/**
 * `triage lint [FILE]`: exit 0 clean (warnings allowed), 1 when any error-level finding, 2 when
 * the file cannot be read. Deliberately free of zod and every SDK: it runs in CI on each push.
 */
export async function runLintCommand(file: string, options: Record<string, unknown>): Promise<number> {
  const format = options.format === undefined ? 'text' : String(options.format);
  if (!['text', 'json', 'github'].includes(format)) throw new InputError(`--format ${format} is not one of text, json, github`);
  const absolute = path.resolve(file);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new InputError(`cannot read ${file}: no such file`, { hint: 'Pass the postmortems file: `triage lint POSTMORTEMS.md`.' });
  if (!info.isFile()) throw new InputError(`cannot read ${file}: it is not a file`);
  const bytes = await readFile(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  if (bytes.includes(0)) throw new InputError(`${file} is binary, not markdown`);
  const result = lintPostmortems(bytes.toString('utf8'), { file });
  const formatter = format === 'json' ? formatLintJson : format === 'github' ? formatLintGithub : formatLintText;
  const text = formatter([result]);
  if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (format === 'text') {
    const summary = result.findings.length === 0 ? `${file}: ${result.entryCount} entries, no problems` : `${file}: ${result.errorCount} errors, ${result.warningCount} warnings in ${result.entryCount} entries`;
    process.stderr.write(`${summary}\n`);
  }
  return result.errorCount > 0 ? 1 : 0;
}
