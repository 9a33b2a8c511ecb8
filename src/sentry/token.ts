import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { InputError } from '../errors.js';

/**
 * A Sentry auth token that cannot leak by accident: printing, logging, JSON-encoding or
 * inspecting it shows only where it came from. The one way to read it builds the header.
 */
export class SentryToken {
  readonly #value: string;
  /** `SENTRY_AUTH_TOKEN` or `--token-file <path>`: what error messages name instead of the value. */
  readonly source: string;

  constructor(value: string, source: string) {
    this.#value = value;
    this.source = source;
  }

  authorizationHeader(): string {
    return `Bearer ${this.#value}`;
  }

  toString(): string {
    return `[Sentry token from ${this.source}]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

export interface TokenSources {
  tokenFile?: string | undefined;
  env: NodeJS.ProcessEnv;
  readFile?: (path: string) => Promise<string>;
}

/** `--token-file` wins over SENTRY_AUTH_TOKEN, so a script can pin the token it means; null when neither is set. */
export async function resolveSentryToken(sources: TokenSources): Promise<SentryToken | null> {
  if (sources.tokenFile !== undefined) return readTokenFile(sources.tokenFile, sources.readFile ?? ((path) => readFile(path, 'utf8')));
  const fromEnv = sources.env.SENTRY_AUTH_TOKEN?.trim();
  return fromEnv ? new SentryToken(fromEnv, 'SENTRY_AUTH_TOKEN') : null;
}

async function readTokenFile(path: string, read: (path: string) => Promise<string>): Promise<SentryToken> {
  let text: string;
  try {
    text = await read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError(`cannot read --token-file ${path}: ${code}`, { hint: 'Point --token-file at a file holding only the Sentry auth token.' });
  }
  // The first non-empty line: files written by `echo` end with a newline, some carry a comment after.
  const value = text.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== '');
  if (value === undefined) throw new InputError(`--token-file ${path} is empty`, { hint: 'Put the Sentry auth token (scope event:read) in it.' });
  if (/\s/.test(value)) throw new InputError(`--token-file ${path} does not hold a token: its first line has spaces`);
  return new SentryToken(value, `--token-file ${path}`);
}
