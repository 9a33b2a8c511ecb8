import path from 'node:path';
import type { Helper } from '../helpers/types.js';
import type { WalkDeps } from '../playbook/engine.js';
import type { SessionState } from '../playbook/session.js';
import { sessionDir } from '../playbook/session-store.js';
import { loadRedactionPatterns, RedactionConfigError } from '../privacy/config.js';
import { createRedactor, scrubLiteral } from '../privacy/redact.js';
import type { Theme } from '../ui/theme.js';
import { createClaudeHelper } from './claude-helper.js';
import { DEFAULT_MODEL } from './models.js';
import { NO_LOG, openSessionLog } from './session-log.js';
import { createTransport } from './transport.js';
import { promptTokens } from './usage.js';

/**
 * Wiring the Claude helper for one walk: settings (flags, then what the session started with,
 * then TRIAGE_MODEL and defaults), the redactor with the repository's extra patterns, the
 * session log beside state.json, and the transport. Loaded only when Claude will be used.
 */

export interface ClaudeFlags {
  model?: string | undefined;
  maxTokensBudget?: number | undefined;
  llmTimeout?: number | undefined;
  showPrompt?: boolean | undefined;
}

export interface ClaudeSetup {
  helper: Helper;
  ask: WalkDeps['ask'];
}

export const DEFAULT_TIMEOUT_SECONDS = 60;

export interface SetupIo {
  env: NodeJS.ProcessEnv;
  theme: Theme;
  stderr: (text: string) => void;
  stdout: (text: string) => void;
}

export async function setUpClaude(state: SessionState, flags: ClaudeFlags, fallback: Helper, io: SetupIo): Promise<ClaudeSetup | null> {
  const { c, symbols } = io.theme;
  const saved = state.options.claude;
  const settings = {
    model: flags.model ?? saved?.model ?? (io.env.TRIAGE_MODEL || DEFAULT_MODEL),
    maxTokensBudget: flags.maxTokensBudget ?? saved?.maxTokensBudget ?? null,
    timeoutSeconds: flags.llmTimeout ?? saved?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
  };
  const showPrompt = Boolean(flags.showPrompt);
  const apiKey = io.env.ANTHROPIC_API_KEY || null;
  const warn = (text: string): void => io.stderr(`${c.yellow(symbols.warn)} ${text}\n`);

  let extra;
  try {
    extra = await loadRedactionPatterns(state.options.repo);
  } catch (error) {
    if (!(error instanceof RedactionConfigError)) throw error;
    // A pattern the person asked for that cannot be applied means nothing may be sent.
    warn(`Claude is off for this session: the redaction config is broken (${error.message}).`);
    return null;
  }
  state.options.claude = settings;
  if (apiKey) {
    // The key in the incident's own data (a log line, an env dump in an alert) must not reach the
    // report, the postmortem or state.json through triage either.
    state.alert = scrubLiteral(state.alert, apiKey);
    state.evidence = scrubLiteral(state.evidence, apiKey);
    state.timeline = scrubLiteral(state.timeline, apiKey);
  }
  const redactor = createRedactor({ extra, literals: apiKey ? [apiKey] : [] });
  const logFile = path.join(sessionDir(state.options.repo, state.id), 'llm.log');
  const log = state.options.dryRun || showPrompt ? NO_LOG : await openSessionLog(logFile, state.id, redactor);
  const baseURL = io.env.ANTHROPIC_BASE_URL || undefined;
  let shown = 0;
  const transport = createTransport({
    apiKey,
    baseURL,
    timeoutMs: settings.timeoutSeconds * 1000,
    redactor,
    log,
    ...(showPrompt
      ? {
          show: (body: string, meta: { step: string; purpose: string }) => {
            io.stderr(c.dim(`--show-prompt: request ${++shown} (${meta.step}, ${meta.purpose}): POST ${baseURL ?? 'https://api.anthropic.com'}/v1/messages, ${Buffer.byteLength(body).toLocaleString('en-US')} bytes, not sent\n`));
            io.stdout(`${body}\n`);
          },
        }
      : {}),
  });
  const helper = createClaudeHelper({
    model: settings.model,
    transport,
    fallback,
    redactor,
    log,
    notify: warn,
    budgetTokens: settings.maxTokensBudget,
    spent: state.llm,
    timeoutSeconds: settings.timeoutSeconds,
  });
  if (!showPrompt) {
    const budget = settings.maxTokensBudget ? `, budget ${settings.maxTokensBudget.toLocaleString('en-US')} tokens` : '';
    io.stderr(c.dim(`Claude (${settings.model}) at every step${budget}; alert, logs and commits are redacted before sending${state.options.dryRun ? '' : `; calls logged to ${path.relative(state.options.repo, logFile)}`}.\n`));
  }
  return {
    helper,
    ask: {
      available: () => helper.available() && !showPrompt,
      async answer(context, question, current) {
        io.stderr(`\n${c.cyan('Claude ›')} `);
        const reply = await helper.followUp!(context, question, current, (text) => io.stderr(text));
        io.stderr(reply.ok ? '\n' : `${c.yellow(reply.reason)}\n`);
        return reply.ok ? { answer: reply.answer, usage: reply.usage } : { answer: null, usage: null };
      },
    },
  };
}

/** The close-out line: the sums of what the API reported. */
export function describeUsage(state: SessionState): string | null {
  const u = state.llm;
  if (!u.calls) return null;
  const prompt = promptTokens(u);
  const share = prompt ? Math.round((u.cacheReadTokens / prompt) * 100) : 0;
  const n = (x: number): string => x.toLocaleString('en-US');
  return `Claude: ${n(u.calls)} calls, ${n(prompt)} prompt tokens (${n(u.inputTokens)} uncached, ${n(u.cacheReadTokens)} read from cache = ${share}%, ${n(u.cacheWriteTokens)} written to it), ${n(u.outputTokens)} output tokens, about $${u.costUsd.toFixed(4)}.`;
}
