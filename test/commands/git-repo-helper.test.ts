import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitFiles, createTempRepo, removeTempRepos, shallowClone, tag } from '../helpers/git-repo.js';

afterAll(() => removeTempRepos());

describe('git-repo test helper', () => {
  it('commits exactly the given files with fixed author and committer dates', () => {
    const repo = createTempRepo();
    commitFiles(repo, { files: { 'a.txt': 'a', 'dir/b.txt': 'b' }, message: 'First', date: '2024-01-02T03:04:05Z', author: 'Ada' });
    const sha = commitFiles(repo, { files: { 'a.txt': null }, message: 'Delete a', date: '2024-01-03T00:00:00Z' });
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(repo.git(['log', '--format=%an|%aI|%cI|%s'])).toBe(
      ['Test Author|2024-01-03T00:00:00Z|2024-01-03T00:00:00Z|Delete a', 'Ada|2024-01-02T03:04:05Z|2024-01-02T03:04:05Z|First'].join('\n').replaceAll('Z', '+00:00'),
    );
    expect(repo.git(['ls-files'])).toBe('dir/b.txt');
    expect(repo.git(['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('main');
  });

  it('makes annotated tags with a date and lightweight tags without one', () => {
    const repo = createTempRepo();
    const sha = commitFiles(repo, { files: { 'a.txt': 'a' }, message: 'One', date: '2024-01-02T00:00:00Z' });
    tag(repo, 'v1.0.0', '2024-01-05T00:00:00Z');
    tag(repo, 'light');
    expect(repo.git(['for-each-ref', 'refs/tags', '--format=%(refname:short) %(objecttype) %(creatordate:iso-strict)'])).toBe(
      'light commit 2024-01-02T00:00:00+00:00\nv1.0.0 tag 2024-01-05T00:00:00+00:00',
    );
    expect(repo.git(['rev-parse', 'v1.0.0^{commit}'])).toBe(sha);
  });

  it('clones shallowly and cleans up', () => {
    const repo = createTempRepo();
    commitFiles(repo, { files: { 'a.txt': '1' }, message: 'One', date: '2024-01-01T00:00:00Z' });
    commitFiles(repo, { files: { 'a.txt': '2' }, message: 'Two', date: '2024-01-02T00:00:00Z' });
    const clone = shallowClone(repo, 1);
    expect(clone.git(['rev-parse', '--is-shallow-repository'])).toBe('true');
    expect(clone.git(['rev-list', '--count', 'HEAD'])).toBe('1');
    clone.cleanup();
    expect(existsSync(join(clone.dir, '.git'))).toBe(false);
  });
});
