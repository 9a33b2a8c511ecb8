import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { collectGitChanges } from '../../src/evidence/git/index.js';
import type { GitChanges } from '../../src/evidence/types.js';
import { commitFiles, createTempDir, createTempRepo, removeTempRepos, renameFile, shallowClone, tag, type TempRepo } from '../helpers/git-repo.js';

const FIRED_AT = '2024-05-10T12:00:00.000Z';
const hoursBefore = (hours: number) => new Date(Date.parse(FIRED_AT) - hours * 3_600_000).toISOString();
const window = { since: hoursBefore(24), until: FIRED_AT };

afterAll(() => removeTempRepos());

function commitBySubject(changes: GitChanges, subject: string) {
  const commit = changes.commits.find((candidate) => candidate.subject === subject);
  if (!commit) throw new Error(`no commit "${subject}" in ${changes.commits.map((c) => c.subject).join(', ')}`);
  return commit;
}

describe('collectGitChanges on a history around the window', () => {
  let repo: TempRepo;
  let changes: GitChanges;
  let releaseSha: string;

  beforeAll(async () => {
    repo = createTempRepo();
    commitFiles(repo, { files: { 'src/a.ts': 'one\n', 'logo.png': new Uint8Array([0, 1, 2, 255]) }, message: 'Before the window', date: hoursBefore(24.1) });
    tag(repo, 'v1.0.0');
    commitFiles(repo, { files: { 'src/a.ts': 'one\ntwo\nthree\nfour\n' }, message: 'At the window start', date: window.since });
    commitFiles(repo, { files: { 'src/a.ts': 'one\nTWO\nthree\nfour\nfive\n', 'logo.png': new Uint8Array([0, 1, 2, 3, 254]) }, message: 'Edit and binary', date: hoursBefore(5) });
    renameFile(repo, 'src/a.ts', 'src/lib/a.ts', { message: 'Move a', date: hoursBefore(4) });
    releaseSha = commitFiles(repo, { files: { 'README.md': '# shop\n' }, message: 'Docs', date: hoursBefore(2), author: 'Grace Hopper' });
    tag(repo, 'myapp@1.1.0', hoursBefore(1.9));
    commitFiles(repo, { files: { 'src/late.ts': 'x\n' }, message: 'After the alert', date: '2024-05-10T12:00:01Z' });
    changes = await collectGitChanges({ repo: repo.dir, ...window, release: `myapp@1.1.0+${releaseSha.slice(0, 7)}` });
  });

  it('reads only commits inside the window, newest first, both ends included', () => {
    expect(changes.isRepo).toBe(true);
    expect(changes.commits.map((commit) => commit.subject)).toEqual(['Docs', 'Move a', 'Edit and binary', 'At the window start']);
    expect(changes.window).toEqual(window);
  });

  it('reports additions and deletions per file, binary files as 0/0', () => {
    const edit = commitBySubject(changes, 'Edit and binary');
    expect(edit.files).toEqual([
      { path: 'logo.png', additions: 0, deletions: 0, status: 'M', kind: 'other' },
      { path: 'src/a.ts', additions: 2, deletions: 1, status: 'M', kind: 'code' },
    ]);
    expect(commitBySubject(changes, 'At the window start').files[0]).toMatchObject({ additions: 3, deletions: 0 });
  });

  it('reports a rename under its new path with status R', () => {
    expect(commitBySubject(changes, 'Move a').files).toEqual([{ path: 'src/lib/a.ts', additions: 0, deletions: 0, status: 'R', kind: 'code' }]);
  });

  it('fills commit metadata and change kinds', () => {
    const docs = commitBySubject(changes, 'Docs');
    expect(docs).toMatchObject({ sha: releaseSha, author: 'Grace Hopper', committedAt: hoursBefore(2), kinds: ['docs'], tags: ['myapp@1.1.0'] });
    expect(docs.shortSha).toBe(releaseSha.slice(0, docs.shortSha.length));
  });

  it('lists annotated and lightweight tags, newest first, and resolves the release to a tag', () => {
    expect(changes.tags.map((t) => t.name)).toEqual(['myapp@1.1.0', 'v1.0.0']);
    expect(changes.tags[0]).toEqual({ name: 'myapp@1.1.0', sha: releaseSha, date: hoursBefore(1.9) });
    expect(changes.release).toEqual({ value: `myapp@1.1.0+${releaseSha.slice(0, 7)}`, sha: releaseSha, tag: 'myapp@1.1.0' });
  });

  it('lists tracked files and the head', () => {
    expect(changes.trackedFiles).toEqual(['README.md', 'logo.png', 'src/late.ts', 'src/lib/a.ts']);
    expect(changes.head).toBe(repo.git(['rev-parse', 'HEAD']));
    expect(changes.shallow).toBe(false);
    expect(changes.notes).toEqual([]);
  });

  it('resolves a release given as a short sha, and notes one that matches nothing', async () => {
    const bySha = await collectGitChanges({ repo: repo.dir, ...window, release: releaseSha.slice(0, 8) });
    expect(bySha.release).toEqual({ value: releaseSha.slice(0, 8), sha: releaseSha, tag: null });
    const unknown = await collectGitChanges({ repo: repo.dir, ...window, release: '9.9.9' });
    expect(unknown.release).toEqual({ value: '9.9.9', sha: null, tag: null });
    expect(unknown.notes).toContain('The release "9.9.9" matches no tag or commit in the repository.');
  });

  it('maps paths to the repository root when given a subdirectory', async () => {
    const fromSubdir = await collectGitChanges({ repo: join(repo.dir, 'src'), ...window });
    expect(fromSubdir.commits[1]?.files[0]?.path).toBe('src/lib/a.ts');
    expect(fromSubdir.trackedFiles).toContain('README.md');
  });
});

describe('collectGitChanges reading dependency versions', () => {
  const before = hoursBefore(48);
  const during = hoursBefore(3);
  const lock = (pg: string) => JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'api' }, 'node_modules/pg': { version: pg } } }, null, 2);

  it.each([
    ['package-lock.json', lock('8.11.3'), lock('8.12.0'), { name: 'pg', ecosystem: 'npm', from: '8.11.3', to: '8.12.0' }],
    ['go.mod', 'module x\n\nrequire (\n\tgithub.com/lib/pq v1.10.7\n)\n', 'module x\n\nrequire (\n\tgithub.com/lib/pq v1.10.9\n)\n', { name: 'github.com/lib/pq', ecosystem: 'go', from: 'v1.10.7', to: 'v1.10.9' }],
    ['requirements.txt', 'requests==2.31.0\n', 'requests==2.32.3\n', { name: 'requests', ecosystem: 'pypi', from: '2.31.0', to: '2.32.3' }],
    ['Gemfile.lock', 'GEM\n  specs:\n    rack (2.2.8)\n', 'GEM\n  specs:\n    rack (3.0.9)\n', { name: 'rack', ecosystem: 'rubygems', from: '2.2.8', to: '3.0.9' }],
    ['Cargo.lock', '[[package]]\nname = "tokio"\nversion = "1.36.0"\n', '[[package]]\nname = "tokio"\nversion = "1.37.0"\n', { name: 'tokio', ecosystem: 'cargo', from: '1.36.0', to: '1.37.0' }],
    ['poetry.lock', '[[package]]\nname = "SQLAlchemy"\nversion = "2.0.28"\n', '[[package]]\nname = "SQLAlchemy"\nversion = "2.0.29"\n', { name: 'sqlalchemy', ecosystem: 'pypi', from: '2.0.28', to: '2.0.29' }],
  ])('reads a bump in %s against the version before the window', async (file, oldContent, newContent, expected) => {
    const repo = createTempRepo();
    commitFiles(repo, { files: { [file]: oldContent }, message: 'Pin', date: before });
    commitFiles(repo, { files: { [file]: newContent }, message: 'Bump', date: during });
    const changes = await collectGitChanges({ repo: repo.dir, ...window });
    expect(changes.commits).toHaveLength(1);
    expect(changes.commits[0]?.dependencyChanges).toEqual([{ ...expected, file }]);
    expect(changes.commits[0]?.kinds).toEqual(['dependency']);
  });

  it('calls package.json a dependency change only when its dependencies moved', async () => {
    const repo = createTempRepo();
    const manifest = (pg: string, start: string) => JSON.stringify({ name: 'api', scripts: { start }, dependencies: { pg } }, null, 2);
    commitFiles(repo, { files: { 'package.json': manifest('^8.11.0', 'node a.js') }, message: 'Init', date: before });
    commitFiles(repo, { files: { 'package.json': manifest('^8.12.0', 'node a.js') }, message: 'Bump pg', date: hoursBefore(3) });
    commitFiles(repo, { files: { 'package.json': manifest('^8.12.0', 'node b.js') }, message: 'Change start', date: hoursBefore(2) });
    const changes = await collectGitChanges({ repo: repo.dir, ...window });
    const bump = commitBySubject(changes, 'Bump pg');
    const script = commitBySubject(changes, 'Change start');
    expect(bump.kinds).toEqual(['dependency']);
    expect(bump.dependencyChanges).toEqual([{ name: 'pg', ecosystem: 'npm', from: '^8.11.0', to: '^8.12.0', file: 'package.json' }]);
    expect(script.kinds).toEqual(['config']);
    expect(script.configChanges).toEqual([{ file: 'package.json', key: 'scripts.start', from: 'node a.js', to: 'node b.js' }]);
  });
});

describe('collectGitChanges on a manifest and lockfile bumped together', () => {
  it('reports the package once, from the lockfile, and keeps package.json a dependency change', async () => {
    const repo = createTempRepo();
    const manifest = (range: string) => JSON.stringify({ name: 'api', dependencies: { sharp: range } }, null, 2);
    const lock = (version: string) => JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/sharp': { version } } }, null, 2);
    commitFiles(repo, { files: { 'package.json': manifest('^0.33.5'), 'package-lock.json': lock('0.33.5') }, message: 'Init', date: hoursBefore(30) });
    commitFiles(repo, { files: { 'package.json': manifest('^0.34.2'), 'package-lock.json': lock('0.34.2') }, message: 'Bump sharp', date: hoursBefore(1) });
    const [commit] = (await collectGitChanges({ repo: repo.dir, ...window })).commits;
    expect(commit?.dependencyChanges).toEqual([{ name: 'sharp', ecosystem: 'npm', from: '0.33.5', to: '0.34.2', file: 'package-lock.json' }]);
    expect(commit?.files.map((file) => file.kind)).toEqual(['dependency', 'dependency']);
    expect(commit?.configChanges).toEqual([]);
  });
});

describe('collectGitChanges reading config settings', () => {
  it('extracts a changed setting with its previous value', async () => {
    const repo = createTempRepo();
    commitFiles(repo, { files: { 'config/app.yaml': 'database:\n  host: db\n  pool:\n    size: 10\n    timeout: 30s\n' }, message: 'Init', date: hoursBefore(30) });
    commitFiles(repo, { files: { 'config/app.yaml': 'database:\n  host: db\n  pool:\n    size: 10\n    timeout: 3s\n', 'src/x.ts': 'x' }, message: 'Tighten timeout', date: hoursBefore(1) });
    const [commit] = (await collectGitChanges({ repo: repo.dir, ...window })).commits;
    expect(commit?.kinds.sort()).toEqual(['code', 'config']);
    expect(commit?.configChanges).toEqual([{ file: 'config/app.yaml', key: 'database.pool.timeout', from: '30s', to: '3s' }]);
  });
});

describe('collectGitChanges on merges', () => {
  it('shows a merge commit with its changes against the first parent', async () => {
    const repo = createTempRepo();
    commitFiles(repo, { files: { 'a.ts': 'a' }, message: 'Init', date: hoursBefore(30) });
    repo.git(['checkout', '--quiet', '-b', 'feature']);
    commitFiles(repo, { files: { 'src/upload.ts': 'u' }, message: 'Upload feature', date: hoursBefore(28) });
    repo.git(['checkout', '--quiet', 'main']);
    repo.git(['merge', '--quiet', '--no-ff', '-m', 'Merge feature', 'feature'], { GIT_AUTHOR_DATE: hoursBefore(1), GIT_COMMITTER_DATE: hoursBefore(1) });
    const changes = await collectGitChanges({ repo: repo.dir, ...window });
    expect(changes.commits.map((commit) => commit.subject)).toEqual(['Merge feature']);
    expect(changes.commits[0]?.files.map((file) => file.path)).toEqual(['src/upload.ts']);
  });
});

describe('collectGitChanges on unusual repositories', () => {
  it('reads a shallow clone and leaves the boundary commit without files', async () => {
    const source = createTempRepo();
    commitFiles(source, { files: { 'a.ts': 'a' }, message: 'One', date: hoursBefore(30) });
    commitFiles(source, { files: { 'b.ts': 'b' }, message: 'Two', date: hoursBefore(3) });
    commitFiles(source, { files: { 'c.ts': 'c' }, message: 'Three', date: hoursBefore(2) });
    const clone = shallowClone(source, 2);
    const changes = await collectGitChanges({ repo: clone.dir, ...window });
    expect(changes.shallow).toBe(true);
    expect(changes.commits.map((commit) => [commit.subject, commit.files.map((file) => file.path)])).toEqual([
      ['Three', ['c.ts']],
      ['Two', []],
    ]);
    expect(changes.notes.some((note) => note.includes('shallow clone'))).toBe(true);
    expect(changes.notes.some((note) => note.includes(`${changes.commits[1]?.shortSha} is the shallow clone's boundary`))).toBe(true);

    const depthOne = await collectGitChanges({ repo: shallowClone(source, 1).dir, ...window });
    expect(depthOne.commits.map((commit) => [commit.subject, commit.files.length])).toEqual([['Three', 0]]);
    expect(depthOne.trackedFiles).toEqual(['a.ts', 'b.ts', 'c.ts']);
  });

  it('returns isRepo false with a note outside a repository, and for a missing directory', async () => {
    const dir = createTempDir();
    const outside = await collectGitChanges({ repo: dir, ...window });
    expect(outside).toMatchObject({ isRepo: false, commits: [], trackedFiles: [], release: null });
    expect(outside.notes).toEqual([`${dir} is not a git repository, so no commits were read.`]);
    const missing = await collectGitChanges({ repo: join(dir, 'nope'), ...window });
    expect(missing.isRepo).toBe(false);
    expect(missing.notes[0]).toContain('is not a directory');
  });

  it('handles a repository without commits', async () => {
    const repo = createTempRepo();
    mkdirSync(join(repo.dir, 'src'));
    const changes = await collectGitChanges({ repo: repo.dir, ...window, release: '1.0.0' });
    expect(changes).toMatchObject({ isRepo: true, head: null, commits: [] });
    expect(changes.notes).toContain('The repository has no commits yet.');
  });

  it('rejects a window that is not a date or runs backwards', async () => {
    await expect(collectGitChanges({ repo: '.', since: 'yesterday-ish', until: FIRED_AT })).rejects.toBeInstanceOf(InputError);
    await expect(collectGitChanges({ repo: '.', since: FIRED_AT, until: hoursBefore(1) })).rejects.toThrow('after it ends');
  });
});
