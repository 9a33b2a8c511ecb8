import { InputError } from '../errors.js';

/**
 * A Sentry DSN (`https://PUBLIC_KEY@o1.ingest.sentry.io/PROJECT_ID`), checked before the SDK sees
 * it: the SDK drops a bad DSN with a debug log, which would make a drill fail silently.
 */
export interface SentryDsn {
  dsn: string;
  host: string;
  projectId: string;
}

export function parseSentryDsn(text: string, source: string): SentryDsn {
  let url: URL | null = null;
  try {
    url = new URL(text.trim());
  } catch {
    url = null;
  }
  const projectId = url?.pathname.split('/').filter(Boolean).at(-1) ?? '';
  if (url === null || !['http:', 'https:'].includes(url.protocol) || url.username === '' || !/^\d+$/.test(projectId)) {
    throw new InputError(`${source} is not a Sentry DSN`, {
      hint: 'Copy it from Sentry → Project Settings → Client Keys (DSN); it looks like https://KEY@o123.ingest.sentry.io/456.',
    });
  }
  return { dsn: text.trim(), host: url.host, projectId };
}
