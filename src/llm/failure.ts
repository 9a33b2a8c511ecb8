/**
 * What went wrong with a call, in triage's terms, and whether and when to try again. Pure: the
 * transport feeds it the SDK's error and the clock, and acts on the answer.
 */

export type FailureKind = 'timeout' | 'rate-limited' | 'overloaded' | 'server' | 'connection' | 'auth' | 'bad-request';

export interface CallFailure {
  kind: FailureKind;
  status: number | null;
  /** From `retry-after-ms` or `retry-after` (seconds or an HTTP date), when the server sent one. */
  retryAfterMs: number | null;
  /** The server's `x-should-retry`, which overrides the status when present. */
  shouldRetry: boolean | null;
  message: string;
}

interface ErrorLike {
  name?: string;
  status?: number;
  message?: string;
  headers?: { get(name: string): string | null } | null;
  error?: { error?: { type?: string; message?: string } } | null;
}

export function retryAfterMs(headers: ErrorLike['headers'], now: number): number | null {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number.parseFloat(ms))) return Math.max(0, Number.parseFloat(ms));
  const value = headers?.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function kindOf(status: number | null, type: string | undefined, name: string | undefined): FailureKind {
  if (name === 'APIConnectionTimeoutError') return 'timeout';
  if (status === 401 || status === 403 || type === 'authentication_error' || type === 'permission_error') return 'auth';
  if (status === 429 || type === 'rate_limit_error') return 'rate-limited';
  if (status === 529 || type === 'overloaded_error') return 'overloaded';
  if ((status !== null && status >= 500) || status === 408 || status === 409 || type === 'api_error') return 'server';
  if (status === null && (name === 'APIConnectionError' || !type)) return 'connection';
  return 'bad-request';
}

/** The SDK's error classes, read by shape so this module never imports the SDK. */
export function classifyError(error: unknown, now: number): CallFailure {
  const e = (error ?? {}) as ErrorLike;
  const status = typeof e.status === 'number' ? e.status : null;
  const type = e.error?.error?.type;
  const header = e.headers?.get('x-should-retry');
  const detail = e.error?.error?.message ?? e.message ?? String(error);
  return {
    kind: kindOf(status, type, e.name),
    status,
    retryAfterMs: retryAfterMs(e.headers, now),
    shouldRetry: header === 'true' ? true : header === 'false' ? false : null,
    message: detail.replace(/\s+/g, ' ').slice(0, 300),
  };
}

const RETRYABLE: FailureKind[] = ['rate-limited', 'overloaded', 'server', 'connection'];

/**
 * How long to wait before the next attempt, or null to give up now: after the last attempt, on
 * an error that will not change by itself, or when the wait would run past the deadline (a
 * `retry-after: 3600` at 3 AM means "not in time", not "sleep an hour").
 */
export function retryDelay(failure: CallFailure, attempt: number, maxAttempts: number, remainingMs: number, random: () => number = Math.random): number | null {
  if (attempt >= maxAttempts) return null;
  const retryable = failure.shouldRetry ?? RETRYABLE.includes(failure.kind);
  if (!retryable) return null;
  const backoff = Math.min(500 * 2 ** (attempt - 1), 8000) * (1 - random() * 0.25);
  const wait = failure.retryAfterMs ?? backoff;
  return wait < remainingMs ? wait : null;
}

/** One sentence for the person: what failed, in their terms. */
export function describeFailure(failure: CallFailure, timeoutSeconds: number): string {
  switch (failure.kind) {
    case 'timeout':
      return `no answer within ${timeoutSeconds} s (--llm-timeout)`;
    case 'auth':
      return `the API rejected the key (HTTP ${failure.status ?? '?'}): check ANTHROPIC_API_KEY`;
    case 'rate-limited':
      return `rate limited (HTTP 429)${failure.retryAfterMs !== null ? `, asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s` : ''}`;
    case 'overloaded':
      return 'the API is overloaded (HTTP 529)';
    case 'server':
      return `server error (HTTP ${failure.status ?? '?'})`;
    case 'connection':
      return `could not reach the API (${failure.message})`;
    case 'bad-request':
      return `the API refused the request (HTTP ${failure.status ?? '?'}: ${failure.message})`;
  }
}
