import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostmortemEntrySchema, type PostmortemEntry } from '../../src/postmortem/model.js';
import { appendPostmortem } from '../../src/postmortem/append.js';
import { parsePostmortems } from '../../src/postmortem/parse.js';
import { renderPostmortemEntry, renderPostmortemsHeader } from '../../src/postmortem/render.js';
import { sampleEntry } from '../helpers/postmortem-entries.js';

const CHILD = fileURLToPath(new URL('../helpers/postmortem-append-child.mjs', import.meta.url));
const BUILT_APPEND = fileURLToPath(new URL('../../dist/postmortem/append.js', import.meta.url));
const KILL_ROUNDS = 40;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'triage-pm-append-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const titled = (base: PostmortemEntry, n: number) => ({ ...base, title: `${base.title} #${n}` });

function requireBuild(): void {
  if (!existsSync(BUILT_APPEND)) {
    throw new Error(`${BUILT_APPEND} is missing: child processes run the built code. Run \`npm run build\` (npm test does) first.`);
  }
}

function startChild(file: string, base: PostmortemEntry, count: number | 'forever'): { child: ChildProcess; ready: Promise<void>; done: Promise<number | null> } {
  const child = spawn(process.execPath, [CHILD, file, JSON.stringify(base), String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', () => reject(new Error(`child exited before it was ready: ${stderr}`)));
  });
  const done = once(child, 'exit').then(([code]) => {
    if (code !== 0 && code !== null) throw new Error(`child failed (${code}): ${stderr}`);
    return code as number | null;
  });
  return { child, ready, done };
}

/** The exact bytes a file must hold: the old content, one separator, then whole entries. */
function expectedFile(old: Buffer, entries: readonly PostmortemEntry[]): Buffer {
  if (entries.length === 0) return old;
  const text = old.toString('utf8');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text.endsWith(eol) ? eol : eol + eol;
  const added = entries.map(renderPostmortemEntry).join('\n').replace(/\n/g, eol);
  return Buffer.concat([old, Buffer.from(separator + added)]);
}

function entriesIn(bytes: Buffer): PostmortemEntry[] {
  const parsed = parsePostmortems(bytes.toString('utf8'));
  return parsed.entries.map((item) => PostmortemEntrySchema.parse(item.entry));
}

describe('appendPostmortem in this process', () => {
  it('creates the file with the header when absent', async () => {
    const file = join(dir, 'POSTMORTEMS.md');
    const entry = sampleEntry('new');
    const result = await appendPostmortem(file, entry);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(`${renderPostmortemsHeader()}\n${renderPostmortemEntry(entry)}`);
    expect(result).toEqual({ path: file, written: true, created: true, bytes: Buffer.byteLength(text) });
    expect(await readdir(dir)).toEqual(['POSTMORTEMS.md']);
  });

  it.each([
    ['a trailing newline', '# Notes\n\nkept as is\n', '\n'],
    ['no trailing newline', '# Notes\n\nno newline at the end', '\n\n'],
    ['a blank last line', '# Notes\n\ntext\n\n', ''],
    ['CRLF line endings', '# Notes\r\n\r\nwindows text\r\n', '\r\n'],
    ['CRLF and no trailing newline', '# Notes\r\n\r\nwindows text', '\r\n\r\n'],
    ['a BOM and odd bytes', '\uFEFF# Notes\n\ncafé \u00a0 \t trailing spaces   \n', '\n'],
  ])('keeps existing bytes exactly for a file with %s', async (_label, old, separator) => {
    const file = join(dir, 'POSTMORTEMS.md');
    const oldBytes = Buffer.from(old, 'utf8');
    await writeFile(file, oldBytes);
    const entry = sampleEntry('x');
    const result = await appendPostmortem(file, entry);
    const bytes = await readFile(file);
    const eol = old.includes('\r\n') ? '\r\n' : '\n';
    const added = separator + renderPostmortemEntry(entry).replace(/\n/g, eol);
    expect(bytes.subarray(0, oldBytes.length).equals(oldBytes)).toBe(true);
    expect(bytes.subarray(oldBytes.length).toString('utf8')).toBe(added);
    expect(result).toMatchObject({ written: true, created: false, bytes: Buffer.byteLength(added) });
    expect(entriesIn(bytes)).toEqual([entry]);
  });

  it('writes nothing on a dry run: no file, no lock, no temp file', async () => {
    const file = join(dir, 'POSTMORTEMS.md');
    const result = await appendPostmortem(file, sampleEntry('dry'), { dryRun: true });
    expect(result.written).toBe(false);
    expect(result.created).toBe(true);
    expect(result.bytes).toBeGreaterThan(100);
    expect(await readdir(dir)).toEqual([]);
  });

  it('preserves the file mode and writes through a symlink', async () => {
    const real = join(dir, 'real.md');
    const link = join(dir, 'POSTMORTEMS.md');
    await writeFile(real, '# Postmortems\n');
    await chmod(real, 0o640);
    await symlink(real, link);
    const result = await appendPostmortem(link, sampleEntry('mode'));
    expect(result.path).toBe(real);
    expect((await stat(real)).mode & 0o777).toBe(0o640);
    expect(entriesIn(await readFile(link))).toHaveLength(1);
  });

  it('breaks a lock left by a dead process and cleans leftover temp files and guards', async () => {
    const file = join(dir, 'POSTMORTEMS.md');
    const dead = spawn(process.execPath, ['-e', '']);
    await once(dead, 'exit');
    const { hostname } = await import('node:os');
    const lock = { pid: dead.pid, hostname: hostname(), createdAt: new Date().toISOString(), token: 'old' };
    await writeFile(`${file}.lock`, JSON.stringify(lock));
    await writeFile(join(dir, '.POSTMORTEMS.md.triage-123-abc.tmp'), 'torn half-entry');
    // A guard left by a process killed while it was breaking a lock, ten seconds ago.
    await writeFile(`${file}.lock.break`, '');
    const tenSecondsAgo = new Date(Date.now() - 10_000);
    await utimes(`${file}.lock.break`, tenSecondsAgo, tenSecondsAgo);
    await appendPostmortem(file, sampleEntry('after-crash'), { lockTimeoutMs: 2000 });
    expect((await readdir(dir)).sort()).toEqual(['POSTMORTEMS.md']);
  });

  it('breaks a lock older than two minutes even from another host', async () => {
    const file = join(dir, 'POSTMORTEMS.md');
    const lock = { pid: 1, hostname: 'elsewhere', createdAt: new Date(Date.now() - 3 * 60_000).toISOString(), token: 'old' };
    await writeFile(`${file}.lock`, JSON.stringify(lock));
    await appendPostmortem(file, sampleEntry('old-lock'), { lockTimeoutMs: 2000 });
    expect(await readdir(dir)).toEqual(['POSTMORTEMS.md']);
  });

  it('times out on a live lock and names the lock file to delete', async () => {
    const file = join(dir, 'POSTMORTEMS.md');
    const lock = { pid: process.pid, hostname: (await import('node:os')).hostname(), createdAt: new Date().toISOString(), token: 'live' };
    await writeFile(`${file}.lock`, JSON.stringify(lock));
    const attempt = appendPostmortem(file, sampleEntry('blocked'), { lockTimeoutMs: 300 });
    await expect(attempt).rejects.toMatchObject({ name: 'TriageError', message: expect.stringContaining(`${file}.lock`) });
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining(`delete ${file}.lock`) });
    expect(existsSync(file)).toBe(false);
  });

  it('rejects a missing directory and an invalid entry with one clear sentence', async () => {
    const missing = join(dir, 'nope', 'POSTMORTEMS.md');
    await expect(appendPostmortem(missing, sampleEntry('x'))).rejects.toThrow(/directory .*nope does not exist\./);
    await expect(appendPostmortem(dir, sampleEntry('x'))).rejects.toThrow(/is a directory\.$/);
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const invalid = { ...sampleEntry('x'), date: '1 May' };
    await expect(appendPostmortem(join(dir, 'P.md'), invalid)).rejects.toThrow(/^The postmortem entry is not valid: date: /);
  });

  it.skipIf(process.getuid?.() === 0)('reports a directory it cannot write', async () => {
    await chmod(dir, 0o500);
    try {
      await expect(appendPostmortem(join(dir, 'P.md'), sampleEntry('x'))).rejects.toThrow(/is not writable/);
    } finally {
      await chmod(dir, 0o700);
    }
  });
});

describe('appendPostmortem across real processes', () => {
  it('lands every entry whole when four processes append at once, racing to break a stale lock', async () => {
    requireBuild();
    const file = join(dir, 'POSTMORTEMS.md');
    const stale = { pid: 1, hostname: 'elsewhere', createdAt: '2001-01-01T00:00:00.000Z', token: 'stale' };
    await writeFile(`${file}.lock`, JSON.stringify(stale));
    const perChild = 25;
    const bases = [0, 1, 2, 3].map((index) => sampleEntry(`writer ${index}`));
    const children = bases.map((base) => startChild(file, base, perChild));
    await Promise.all(children.map((child) => child.done));
    const bytes = await readFile(file);
    const entries = entriesIn(bytes);
    expect(entries).toHaveLength(4 * perChild);
    for (const base of bases) {
      const mine = entries.filter((entry) => entry.title.startsWith(`${base.title} #`));
      expect(mine).toEqual(Array.from({ length: perChild }, (_, n) => titled(base, n)));
    }
    expect(bytes.toString('utf8')).toBe(`${renderPostmortemsHeader()}\n${entries.map(renderPostmortemEntry).join('\n')}`);
    expect(await readdir(dir)).toEqual(['POSTMORTEMS.md']);
  });

  it(`leaves old content plus whole entries after kill -9 at ${KILL_ROUNDS} random moments`, { timeout: 120_000 }, async () => {
    requireBuild();
    const file = join(dir, 'POSTMORTEMS.md');
    const old = Buffer.from('# Our incidents\r\n\r\nHand-written intro without a final newline', 'utf8');
    await writeFile(file, old);
    const landed: PostmortemEntry[] = [];
    const seen = { lockLeft: 0, tempLeft: 0, appended: 0 };
    for (let round = 0; round < KILL_ROUNDS; round += 1) {
      const base = sampleEntry(`round ${round}`, { whatWentWrong: 'x'.repeat(2000) });
      const { child, ready, done } = startChild(file, base, 'forever');
      await ready;
      await sleep(Math.random() * 50);
      child.kill('SIGKILL');
      await done;
      const bytes = await readFile(file);
      const names = await readdir(dir);
      seen.lockLeft += names.includes('POSTMORTEMS.md.lock') ? 1 : 0;
      seen.tempLeft += names.some((name) => name.endsWith('.tmp')) ? 1 : 0;
      expect(bytes.subarray(0, old.length).equals(old), `round ${round}: old bytes changed`).toBe(true);
      const mine = entriesIn(bytes).slice(landed.length);
      expect(mine, `round ${round}`).toEqual(mine.map((_, n) => titled(base, n)));
      landed.push(...mine);
      seen.appended += mine.length;
      expect(bytes.equals(expectedFile(old, landed)), `round ${round}: file is not old + whole entries`).toBe(true);
    }
    await appendPostmortem(file, sampleEntry('final'));
    expect(await readdir(dir)).toEqual(['POSTMORTEMS.md']);
    expect(entriesIn(await readFile(file))).toHaveLength(landed.length + 1);
    console.info(`kill -9 rounds: ${KILL_ROUNDS}, entries landed: ${seen.appended}, lock left behind: ${seen.lockLeft}, temp file left behind: ${seen.tempLeft}`);
  });
});
