import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { INIT_FILES, planInit, type ExistingState, type InitStep } from '../init/plan.js';
import { MARKDOWNLINT_ALTERNATIVES } from '../init/templates.js';
import { createTheme } from '../ui/theme.js';
import { createFileAtomic, writeFileAtomic } from '../util/atomic-write.js';
import { parseOptions } from './options.js';

const InitOptionsSchema = z.object({
  repo: z.string().min(1),
  force: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  json: z.boolean().default(false),
  debug: z.boolean().optional(),
});

async function readText(file: string): Promise<string | undefined> {
  const info = await stat(file).catch(() => null);
  if (!info) return undefined;
  if (!info.isFile()) throw new InputError(`${file} exists but is not a file; move it aside and run \`triage init\` again`);
  return readFile(file, 'utf8');
}

async function hasTriageKey(repo: string): Promise<boolean> {
  const text = await readText(path.join(repo, 'package.json'));
  try {
    const value = text === undefined ? null : (JSON.parse(text) as unknown);
    return value !== null && typeof value === 'object' && 'triage' in value;
  } catch {
    return false;
  }
}

async function existingState(repo: string): Promise<ExistingState> {
  const files: Record<string, string> = {};
  for (const file of INIT_FILES) {
    const text = await readText(path.join(repo, file));
    if (text !== undefined) files[file] = text;
  }
  let otherMarkdownlintConfig: string | null = null;
  for (const name of MARKDOWNLINT_ALTERNATIVES) {
    if (otherMarkdownlintConfig === null && (await stat(path.join(repo, name)).catch(() => null))) otherMarkdownlintConfig = name;
  }
  return { files, otherMarkdownlintConfig, packageJsonConfig: await hasTriageKey(repo) };
}

/** Performs one step; a file that appeared since the plan was made is kept, never replaced. */
async function perform(repo: string, step: InitStep): Promise<InitStep> {
  const target = path.join(repo, step.path);
  if (step.action === 'create') {
    await mkdir(path.dirname(target), { recursive: true });
    const created = await createFileAtomic(target, step.content);
    return created ? step : { ...step, action: 'keep', note: 'appeared while init ran; kept' };
  }
  if (step.action === 'overwrite' || step.action === 'append') {
    const info = await stat(target);
    const current = step.action === 'append' ? await readFile(target, 'utf8') : '';
    await writeFileAtomic(target, current + step.content, info.mode & 0o7777);
  }
  return step;
}

const VERBS: Record<InitStep['action'], string> = { create: 'created', overwrite: 'replaced', append: 'added to', keep: 'kept', 'up-to-date': 'up to date' };

/** `triage init`: scaffold what a repository needs to keep postmortems with triage. Safe to re-run. */
export async function runInitCommand(rawOptions: Record<string, unknown>): Promise<number> {
  const options = parseOptions(InitOptionsSchema, rawOptions, 'init');
  const repo = path.resolve(options.repo);
  const info = await stat(repo).catch(() => null);
  if (!info?.isDirectory()) throw new InputError(`--repo ${options.repo} is not a directory`);
  const plan = planInit(await existingState(repo), { force: options.force });
  const done: InitStep[] = [];
  for (const step of plan) done.push(options.dryRun ? step : await perform(repo, step));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ repo, dryRun: options.dryRun, steps: done.map(({ path: file, action, note }) => ({ path: file, action, note })) }, null, 2)}\n`);
    return 0;
  }
  const { c, symbols } = createTheme();
  const width = Math.max(...Object.values(VERBS).map((verb) => verb.length));
  for (const step of done) {
    const verb = options.dryRun && (step.action === 'create' || step.action === 'overwrite' || step.action === 'append') ? `would ${step.action}` : VERBS[step.action];
    const mark = step.action === 'keep' ? c.yellow(symbols.warn) : c.green(symbols.ok);
    process.stderr.write(`${mark} ${verb.padEnd(width)}  ${step.path}${step.note ? c.dim(`  (${step.note})`) : ''}\n`);
  }
  const changed = done.some((step) => ['create', 'overwrite', 'append'].includes(step.action));
  if (!options.dryRun) {
    process.stderr.write(changed ? '\nNext: commit these files. `triage postmortem` drafts an entry; `triage lint` checks them.\n' : '\nNothing to do: this repository is already set up.\n');
  }
  return 0;
}
