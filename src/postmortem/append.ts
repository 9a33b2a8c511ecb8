import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, TriageError } from '../errors.js';
import { planAppend } from './append-plan.js';
import { acquireLock, breakGuardPath, type HeldLock } from './lock.js';
import { PostmortemEntrySchema, type PostmortemEntry } from './model.js';
import { renderPostmortemEntry } from './render.js';

/**
 * Appends one entry so that a crash at any moment leaves either the old file or the old file
 * plus the whole entry: the new content goes to a temp file beside the original, is fsynced,
 * then renamed over it, and the directory is fsynced. A lock file serializes appenders.
 */

export interface AppendOptions {
  lockTimeoutMs?: number;
  dryRun?: boolean;
}

export interface AppendResult {
  /** The file written (symlinks resolved). */
  path: string;
  written: boolean;
  created: boolean;
  /** Bytes added to the file (header included when it was created). */
  bytes: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
const STALE_LOCK_MS = 2 * 60_000;
const TEMP_INFIX = '.triage-';

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

function validEntry(entry: PostmortemEntry): PostmortemEntry {
  const result = PostmortemEntrySchema.safeParse(entry);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`);
  throw new InputError(`The postmortem entry is not valid: ${problems.join('; ')}.`);
}

/** Write through a symlink to its target rather than replacing the link with a file. */
async function resolveTarget(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return absolute;
    throw fsError(error, absolute);
  }
}

function fsError(error: unknown, path: string): TriageError {
  const code = errorCode(error);
  const directory = dirname(path);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new TriageError(`Cannot write the postmortem: ${directory} is not writable (${code}).`, {
      hint: 'Fix the permissions or pass --postmortems with a path you can write.',
      cause: error,
    });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') return new TriageError(`Cannot write the postmortem: no space left for ${path}.`, { cause: error });
  if (code === 'EISDIR') return new TriageError(`Cannot write the postmortem: ${path} is a directory.`, { cause: error });
  return new TriageError(`Cannot write the postmortem to ${path}: ${(error as Error).message}`, { cause: error });
}

async function ensureDirectory(directory: string): Promise<void> {
  const info = await stat(directory).catch(() => null);
  if (!info?.isDirectory()) {
    throw new TriageError(`Cannot write the postmortem: directory ${directory} does not exist.`, {
      hint: 'Create the directory first or pass a path inside an existing one.',
    });
  }
}

interface ExistingFile {
  bytes: Buffer;
  mode: number;
  uid: number;
  gid: number;
}

async function readExisting(path: string): Promise<ExistingFile | null> {
  try {
    const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
    return { bytes, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function isOurTempFile(name: string, target: string): boolean {
  const prefix = `.${basename(target)}${TEMP_INFIX}`;
  return name.startsWith(prefix) && name.endsWith('.tmp');
}

/**
 * Temp files and break guards left by a killed append. Only called while holding the lock, so
 * no live append owns a temp file; a guard only ever protects breaking a lock that is not ours.
 */
async function removeLeftovers(target: string, lockPath: string): Promise<void> {
  const directory = dirname(target);
  const guard = basename(breakGuardPath(lockPath));
  const names = await readdir(directory);
  const leftovers = names.filter((name) => isOurTempFile(name, target) || name === guard);
  await Promise.all(leftovers.map((name) => unlink(join(directory, name)).catch(() => undefined)));
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r').catch(() => null);
  if (!handle) return;
  // Some platforms and filesystems cannot fsync a directory; the rename is still atomic there.
  await handle.sync().catch(() => undefined);
  await handle.close();
}

async function writeTempFile(tempPath: string, existing: ExistingFile | null, content: Buffer): Promise<void> {
  const handle = await open(tempPath, 'wx', existing?.mode ?? 0o666);
  try {
    if (existing) {
      await handle.chmod(existing.mode);
      if (existing.uid !== process.getuid?.()) await handle.chown(existing.uid, existing.gid).catch(() => undefined);
    }
    await handle.write(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes `content` the file's whole content: temp file beside it, fsync, rename over it, fsync the directory. */
async function replaceUnderLock(target: string, existing: ExistingFile | null, content: Buffer, lock: HeldLock): Promise<void> {
  const tempPath = join(dirname(target), `.${basename(target)}${TEMP_INFIX}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeTempFile(tempPath, existing, content);
    if (!(await lock.stillHeld())) {
      throw new TriageError(`Another process broke the lock ${lock.path} while this write held it; nothing was written.`, {
        hint: 'Run the command again.',
      });
    }
    await rename(tempPath, target);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(target));
}

/** Runs `work` holding the file's lock, with leftovers of killed writers cleared first. */
async function withFileLock<T>(path: string, lockTimeoutMs: number, work: (target: string, lock: HeldLock) => Promise<T>): Promise<T> {
  const target = await resolveTarget(path);
  await ensureDirectory(dirname(target));
  try {
    const lock = await acquireLock(`${target}.lock`, { timeoutMs: lockTimeoutMs, staleMs: STALE_LOCK_MS });
    try {
      await removeLeftovers(target, lock.path);
      return await work(target, lock);
    } finally {
      await lock.release();
    }
  } catch (error) {
    throw error instanceof TriageError ? error : fsError(error, target);
  }
}

async function planOnly(path: string, entryText: string): Promise<AppendResult> {
  const target = await resolveTarget(path);
  await ensureDirectory(dirname(target));
  const existing = await readExisting(target).catch((error: unknown) => {
    throw fsError(error, target);
  });
  const { addition } = planAppend(existing?.bytes ?? null, entryText);
  return { path: target, written: false, created: existing === null, bytes: addition.length };
}

export async function appendPostmortem(path: string, entry: PostmortemEntry, options: AppendOptions = {}): Promise<AppendResult> {
  const entryText = renderPostmortemEntry(validEntry(entry));
  if (options.dryRun) return planOnly(path, entryText);
  return withFileLock(path, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS, async (target, lock) => {
    const existing = await readExisting(target);
    const { addition } = planAppend(existing?.bytes ?? null, entryText);
    // Existing bytes are copied unchanged: the append only ever adds after them.
    await replaceUnderLock(target, existing, existing ? Buffer.concat([existing.bytes, addition]) : addition, lock);
    return { path: target, written: true, created: existing === null, bytes: addition.length };
  });
}

/**
 * Rewrites an existing postmortems file under the same lock appends take (so `lint --fix` and a
 * concurrent append cannot lose each other's change), atomically, keeping its mode and owner.
 * `transform` sees the current text and returns the new text, or null to leave the file alone.
 */
export async function rewritePostmortems(path: string, transform: (text: string) => string | null): Promise<{ path: string; written: boolean }> {
  return withFileLock(path, DEFAULT_LOCK_TIMEOUT_MS, async (target, lock) => {
    const existing = await readExisting(target);
    if (!existing) throw new InputError(`cannot read ${path}: no such file`);
    const before = existing.bytes.toString('utf8');
    const output = transform(before);
    if (output === null || output === before) return { path: target, written: false };
    await replaceUnderLock(target, existing, Buffer.from(output, 'utf8'), lock);
    return { path: target, written: true };
  });
}
