import type { Redactor } from '../privacy/redact.js';
import { classifyError, retryDelay, type CallFailure } from './failure.js';
import type { ContentBlock, MessagesRequest } from './requests.js';
import type { SessionLog } from './session-log.js';
import type { ApiUsage } from './usage.js';

/**
 * The one way out of the machine. Every request — step, repair, follow-up question — passes
 * through `call`, which redacts the whole body first; so does what `--show-prompt` prints and
 * what the session log records. Nothing else in triage talks to the API.
 *
 * Retries are ours, not the SDK's (its maxRetries is 0): they honour `retry-after` and
 * `x-should-retry`, and they stop at the step's deadline (`--llm-timeout`), so a slow or
 * throttled API costs one bounded wait and never stalls the walk.
 */

export interface ApiMessage {
  content: ContentBlock[];
  stop_reason: string | null;
  usage: ApiUsage;
  model?: string;
}

export interface CallMeta {
  step: string;
  purpose: 'step' | 'repair' | 'follow-up';
}

export interface CallResult {
  message: ApiMessage;
  latencyMs: number;
  attempts: number;
  requestBytes: number;
}

export class LlmCallError extends Error {
  constructor(
    readonly failure: CallFailure,
    readonly attempts: number,
  ) {
    super(failure.message);
    this.name = 'LlmCallError';
  }
}

/** Thrown in `--show-prompt` mode after printing: the request was shown, not sent. */
export class PromptShown extends Error {}

export interface TransportOptions {
  apiKey: string | null;
  /** ANTHROPIC_BASE_URL, for proxies and compatible servers; the SDK's default otherwise. */
  baseURL: string | undefined;
  timeoutMs: number;
  redactor: Redactor;
  log: SessionLog;
  /** --show-prompt: receives the exact body instead of the API. */
  show?: (body: string, meta: CallMeta) => void;
  maxAttempts?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Transport {
  call(request: MessagesRequest, meta: CallMeta, onText?: (text: string) => void): Promise<CallResult>;
}

type Client = {
  messages: {
    create(body: unknown, options: unknown): Promise<ApiMessage>;
    stream(body: unknown, options: unknown): { on(event: 'text', listener: (text: string) => void): unknown; finalMessage(): Promise<ApiMessage> };
  };
};

export function createTransport(options: TransportOptions): Transport {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = options.maxAttempts ?? 3;
  let client: Client | null = null;

  const getClient = async (): Promise<Client> => {
    if (client) return client;
    const { default: Anthropic } = await import('@anthropic-ai/sdk');
    const { log } = options;
    const sdkLog = (level: string) => (message: string) => log.event(`sdk ${level}: ${String(message)}`);
    client = new Anthropic({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      maxRetries: 0,
      timeout: options.timeoutMs,
      logLevel: 'warn',
      logger: { error: sdkLog('error'), warn: sdkLog('warn'), info: sdkLog('info'), debug: sdkLog('debug') },
    }) as unknown as Client;
    return client;
  };

  /**
   * One attempt. A JSON call is bounded by the time left; a stream by the time since its last
   * event, so a long answer that keeps arriving is not cut off but a stalled one is.
   */
  async function attempt(body: MessagesRequest, remainingMs: number, onText?: (text: string) => void): Promise<{ message: ApiMessage; streamed: boolean }> {
    const api = await getClient();
    const controller = new AbortController();
    let timer = setTimeout(() => controller.abort(), remainingMs);
    let streamed = false;
    try {
      if (!onText) return { message: await api.messages.create(body, { timeout: remainingMs, signal: controller.signal }), streamed };
      const stream = api.messages.stream(body, { timeout: remainingMs, signal: controller.signal });
      stream.on('text', (text) => {
        streamed = true;
        clearTimeout(timer);
        timer = setTimeout(() => controller.abort(), options.timeoutMs);
        onText(text);
      });
      return { message: await stream.finalMessage(), streamed };
    } catch (error) {
      // Our own deadline aborting reads as a user abort to the SDK: it is a timeout here.
      if (controller.signal.aborted) throw Object.assign(new Error('timed out'), { name: 'APIConnectionTimeoutError', streamed });
      throw Object.assign(error as object, { streamed });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async call(request, meta, onText) {
      const safe = options.redactor.redactDeep(request);
      const body = JSON.stringify(safe);
      if (options.show) {
        options.show(body, meta);
        throw new PromptShown('shown, not sent');
      }
      const started = now();
      const deadline = started + options.timeoutMs;
      for (let n = 1; ; n++) {
        try {
          const { message } = await attempt(safe, Math.max(1, deadline - now()), onText);
          return { message, latencyMs: now() - started, attempts: n, requestBytes: Buffer.byteLength(body) };
        } catch (error) {
          const failure = classifyError(error, now());
          // Once part of an answer is on the screen, a retry would show it twice.
          const wait = (error as { streamed?: boolean }).streamed ? null : retryDelay(failure, n, maxAttempts, deadline - now());
          options.log.attemptFailed({ ...meta, attempt: n, kind: failure.kind, status: failure.status, waitMs: wait, message: failure.message });
          if (wait === null) {
            options.log.call({ ...meta, model: request.model, outcome: 'failed', attempts: n, latencyMs: now() - started, requestBytes: Buffer.byteLength(body), status: failure.status, error: `${failure.kind}: ${failure.message}` });
            throw new LlmCallError(failure, n);
          }
          await sleep(wait);
        }
      }
    },
  };
}
