import { AuthError, TriageError } from '../errors.js';

/**
 * Sentry's HTTP failures as triage errors: each names the thing asked for and what to do, and
 * none ever carries the token (messages name where it came from instead).
 */

/** 401 or 403: exit 4. `status` lets optional lookups shrug off a 403 for a scope they lack. */
export class SentryAuthError extends AuthError {
  readonly status: 401 | 403;

  constructor(status: 401 | 403, what: string, tokenSource: string) {
    super(
      status === 401
        ? `Sentry rejected the auth token from ${tokenSource} (401 Unauthorized) when fetching ${what}`
        : `Sentry refused ${what} to the auth token from ${tokenSource} (403 Forbidden)`,
      {
        hint:
          status === 401
            ? 'Create a token with the event:read scope (Sentry → Settings → Auth Tokens) and set SENTRY_AUTH_TOKEN, or pass --token-file FILE.'
            : 'The token needs the event:read scope and membership of that organization; set a token that has both in SENTRY_AUTH_TOKEN or --token-file.',
      },
    );
    this.status = status;
  }
}

/** 404: says which thing is missing, so a wrong org and a wrong ID read differently. */
export class SentryNotFoundError extends TriageError {
  readonly what: string;

  constructor(what: string, path: string) {
    super(`Sentry has no ${what} (404 from GET ${path})`, {
      hint: 'Check the ID and the organization (--org or SENTRY_ORG), and that SENTRY_URL points at the Sentry that holds it.',
    });
    this.what = what;
  }
}

/** The network, a timeout, a rate limit that will not lift, or an answer triage cannot read: exit 1. */
export class SentryUnavailableError extends TriageError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { hint: options.hint ?? 'Try again in a minute, or run on a saved webhook payload with --offline.', cause: options.cause });
  }
}

/** Nothing to authenticate with: exit 4, like a rejected token, and the same way out. */
export function missingTokenError(what: string): AuthError {
  return new AuthError(`fetching ${what} from Sentry needs an auth token, and none is set`, {
    hint: 'Set SENTRY_AUTH_TOKEN to a token with the event:read scope (Sentry → Settings → Auth Tokens), or pass --token-file FILE.',
  });
}
