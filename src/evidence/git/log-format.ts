/**
 * One `git log --raw --numstat -z` call gives, per commit, the header we ask for plus the
 * status letter (raw) and line counts (numstat) of each file. This module holds the format
 * and its pure parser.
 */

const RECORD = '\x1e';
const FIELD = '\x1f';

/** sha, short sha, author, committer date (strict ISO), subject. */
export const LOG_FORMAT = `--format=${RECORD}%H${FIELD}%h${FIELD}%an${FIELD}%cI${FIELD}%s`;

export interface RawFileChange {
  path: string;
  /** Set for renames and copies. */
  oldPath: string | null;
  status: string;
  additions: number;
  deletions: number;
}

export interface RawCommit {
  sha: string;
  shortSha: string;
  author: string;
  committedAt: string;
  subject: string;
  files: RawFileChange[];
}

export function parseGitLog(output: string): RawCommit[] {
  const commits: RawCommit[] = [];
  for (const record of output.split(RECORD)) {
    const commit = parseCommitRecord(record);
    if (commit) commits.push(commit);
  }
  return commits;
}

function parseCommitRecord(record: string): RawCommit | null {
  const headerEnd = record.indexOf('\0');
  const header = headerEnd === -1 ? record : record.slice(0, headerEnd);
  const [sha, shortSha, author, committedAt, subject] = header.replace(/\n+$/, '').split(FIELD);
  if (!sha || !shortSha || committedAt === undefined) return null;
  const files = headerEnd === -1 ? [] : parseFileTokens(record.slice(headerEnd + 1).split('\0'));
  return {
    sha,
    shortSha,
    author: author ?? '',
    committedAt: toUtcIso(committedAt),
    subject: subject ?? '',
    files,
  };
}

/** Raw entries come first (`:mode mode sha sha R100`, then 1 or 2 paths), numstat entries after. */
function parseFileTokens(tokens: string[]): RawFileChange[] {
  const byPath = new Map<string, RawFileChange>();
  let i = 0;
  while (i < tokens.length) {
    const token = (tokens[i] ?? '').replace(/^\n+/, '');
    i += 1;
    if (token.startsWith(':')) {
      const status = token.split(' ').pop() ?? 'M';
      const letter = status.charAt(0);
      const twoPaths = letter === 'R' || letter === 'C';
      const first = tokens[i] ?? '';
      const path = twoPaths ? (tokens[i + 1] ?? '') : first;
      i += twoPaths ? 2 : 1;
      byPath.set(path, { path, oldPath: twoPaths ? first : null, status: letter, additions: 0, deletions: 0 });
      continue;
    }
    const numstat = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(token);
    if (!numstat) continue;
    let path = numstat[3] ?? '';
    if (path === '') {
      path = tokens[i + 1] ?? '';
      i += 2;
    }
    const entry = byPath.get(path) ?? { path, oldPath: null, status: 'M', additions: 0, deletions: 0 };
    // Binary files show `-` for both counts: they count as 0/0.
    entry.additions = toCount(numstat[1]);
    entry.deletions = toCount(numstat[2]);
    byPath.set(path, entry);
  }
  return [...byPath.values()].filter((file) => file.path !== '');
}

function toCount(value: string | undefined): number {
  return value === undefined || value === '-' ? 0 : Number(value);
}

function toUtcIso(date: string): string {
  const time = Date.parse(date);
  return Number.isNaN(time) ? date : new Date(time).toISOString();
}
