import type { Redactor } from '../privacy/redact.js';

/**
 * The Claude session log: one JSON line per call (model, tokens, latency, outcome) in
 * `.triage/sessions/<id>/llm.log`, beside state.json; never on the terminal. pino is loaded
 * only when Claude is in use. Every entry goes through the same redactor as the prompts, and
 * the API key is a literal it removes, so neither secrets from the incident nor the key land
 * in the file.
 */

export interface CallRecord {
  step: string;
  purpose: 'step' | 'repair' | 'follow-up';
  model: string;
  outcome: 'ok' | 'invalid' | 'failed';
  attempts: number;
  latencyMs: number;
  requestBytes: number;
  status?: number | null;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  costUsd?: number;
  stopReason?: string | null;
  error?: string;
}

export interface SessionLog {
  call(record: CallRecord): void;
  attemptFailed(fields: { step: string; purpose: string; attempt: number; kind: string; status: number | null; waitMs: number | null; message: string }): void;
  event(message: string, fields?: Record<string, unknown>): void;
}

export const NO_LOG: SessionLog = { call: () => undefined, attemptFailed: () => undefined, event: () => undefined };

export async function openSessionLog(file: string, sessionId: string, redactor: Redactor): Promise<SessionLog> {
  const { pino } = await import('pino');
  const logger = pino(
    {
      base: { sessionId },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces: nothing we log carries headers, but if an SDK error ever does, its key goes.
      redact: { paths: ['headers["x-api-key"]', 'headers.authorization', '*.headers["x-api-key"]', 'apiKey'], censor: '[REDACTED]' },
      formatters: { log: (object) => redactor.redactDeep(object) },
    },
    // Synchronous: the CLI exits explicitly when done, and a log that loses its last line is no log.
    pino.destination({ dest: file, mkdir: true, sync: true, mode: 0o600 }),
  );
  return {
    call: (record) => logger.info({ event: 'llm.call', ...record }, 'llm call'),
    attemptFailed: (fields) => logger.warn({ event: 'llm.retry', ...fields }, 'llm attempt failed'),
    event: (message, fields = {}) => logger.info({ event: 'llm.event', ...fields }, redactor.redact(message)),
  };
}
