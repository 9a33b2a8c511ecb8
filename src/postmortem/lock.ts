import { randomUUID } from 'node:crypto';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { TriageError } from '../errors.js';

/**
 * An advisory lock file beside the postmortems file: created with O_EXCL, holding who took it.
 * A lock whose process is dead on this host, or that is older than `staleMs`, is broken, so a
 * `kill -9` mid-append never blocks the next one for long.
 */

export interface LockOwner {
  pid: number;
  hostname: string;
  createdAt: string;
  token: string;
}

export interface HeldLock {
  path: string;
  /** False if another process broke this lock as stale: the holder must not commit. */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export interface LockOptions {
  timeoutMs: number;
  staleMs: number;
}

// A lock file is written a moment after it is created; one still empty after this was torn by a kill.
const UNREADABLE_GRACE_MS = 2_000;
const MAX_BACKOFF_MS = 100;

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function parseLockOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    const valid = typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.token === 'string';
    return valid ? (value as LockOwner) : null;
  } catch {
    return null;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

export function lockIsStale(owner: LockOwner | null, modifiedMs: number, nowMs: number, staleMs: number): boolean {
  if (!owner) return nowMs - modifiedMs > UNREADABLE_GRACE_MS;
  const created = Date.parse(owner.createdAt);
  const age = nowMs - (Number.isNaN(created) ? modifiedMs : created);
  if (age > staleMs) return true;
  return owner.hostname === hostname() && !processIsAlive(owner.pid);
}

async function readOwner(path: string): Promise<{ text: string; owner: LockOwner | null; modifiedMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, owner: parseLockOwner(text), modifiedMs: info.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

async function createLockFile(path: string, owner: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } catch (error) {
    await unlink(path).catch(() => undefined);
    throw error;
  } finally {
    await handle.close();
  }
  return true;
}

/** Beside the lock: held (O_EXCL) while one process checks and removes a stale lock. */
export function breakGuardPath(lockPath: string): string {
  return `${lockPath}.break`;
}

/**
 * Removes a stale lock unless it changed since it was judged stale. A guard file makes the
 * check-then-delete one process at a time, so two processes breaking the same stale lock
 * cannot also delete the fresh lock one of them has just made. False if another is breaking it.
 */
async function breakStaleLock(path: string, staleText: string): Promise<boolean> {
  const guard = breakGuardPath(path);
  try {
    await (await open(guard, 'wx')).close();
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    // A guard outlives its breaker only if that process was killed mid-break.
    const info = await stat(guard).catch(() => null);
    if (info && Date.now() - info.mtimeMs > UNREADABLE_GRACE_MS) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    const current = await readFile(path, 'utf8').catch(() => null);
    if (current === staleText) await unlink(path).catch(() => undefined);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

function timeoutError(path: string, timeoutMs: number, owner: LockOwner | null): TriageError {
  const holder = owner ? ` (held by pid ${owner.pid} on ${owner.hostname} since ${owner.createdAt})` : '';
  return new TriageError(`Timed out after ${Math.round(timeoutMs / 100) / 10} s waiting for the lock file ${path}${holder}.`, {
    hint: `If no triage process is still appending, delete ${path} and try again.`,
  });
}

export async function acquireLock(path: string, options: LockOptions): Promise<HeldLock> {
  const token = randomUUID();
  const deadline = Date.now() + options.timeoutMs;
  let backoff = 2;
  for (;;) {
    const owner: LockOwner = { pid: process.pid, hostname: hostname(), createdAt: new Date().toISOString(), token };
    if (await createLockFile(path, owner)) return heldLock(path, token);
    const current = await readOwner(path);
    if (!current) continue;
    const stale = lockIsStale(current.owner, current.modifiedMs, Date.now(), options.staleMs);
    if (stale && (await breakStaleLock(path, current.text))) continue;
    if (Date.now() >= deadline) throw timeoutError(path, options.timeoutMs, current.owner);
    await sleep(backoff + Math.random() * backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

function heldLock(path: string, token: string): HeldLock {
  const stillHeld = async () => (await readOwner(path).catch(() => null))?.owner?.token === token;
  return {
    path,
    stillHeld,
    async release() {
      if (await stillHeld()) await unlink(path).catch(() => undefined);
    },
  };
}
