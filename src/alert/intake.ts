import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { decodeAlertJson, MAX_ALERT_BYTES } from './json-text.js';
import { parseSentryIssueRef, type SentryIssueRef } from './sentry-ref.js';

/**
 * What `triage run <alert>` was given: `-` for stdin, a file, or a Sentry issue (URL, numeric
 * id or short id) to fetch. Reading and JSON decoding happen here; parsing the alert's format
 * is parseAlert's job.
 */

export type AlertInput =
  | { kind: 'payload'; payload: unknown; origin: string }
  | { kind: 'sentry-ref'; ref: SentryIssueRef };

export interface AlertInputIo {
  cwd: string;
  readStdin: () => Promise<Buffer>;
  /** Replaces the file system in tests; must reject with a Node-style `code` (ENOENT, EISDIR, ...). */
  readFile?: (path: string) => Promise<Uint8Array>;
}

const STDIN_ORIGIN = 'stdin';

export async function readAlertInput(arg: string, io: AlertInputIo): Promise<AlertInput> {
  if (arg === '-') {
    return { kind: 'payload', payload: decodeAlertJson(await io.readStdin(), STDIN_ORIGIN), origin: STDIN_ORIGIN };
  }
  if (arg.trim() === '') throw new InputError('No alert given: pass a file, - for stdin, or a Sentry issue URL.');
  if (/^https?:\/\//i.test(arg)) return { kind: 'sentry-ref', ref: requireSentryUrl(arg) };
  const bytes = await readAlertFile(arg, io);
  if (bytes === null) {
    const ref = parseSentryIssueRef(arg);
    if (ref !== null) return { kind: 'sentry-ref', ref };
    throw new InputError(`cannot read ${arg}: no such file.`, {
      hint: 'Pass an alert JSON file, - for stdin, or a Sentry issue URL, id or short id.',
    });
  }
  return { kind: 'payload', payload: decodeAlertJson(bytes, arg), origin: arg };
}

function requireSentryUrl(arg: string): SentryIssueRef {
  const ref = parseSentryIssueRef(arg);
  if (ref !== null) return ref;
  throw new InputError(`${arg} is not a Sentry issue URL: expected .../issues/ID/ (optionally .../events/EVENT_ID/).`, {
    hint: 'Copy the link from the issue page, e.g. https://acme.sentry.io/issues/123456/.',
  });
}

/** The file's bytes, or null when nothing exists at that path (it may be a Sentry reference). */
async function readAlertFile(arg: string, io: AlertInputIo): Promise<Uint8Array | null> {
  const path = resolve(io.cwd, arg);
  try {
    return io.readFile === undefined ? await readBoundedFile(path, arg) : await io.readFile(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new InputError(`cannot read ${arg}: ${READ_FAILURES[code] ?? (code || 'unknown error')}.`, { cause: error });
  }
}

/** Checks the size before reading, so a huge file is refused without loading it. */
async function readBoundedFile(path: string, arg: string): Promise<Uint8Array> {
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  if (info.size > MAX_ALERT_BYTES) {
    throw new InputError(`${arg} is too large (${(info.size / 1048576).toFixed(1)} MB); the limit for an alert is 10 MB.`);
  }
  return readFile(path);
}

const READ_FAILURES: Record<string, string> = {
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
