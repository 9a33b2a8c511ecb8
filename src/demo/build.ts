import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../errors.js';
import { PostmortemEntrySchema } from '../postmortem/model.js';
import { renderPostmortems } from '../postmortem/render.js';
import { demoSentryAlert } from './alert.js';
import { generateDemoLogs } from './logs.js';
import { DEMO_COMMITS, DEMO_PAST_INCIDENT } from './scenario.js';

const run = promisify(execFile);

export interface DemoFiles {
  dir: string;
  alert: string;
  logs: string;
}

async function git(dir: string, args: string[], date?: string, author?: { name: string; email: string }): Promise<void> {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    ...(author ? { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email } : {}),
  };
  await run('git', args, { cwd: dir, env });
}

/** Build the example incident: a git repo with dated history and tags, logs, a Sentry alert. */
export async function buildDemo(target?: string): Promise<DemoFiles> {
  const dir = target ? path.resolve(target) : await mkdtemp(path.join(tmpdir(), 'triage-demo-'));
  await mkdir(dir, { recursive: true });
  // The demo makes its own git history; building it into someone's files would mix the two.
  if ((await readdir(dir)).length > 0) {
    throw new InputError(`${dir} is not empty: the demo builds its example repository in an empty or new directory.`, { hint: 'Pass a new path with --dir, or omit --dir to use a temp dir.' });
  }
  await git(dir, ['init', '-q', '-b', 'main']);
  await git(dir, ['config', 'user.name', 'Demo Developer']);
  await git(dir, ['config', 'user.email', 'dev@shop.example']);
  await writeFile(path.join(dir, '.gitignore'), 'node_modules/\ndist/\n.triage/\nlogs/\nalerts/\n');
  const postmortems = renderPostmortems([PostmortemEntrySchema.parse(DEMO_PAST_INCIDENT)]);
  for (const [i, commit] of DEMO_COMMITS.entries()) {
    const files = i === 0 ? { ...commit.files, 'POSTMORTEMS.md': postmortems } : commit.files;
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
    await git(dir, ['add', '-A'], commit.date, commit.author);
    await git(dir, ['commit', '-q', '-m', commit.message], commit.date, commit.author);
    if (commit.tag) await git(dir, ['tag', '-a', commit.tag, '-m', `Release ${commit.tag}`], commit.date, commit.author);
  }
  const files = { dir, alert: path.join(dir, 'alerts', 'sentry-event-alert.json'), logs: path.join(dir, 'logs', 'app.log') };
  await mkdir(path.dirname(files.alert), { recursive: true });
  await mkdir(path.dirname(files.logs), { recursive: true });
  await writeFile(files.alert, `${JSON.stringify(demoSentryAlert(), null, 2)}\n`);
  await writeFile(files.logs, generateDemoLogs());
  return files;
}
