import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { lintConfigOf, loadTriageConfig } from '../config/load.js';
import { InputError, InterruptedError } from '../errors.js';
import { saveSession, loadSession } from '../playbook/session-store.js';
import type { SessionState } from '../playbook/session.js';
import { appendPostmortem } from '../postmortem/append.js';
import { entryFromJson } from '../postmortem/from-json.js';
import { DEFAULT_SEVERITIES } from '../postmortem/lint/types.js';
import type { PostmortemEntry } from '../postmortem/model.js';
import { parsePostmortems } from '../postmortem/parse.js';
import { previewEntry } from '../postmortem/preview.js';
import { resolveReference } from '../postmortem/recurrence.js';
import { draftFromSession } from '../postmortem/session-draft.js';
import { editorAvailable } from '../ui/editor.js';
import { shouldPrompt } from '../ui/interaction.js';
import { createTheme } from '../ui/theme.js';
import { gitUserHandle } from '../util/git-user.js';
import { parseJsonBytes, readJsonFile } from '../util/json-file.js';
import { parseOptions } from './options.js';

const PostmortemOptionsSchema = z
  .object({
    session: z.string().min(1).optional(),
    fromJson: z.string().min(1).optional(),
    repo: z.string().min(1),
    postmortems: z.string().min(1).optional(),
    input: z.boolean().default(true),
    dryRun: z.boolean().default(false),
    json: z.boolean().default(false),
    debug: z.boolean().optional(),
  })
  .refine((options) => !(options.session && options.fromJson), { message: 'use --session or --from-json, not both', path: ['session'] });
type PostmortemOptions = z.infer<typeof PostmortemOptionsSchema>;

interface Target {
  repo: string;
  file: string;
  display: string;
  existing: string | null;
  lint: ReturnType<typeof lintConfigOf>;
  severities: readonly string[];
}

async function resolveTarget(options: PostmortemOptions): Promise<Target> {
  const repo = path.resolve(options.repo);
  const { config } = await loadTriageConfig(repo);
  const file = path.resolve(repo, options.postmortems ?? config.postmortems ?? 'POSTMORTEMS.md');
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new InputError(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  const display = path.relative(process.cwd(), file) || file;
  return { repo, file, display, existing, lint: lintConfigOf(config), severities: config.severities ?? DEFAULT_SEVERITIES };
}

async function readStdinBytes(): Promise<Buffer> {
  if (process.stdin.isTTY) throw new InputError('no entry on stdin (it is a terminal)', { hint: 'Pipe the JSON in: `cat entry.json | triage postmortem --from-json -`.' });
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function entryFromFile(source: string, target: Target): Promise<PostmortemEntry> {
  const { text, value } = source === '-' ? parseJsonBytes(await readStdinBytes(), 'stdin') : await readJsonFile(path.resolve(source), source);
  const entry = entryFromJson(value, { origin: source === '-' ? 'stdin' : source, text });
  if (entry.recurrenceOf) {
    const entries = target.existing === null ? [] : parsePostmortems(target.existing).entries;
    if (resolveReference(entry.recurrenceOf, entries).length === 0) {
      throw new InputError(`recurrenceOf "${entry.recurrenceOf}" names no entry in ${target.display}`, { hint: 'Use the date (YYYY-MM-DD) or the title of an earlier entry.' });
    }
  }
  return entry;
}

/** What the wizard starts from without a session: empty answers, today's date. */
function blankEntry(today: string): PostmortemEntry {
  return {
    title: '', date: today, rootCause: '', fix: '', lesson: '', severity: null, category: null, status: null, impact: null, trigger: null, detection: null,
    startedAt: null, detectedAt: null, acknowledgedAt: null, mitigatedAt: null, resolvedAt: null, duration: null, alert: null, session: null, tags: [],
    recurrenceOf: null, timeline: [], actionItems: [], whatWentWell: null, whatWentWrong: null, whereWeGotLucky: null,
  };
}

/** Without a person to fix it, an entry `triage lint` would fail is refused, with every reason. */
function refuseLintErrors(entry: PostmortemEntry, target: Target): void {
  const errors = previewEntry(target.existing, entry, { file: target.display, config: target.lint }).findings.filter((finding) => finding.severity === 'error');
  if (errors.length === 0) return;
  const reasons = errors.map((finding) => `${finding.ruleId}/${finding.ruleName} ${finding.message}`);
  throw new InputError(`the entry would fail \`triage lint\`:\n  ${reasons.join('\n  ')}`, { hint: 'Correct the entry and run the command again.' });
}

async function askPerson(initial: PostmortemEntry, target: Target, owner: string | null, from: string): Promise<PostmortemEntry | null> {
  const { draftInteractively } = await import('../ui/postmortem-wizard.js');
  const editor = editorAvailable(process.env);
  process.stderr.write(`A blameless postmortem for ${target.display}, ${from}: describe what the system allowed, not who slipped.\n`);
  if (!editor) process.stderr.write('(Set $EDITOR to write the long answers in your editor.)\n');
  const earlier = (target.existing === null ? [] : parsePostmortems(target.existing).entries)
    .flatMap(({ entry }) => (entry.date && entry.title ? [{ date: entry.date, title: entry.title }] : []))
    .reverse();
  try {
    return await draftInteractively(initial, {
      editor,
      severities: target.severities,
      earlier,
      owner,
      target: target.display,
      say: (text) => process.stderr.write(text),
      preview: (entry) => previewEntry(target.existing, entry, { file: target.display, config: target.lint }),
    });
  } catch (error) {
    if (error instanceof InterruptedError) throw new InterruptedError('Interrupted; nothing was appended.');
    throw error;
  }
}

async function markSessionWritten(state: SessionState, file: string): Promise<void> {
  state.postmortem = { path: file, written: true };
  state.timeline.push({ at: new Date().toISOString(), kind: 'postmortem', text: `Postmortem appended to ${file}.` });
  await saveSession(state);
}

async function loadUnwrittenSession(target: Target, id: string | undefined): Promise<SessionState | null> {
  if (!id) return null;
  const session = await loadSession(target.repo, id);
  if (session.postmortem.written) {
    throw new InputError(`session ${session.id}'s postmortem was already appended to ${session.postmortem.path}`, { hint: 'Edit that entry in the file; `triage lint` checks it.' });
  }
  // The session may have been moved with its repository: save it where it was found.
  session.options.repo = target.repo;
  return session;
}

function printOutcome(entry: PostmortemEntry, result: { path: string; written: boolean; created: boolean }, options: PostmortemOptions, target: Target): void {
  const { c, symbols } = createTheme();
  if (options.json) process.stdout.write(`${JSON.stringify({ path: result.path, written: result.written, created: result.created, entry }, null, 2)}\n`);
  else if (options.dryRun) process.stdout.write(previewEntry(target.existing, entry, { file: target.display }).markdown);
  const verb = result.written ? `Appended "${entry.title}" to ${target.display}` : `Dry run: "${entry.title}" was not written to ${target.display}`;
  process.stderr.write(`${c.green(symbols.ok)} ${verb}${result.written ? '; `triage lint` checks it, `triage stats` sums them up.' : '.'}\n`);
}

/** `triage postmortem`: draft a blameless postmortem (from a session, from scratch, or from JSON) and append it. */
export async function runPostmortemCommand(rawOptions: Record<string, unknown>): Promise<number> {
  const options = parseOptions(PostmortemOptionsSchema, rawOptions, 'postmortem');
  const target = await resolveTarget(options);
  const interactive = !options.fromJson && shouldPrompt(options, process.env, process.stdin, process.stderr);
  const session = await loadUnwrittenSession(target, options.session);
  if (!options.fromJson && !session && !interactive) {
    throw new InputError('nothing to draft from without a terminal', { hint: 'Pass --from-json FILE (or -), or --session ID to append that session\'s draft.' });
  }
  const owner = await gitUserHandle(target.repo);
  const initial = options.fromJson ? await entryFromFile(options.fromJson, target) : session ? draftFromSession(session, owner) : blankEntry(new Date().toISOString().slice(0, 10));
  const entry = interactive ? await askPerson(initial, target, owner, session ? `prefilled from session ${session.id}` : 'from scratch') : initial;
  if (entry === null) {
    process.stderr.write('Cancelled; nothing was written.\n');
    return 0;
  }
  if (!interactive) refuseLintErrors(entry, target);
  const result = await appendPostmortem(target.file, entry, { dryRun: options.dryRun });
  if (result.written && session) await markSessionWritten(session, result.path);
  printOutcome(entry, result, options, target);
  return 0;
}
