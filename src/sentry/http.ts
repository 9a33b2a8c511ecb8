import { VERSION } from '../version.js';
import { SentryAuthError, SentryNotFoundError, SentryUnavailableError } from './errors.js';
import { nextPageLink, readRateLimit, retryAfterMs, type RateLimit } from './http-headers.js';
import type { SentryToken } from './token.js';

/**
 * The one way triage talks to Sentry's REST API: bearer auth, a timeout on every request, Link
 * pagination, Sentry's rate-limit headers and 429 Retry-After, and errors that name the thing
 * asked for. The token goes only to the Sentry it was configured for, never across a redirect.
 */

export interface SentryHttpOptions {
  /** Where the instance lives: `https://sentry.io`, `https://sentry.example.com/prefix`. */
  baseUrl: string;
  token: SentryToken;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Says (on stderr) that triage is waiting for a rate limit, so a pause is not a hang. */
  notify?: (message: string) => void;
  timeoutMs?: number;
  /** 429 and 502–504 retries per request. */
  maxRetries?: number;
  /** The longest triage waits for a rate limit before giving up and saying when to retry. */
  maxWaitMs?: number;
}

export interface SentryRequest {
  /** Below /api/0/, e.g. `/organizations/acme/issues/1/`. */
  path: string;
  query?: Record<string, string | undefined>;
  /** For messages: `issue 123 in organization acme`. */
  what: string;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
const MAX_REDIRECTS = 3;

export class SentryHttp {
  readonly baseUrl: string;
  readonly #options: Required<Omit<SentryHttpOptions, 'baseUrl' | 'token'>> & { token: SentryToken };
  /** Sentry limits each endpoint separately; remembered per path so one exhausted endpoint does not stall the others. */
  readonly #limits = new Map<string, RateLimit>();

  constructor(options: SentryHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#options = {
      token: options.token,
      fetch: options.fetch ?? globalThis.fetch,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      now: options.now ?? Date.now,
      notify: options.notify ?? (() => undefined),
      timeoutMs: options.timeoutMs ?? 15_000,
      maxRetries: options.maxRetries ?? 3,
      maxWaitMs: options.maxWaitMs ?? 60_000,
    };
  }

  async get(request: SentryRequest): Promise<unknown> {
    return (await this.#send(this.#url(request), request)).body;
  }

  /** Follows `rel="next"` while Sentry says it has results, up to maxPages. */
  async getPages(request: SentryRequest, maxPages = 10): Promise<{ items: unknown[]; truncated: boolean }> {
    const items: unknown[] = [];
    const seen = new Set<string>();
    let url: string | null = this.#url(request);
    for (let page = 0; url !== null; page += 1) {
      if (page === maxPages) return { items, truncated: true };
      seen.add(url);
      const { body, headers } = await this.#send(url, request);
      if (!Array.isArray(body)) throw new SentryUnavailableError(`Sentry's answer for ${request.what} is not a list`);
      items.push(...body);
      const next = nextPageLink(headers.get('link'));
      url = next !== null && this.#mayFollow(next.url) && !seen.has(next.url) ? next.url : null;
    }
    return { items, truncated: false };
  }

  #url(request: SentryRequest): string {
    const url = new URL(`${this.baseUrl}/api/0${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.append(key, value);
    return url.toString();
  }

  /** Same origin, or both on sentry.io (its regions redirect among themselves): the token may go there. */
  #mayFollow(target: string): boolean {
    const from = new URL(this.baseUrl);
    const to = new URL(target);
    if (to.origin === from.origin) return true;
    const saas = (host: string): boolean => host === 'sentry.io' || host.endsWith('.sentry.io');
    return to.protocol === 'https:' && saas(from.hostname) && saas(to.hostname);
  }

  async #send(url: string, request: SentryRequest): Promise<{ body: unknown; headers: Headers }> {
    const key = new URL(url).pathname;
    for (let attempt = 0; ; attempt += 1) {
      await this.#waitForWindow(key, request);
      const response = await this.#fetchFollowing(url, request);
      const limit = readRateLimit(response.headers);
      if (limit !== null) this.#limits.set(key, limit);
      if (RETRYABLE.has(response.status) && attempt < this.#options.maxRetries) {
        await response.body?.cancel();
        await this.#pause(this.#retryDelay(response, attempt), request, response.status);
        continue;
      }
      if (response.ok) return { body: await readJson(response, request), headers: response.headers };
      throw await failure(response, request, new URL(url).pathname, this.#options.token.source);
    }
  }

  /** Redirects are followed by hand so the Authorization header never goes somewhere else. */
  async #fetchFollowing(url: string, request: SentryRequest): Promise<Response> {
    let target = url;
    for (let hop = 0; ; hop += 1) {
      const response = await this.#fetchOnce(target, request);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return response;
      await response.body?.cancel();
      const next = new URL(location, target).toString();
      if (!this.#mayFollow(next)) {
        throw new SentryUnavailableError(`Sentry redirected ${request.what} to ${new URL(next).origin}, which triage will not send the token to`, {
          hint: `If that is where your Sentry lives, set SENTRY_URL=${new URL(next).origin}.`,
        });
      }
      if (hop === MAX_REDIRECTS) throw new SentryUnavailableError(`Sentry redirected ${request.what} more than ${MAX_REDIRECTS} times`);
      target = next;
    }
  }

  async #fetchOnce(url: string, request: SentryRequest): Promise<Response> {
    try {
      return await this.#options.fetch(url, {
        headers: { Authorization: this.#options.token.authorizationHeader(), Accept: 'application/json', 'User-Agent': `triage/${VERSION}` },
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (error) {
      if (isTimeout(error)) {
        const limit = this.#options.timeoutMs;
        throw new SentryUnavailableError(`Sentry did not answer for ${request.what} within ${limit < 1000 ? `${limit} ms` : `${Math.round(limit / 1000)} s`}`, { cause: error });
      }
      throw new SentryUnavailableError(`could not reach Sentry at ${new URL(url).origin} for ${request.what}: ${networkReason(error)}`, {
        hint: 'Check the network and SENTRY_URL, or run on a saved webhook payload with --offline.',
        cause: error,
      });
    }
  }

  /** Sentry says how many requests remain in the window: at zero, wait for the reset instead of earning a 429. */
  async #waitForWindow(key: string, request: SentryRequest): Promise<void> {
    const limit = this.#limits.get(key);
    if (limit?.remaining !== 0 || limit.resetAt === null) return;
    const wait = limit.resetAt - this.#options.now();
    if (wait > 0) await this.#pause(wait, request, null);
    this.#limits.delete(key);
  }

  #retryDelay(response: Response, attempt: number): number {
    const now = this.#options.now();
    const retryAfter = retryAfterMs(response.headers.get('retry-after'), now);
    if (retryAfter !== null) return retryAfter;
    // A 429 without Retry-After: the window's reset says when; a 5xx only earns a short backoff.
    const resetAt = response.status === 429 ? (readRateLimit(response.headers)?.resetAt ?? null) : null;
    if (resetAt !== null && resetAt > now) return resetAt - now;
    return 500 * 2 ** attempt;
  }

  async #pause(ms: number, request: SentryRequest, status: number | null): Promise<void> {
    const seconds = Math.ceil(ms / 1000);
    if (ms > this.#options.maxWaitMs) {
      throw new SentryUnavailableError(`Sentry's rate limit blocks ${request.what} for ${seconds} s`, { hint: `Try again in ${seconds} s.` });
    }
    const why = status === null ? 'its rate limit is used up' : status === 429 ? 'it answered 429 Too Many Requests' : `it answered ${status}`;
    if (ms >= 1000) this.#options.notify(`Sentry: ${why}; waiting ${seconds} s before fetching ${request.what}.`);
    await this.#options.sleep(ms);
  }
}

async function readJson(response: Response, request: SentryRequest): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new SentryUnavailableError(`Sentry's answer for ${request.what} is not JSON (${response.headers.get('content-type') ?? 'no content type'})`, {
      hint: 'Check that SENTRY_URL points at Sentry itself, not a proxy or login page.',
    });
  }
}

async function failure(response: Response, request: SentryRequest, path: string, tokenSource: string): Promise<Error> {
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    return new SentryAuthError(response.status, request.what, tokenSource);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return new SentryNotFoundError(request.what, safeDecode(path));
  }
  const detail = await response.text().then(detailOf, () => null);
  const retryable = response.status === 429 || response.status >= 500;
  return new SentryUnavailableError(`Sentry answered ${response.status} for ${request.what}${detail === null ? '' : `: ${detail}`}`, retryable ? {} : { hint: 'This looks like a bug in triage\'s request; please report it.' });
}

/** Sentry's errors are `{"detail": "..."}`; anything else is cut short rather than dumped. */
function detailOf(text: string): string | null {
  try {
    const detail = (JSON.parse(text) as { detail?: unknown }).detail;
    if (typeof detail === 'string') return detail.slice(0, 200);
  } catch {
    // not JSON: say nothing rather than print a page of HTML
  }
  return null;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
