import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { loadTriageConfig } from '../config/load.js';
import { InputError } from '../errors.js';
import { DEFAULT_SEVERITIES } from '../postmortem/lint/types.js';
import { parsePostmortems } from '../postmortem/parse.js';
import { computeStats } from '../postmortem/stats.js';
import { renderStats } from '../postmortem/stats-render.js';
import { createTheme } from '../ui/theme.js';
import { parseOptions } from './options.js';

const StatsOptionsSchema = z.object({
  json: z.boolean().default(false),
  config: z.string().min(1).optional(),
  debug: z.boolean().optional(),
});

async function readPostmortems(file: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new InputError(`cannot read ${file}: no such file`, { hint: 'Pass the postmortems file, or create one with `triage init`.' });
  if (!info.isFile()) throw new InputError(`cannot read ${file}: it is not a file`);
  const bytes = await readFile(file);
  if (bytes.includes(0)) throw new InputError(`${file} is binary, not markdown`);
  return bytes.toString('utf8');
}

/** `triage stats [FILE]`: the report on stdout (it is the command's output), JSON with --json. */
export async function runStatsCommand(fileArg: string | undefined, rawOptions: Record<string, unknown>, deps: { now?: () => Date } = {}): Promise<number> {
  const options = parseOptions(StatsOptionsSchema, rawOptions, 'stats');
  const { config } = await loadTriageConfig(process.cwd(), options.config ? { explicit: options.config } : {});
  const file = fileArg ?? config.postmortems ?? 'POSTMORTEMS.md';
  const markdown = await readPostmortems(path.resolve(file));
  const today = (deps.now ?? (() => new Date()))().toISOString().slice(0, 10);
  const stats = computeStats(parsePostmortems(markdown).entries, { severities: config.severities ?? DEFAULT_SEVERITIES, today });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ file, ...stats }, null, 2)}\n`);
    return 0;
  }
  const { symbols } = createTheme(process.env, Boolean(process.stdout.isTTY));
  process.stdout.write(renderStats(stats, { file, bar: symbols.bar }));
  return 0;
}
