import { describe, expect, it } from 'vitest';
import { parseGitLog } from '../../src/evidence/git/log-format.js';

const header = (sha: string, subject: string, date = '2024-05-04T10:00:00+02:00') =>
  `\x1e${sha}\x1f${sha.slice(0, 7)}\x1fAda Lovelace\x1f${date}\x1f${subject}\0`;

describe('parseGitLog', () => {
  it('reads header fields and converts the committer date to UTC', () => {
    const [commit] = parseGitLog(`${header('a'.repeat(40), 'Fix pool')}\n:100644 100644 1 2 M\0src/db/pool.ts\x003\t1\tsrc/db/pool.ts\0`);
    expect(commit).toMatchObject({ sha: 'a'.repeat(40), shortSha: 'aaaaaaa', author: 'Ada Lovelace', subject: 'Fix pool', committedAt: '2024-05-04T08:00:00.000Z' });
    expect(commit?.files).toEqual([{ path: 'src/db/pool.ts', oldPath: null, status: 'M', additions: 3, deletions: 1 }]);
  });

  it('pairs renames from raw and numstat and counts binary files as 0/0', () => {
    const body = ':100644 100644 1 2 R087\0old/a.ts\0new/a.ts\0:000000 100644 0 3 A\0logo.png\0' + '2\t1\t\0old/a.ts\0new/a.ts\0-\t-\tlogo.png\0';
    const [commit] = parseGitLog(`${header('b'.repeat(40), 'Move')}\n${body}`);
    expect(commit?.files).toEqual([
      { path: 'new/a.ts', oldPath: 'old/a.ts', status: 'R', additions: 2, deletions: 1 },
      { path: 'logo.png', oldPath: null, status: 'A', additions: 0, deletions: 0 },
    ]);
  });

  it('separates commits and keeps empty ones', () => {
    const output = `${header('c'.repeat(40), 'Empty')}${header('d'.repeat(40), 'Docs')}\n:000000 100644 0 1 A\0README.md\x001\t0\tREADME.md\0`;
    const commits = parseGitLog(output);
    expect(commits.map((commit) => [commit.subject, commit.files.length])).toEqual([
      ['Empty', 0],
      ['Docs', 1],
    ]);
  });

  it('keeps paths with spaces, tabs and non-ASCII letters', () => {
    const body = ':000000 100644 0 1 A\0docs/ré sumé\tv2.md\x004\t0\tdocs/ré sumé\tv2.md\0';
    expect(parseGitLog(`${header('e'.repeat(40), 'Add')}\n${body}`)[0]?.files[0]).toMatchObject({ path: 'docs/ré sumé\tv2.md', additions: 4 });
  });

  it('returns nothing for empty output', () => {
    expect(parseGitLog('')).toEqual([]);
  });
});
