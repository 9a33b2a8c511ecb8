import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GitCommandError, runGit } from './run-git.js';

/** Is this a git checkout, where is its top, is it shallow, what is HEAD. Never throws. */

export interface RepositoryProbe {
  isRepo: boolean;
  /** Work-tree top: every later command runs here so all paths are repository-relative. */
  root: string;
  shallow: boolean;
  /** Commits whose parents a shallow clone lacks: their diffs would list every file as added. */
  shallowBoundaries: Set<string>;
  head: string | null;
  notes: string[];
}

export async function probeRepository(dir: string): Promise<RepositoryProbe> {
  const absent: RepositoryProbe = { isRepo: false, root: dir, shallow: false, shallowBoundaries: new Set(), head: null, notes: [] };
  if (!(await isDirectory(dir))) return { ...absent, notes: [`${dir} is not a directory, so no git history was read.`] };
  let lines: string[];
  try {
    lines = await revParseLines(dir);
  } catch (error) {
    return { ...absent, notes: [notARepoNote(dir, error)] };
  }
  const shallow = lines[1] === 'true';
  const root = lines[0] === 'true' ? resolve(dir, lines[3] ?? '') : dir;
  const notes: string[] = lines[0] === 'true' ? [] : [`${dir} is a bare repository: tracked files are not listed.`];
  const shallowBoundaries = shallow ? await readShallowFile(resolve(dir, lines[2] ?? '.git/shallow')) : new Set<string>();
  if (shallow) notes.push('The repository is a shallow clone: commits older than its boundary are missing, and changes in boundary commits are unknown.');
  const head = lines.slice(4).find((line) => /^[0-9a-f]{40,64}$/.test(line)) ?? null;
  if (!head) notes.push('The repository has no commits yet.');
  return { isRepo: true, root, shallow, shallowBoundaries, head, notes };
}

/** One spawn answers everything, HEAD included; only a repository without commits needs a second. */
async function revParseLines(dir: string): Promise<string[]> {
  const args = ['rev-parse', '--is-inside-work-tree', '--is-shallow-repository', '--git-path', 'shallow', '--show-cdup'];
  try {
    return (await runGit(dir, [...args, 'HEAD^{commit}'])).split('\n');
  } catch (error) {
    if (!(error instanceof GitCommandError) || !/unknown revision|ambiguous argument/i.test(error.stderr)) throw error;
    return (await runGit(dir, args)).split('\n');
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

function notARepoNote(dir: string, error: unknown): string {
  if (error instanceof GitCommandError && /not a git repository/i.test(error.stderr)) {
    return `${dir} is not a git repository, so no commits were read.`;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return /ENOENT/.test(reason) ? 'git is not installed, so no commits were read.' : `git could not read ${dir}: ${reason}`;
}

async function readShallowFile(path: string): Promise<Set<string>> {
  try {
    return new Set((await readFile(path, 'utf8')).split('\n').filter((line) => /^[0-9a-f]{40,64}$/.test(line)));
  } catch {
    return new Set();
  }
}
