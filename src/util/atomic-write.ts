import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replace a file's whole content so a reader (or a crash) sees either the old file or the new
 * one: write a sibling temp file, fsync it, rename it over the target, fsync the directory.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array, mode = 0o644): Promise<void> {
  const dir = path.dirname(target);
  const temp = await writeSyncedTemp(target, content, mode);
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** The content in a fresh, fsynced sibling temp file (same directory, so rename and link stay atomic). */
async function writeSyncedTemp(target: string, content: string | Uint8Array, mode: number): Promise<string> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

export async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; some filesystems refuse to fsync a directory, which is fine.
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    /* not supported here */
  } finally {
    await handle.close();
  }
}

/**
 * Create a file that must not exist yet, atomically and without ever replacing one that appeared
 * meanwhile: the content is written to a temp file and hard-linked into place (link fails with
 * EEXIST rather than overwrite). Returns false when the target already exists.
 */
export async function createFileAtomic(target: string, content: string | Uint8Array, mode = 0o644): Promise<boolean> {
  const dir = path.dirname(target);
  const temp = await writeSyncedTemp(target, content, mode);
  try {
    await link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Filesystems without hard links: exclusive create still never replaces an existing file.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    return createExclusive(target, content, mode, dir);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDirectory(dir);
  return true;
}

async function createExclusive(target: string, content: string | Uint8Array, mode: number, dir: string): Promise<boolean> {
  const handle = await open(target, 'wx', mode).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') return null;
    throw error;
  });
  if (!handle) return false;
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDirectory(dir);
  return true;
}
