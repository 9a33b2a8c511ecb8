import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Real, throwaway git repositories with fixed dates, for tests that need history.
 *
 *   const repo = createTempRepo();
 *   const sha = commitFiles(repo, { files: { 'src/a.ts': 'x', 'old.md': null }, message: 'Fix', date: '2024-05-01T10:00:00Z' });
 *   tag(repo, 'v1.0.0', '2024-05-01T11:00:00Z');   // annotated; omit the date for a lightweight tag
 *   removeTempRepos();                              // in afterAll, or repo.cleanup()
 *
 * Git runs isolated from the machine's config (no global/system files, no signing, no hooks),
 * so a developer's settings never change what a test sees.
 */

export interface TempRepo {
  dir: string;
  /** Runs git in the repository and returns trimmed stdout. */
  git(args: string[], env?: Record<string, string>): string;
  cleanup(): void;
}

export interface CommitSpec {
  /** Path -> new content (text or bytes); `null` deletes the file. */
  files: Record<string, string | Uint8Array | null>;
  message: string;
  /** ISO date used for both author and committer date. */
  date: string;
  author?: string;
}

const DEFAULT_AUTHOR = 'Test Author';
const created = new Set<string>();

export function isolatedGitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    GIT_AUTHOR_NAME: DEFAULT_AUTHOR,
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: DEFAULT_AUTHOR,
    GIT_COMMITTER_EMAIL: 'author@example.com',
    ...extra,
  };
}

export function runGitSync(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    cwd: dir,
    env: isolatedGitEnv(env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.add(dir);
  return dir;
}

function wrap(dir: string): TempRepo {
  return {
    dir,
    git: (args, env) => runGitSync(dir, args, env),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      created.delete(dir);
    },
  };
}

export function createTempRepo(options: { branch?: string } = {}): TempRepo {
  const dir = tempDir('triage-git-');
  runGitSync(dir, ['init', '--quiet', `--initial-branch=${options.branch ?? 'main'}`]);
  return wrap(dir);
}

/** Writes and deletes the given files, stages exactly them, commits at `date`; returns the full sha. */
export function commitFiles(repo: TempRepo, spec: CommitSpec): string {
  for (const [path, content] of Object.entries(spec.files)) {
    const full = join(repo.dir, path);
    if (content === null) {
      unlinkSync(full);
    } else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
  runGitSync(repo.dir, ['add', '--all', '--', ...Object.keys(spec.files)]);
  const author = spec.author ?? DEFAULT_AUTHOR;
  const env = { GIT_AUTHOR_DATE: spec.date, GIT_COMMITTER_DATE: spec.date, GIT_AUTHOR_NAME: author, GIT_COMMITTER_NAME: author };
  runGitSync(repo.dir, ['commit', '--quiet', '--allow-empty', '--no-verify', '-m', spec.message], env);
  return runGitSync(repo.dir, ['rev-parse', 'HEAD']);
}

/** Renames a file with `git mv` and commits; content changes go in `files`. */
export function renameFile(repo: TempRepo, from: string, to: string, spec: Omit<CommitSpec, 'files'> & { files?: CommitSpec['files'] }): string {
  mkdirSync(dirname(join(repo.dir, to)), { recursive: true });
  runGitSync(repo.dir, ['mv', from, to]);
  return commitFiles(repo, { ...spec, files: spec.files ?? {} });
}

/** An annotated tag dated `date`, or a lightweight tag when no date is given. */
export function tag(repo: TempRepo, name: string, date?: string, options: { ref?: string; message?: string } = {}): void {
  const ref = options.ref ?? 'HEAD';
  if (date === undefined) {
    runGitSync(repo.dir, ['tag', name, ref]);
    return;
  }
  runGitSync(repo.dir, ['tag', '-a', name, '-m', options.message ?? name, ref], { GIT_COMMITTER_DATE: date });
}

/** `git clone --depth <n> file://...`: a real shallow clone of `source`. */
export function shallowClone(source: TempRepo, depth = 1): TempRepo {
  const dir = tempDir('triage-git-clone-');
  runGitSync(dir, ['clone', '--quiet', '--no-local', `--depth=${depth}`, `file://${source.dir}`, '.']);
  return wrap(dir);
}

/** A directory that is not inside any git repository. */
export function createTempDir(): string {
  return tempDir('triage-nogit-');
}

export function removeTempRepos(): void {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
  created.clear();
}
