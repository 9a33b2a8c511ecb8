import type { HealthResult } from './recovery.js';

/**
 * One GET per health URL per poll. A check passes on a 2xx or 3xx within the timeout; anything
 * else (5xx, refused connection, timeout) is a failure with the reason a person would look for.
 */

function describeFailure(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000}s`;
  if (err.name === 'AbortError') return 'stopped';
  return err.cause?.code ?? err.cause?.message ?? err.message ?? 'failed';
}

export async function checkHealth(url: string, timeoutMs: number, signal: AbortSignal | null = null, userAgent = 'triage (health check)'): Promise<HealthResult> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      headers: { 'user-agent': userAgent, 'cache-control': 'no-cache' },
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    const latencyMs = Math.round(performance.now() - started);
    // The body is not needed; dropping it frees the connection for the next poll.
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 400;
    return { url, ok, status: response.status, latencyMs, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { url, ok: false, status: null, latencyMs: null, error: describeFailure(error, timeoutMs) };
  }
}
