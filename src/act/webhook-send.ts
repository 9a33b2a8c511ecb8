import type { Delivery } from './act-record.js';
import type { Destination } from './webhooks.js';

/**
 * Delivering one update to one webhook: retries with exponential backoff on network errors,
 * timeouts, 429 and 5xx, waiting what Retry-After asks when the service says; other 4xx are
 * final (a wrong or revoked URL does not get better by asking again).
 */

export interface SendOptions {
  attempts?: number;
  baseDelayMs?: number;
  /** The longest wait triage accepts, Retry-After included: past it the update is reported undelivered. */
  maxDelayMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  userAgent?: string;
}

/** Retry-After in seconds or as an HTTP date → milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential with jitter (half to full), so several senders do not retry in step. */
export function backoffMs(attempt: number, baseMs: number, random: () => number): number {
  return Math.round(baseMs * 2 ** (attempt - 1) * (0.5 + random() / 2));
}

const retriable = (status: number): boolean => status === 429 || status >= 500;

function failureOf(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000}s`;
  return err.cause?.code ?? err.message ?? 'failed';
}

export async function sendWebhook(destination: Destination, payload: unknown, options: SendOptions = {}): Promise<Delivery> {
  const attempts = options.attempts ?? 4;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const body = JSON.stringify(payload);
  const result: Delivery = { destination: destination.kind, host: destination.host, ok: false, attempts: 0, status: null, error: null };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    result.attempts = attempt;
    let wait: number | null = null;
    try {
      const response = await fetch(destination.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': options.userAgent ?? 'triage (status update)' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      result.status = response.status;
      if (response.ok) return { ...result, ok: true, error: null };
      result.error = `HTTP ${response.status}`;
      if (!retriable(response.status)) return result;
      wait = retryAfterMs(response.headers.get('retry-after'), now());
    } catch (error) {
      result.status = null;
      result.error = failureOf(error, timeoutMs);
    }
    if (attempt === attempts) break;
    const delay = wait ?? backoffMs(attempt, options.baseDelayMs ?? 1000, options.random ?? Math.random);
    if (delay > maxDelayMs) {
      result.error = `${result.error}; asked to wait ${Math.round(delay / 1000)}s, longer than ${Math.round(maxDelayMs / 1000)}s`;
      return result;
    }
    await sleep(delay);
  }
  result.error = `${result.error} after ${result.attempts} attempts`;
  return result;
}
