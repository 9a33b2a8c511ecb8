import type { Evidence } from '../evidence/types.js';
import type { FollowUpAnswer, Helper, StepAnswer, StepContext, StepOutput } from '../helpers/types.js';
import type { Redactor } from '../privacy/redact.js';
import { createStreamRestorer } from '../privacy/redact.js';
import type { LlmUsage } from '../report.js';
import { describeFailure } from './failure.js';
import { modelInfo } from './models.js';
import { buildPrefix, followUpRequest, promptChars, repairRequest, stepRequest, STEP_MAX_TOKENS, type MessagesRequest, type PromptPrefix } from './requests.js';
import type { SessionLog } from './session-log.js';
import { parseStepAnalysis, STEP_TOOL_NAME, stripControl, type ParsedStep } from './step-schema.js';
import { LlmCallError, PromptShown, type CallMeta, type CallResult, type Transport } from './transport.js';
import { addUsage, budgetTokens, promptTokens, sumUsage, usageOfCall } from './usage.js';

/**
 * Claude behind the Helper interface. It never throws and never blocks the walk: a step Claude
 * cannot answer gets the offline helper's answer instead. Three things switch it off for the
 * rest of the session, each said once: a failed call (the circuit breaker: no second wait on a
 * dead API), the token budget, and a broken redaction config (decided before it is built).
 */

export interface ClaudeHelperOptions {
  model: string;
  transport: Transport;
  fallback: Helper;
  redactor: Redactor;
  log: SessionLog;
  notify: (text: string) => void;
  /** --max-tokens-budget: every token the API reports, in and out, for the whole session. */
  budgetTokens: number | null;
  /** What the session already spent (a resumed session keeps counting). */
  spent: LlmUsage;
  timeoutSeconds: number;
}

/** The smallest answer worth asking for: below it a step would be cut off mid-sentence. */
const MIN_OUTPUT_TOKENS = 512;

export interface ClaudeHelper extends Helper {
  readonly available: () => boolean;
}

export function createClaudeHelper(options: ClaudeHelperOptions): ClaudeHelper {
  const { transport, redactor, log, notify, model } = options;
  const prices = modelInfo(model)?.prices ?? null;
  let spent = options.spent;
  let offlineReason: string | null = null;
  let prefix: PromptPrefix | null = null;
  if (!prices) log.event(`no price known for model ${model}: costUsd counts it as 0`);

  const goOffline = (reason: string, from: string): void => {
    if (offlineReason) return;
    offlineReason = reason;
    notify(`Claude: ${reason}; ${from} use the offline helper.`);
    log.event('helper offline', { reason });
  };

  // Tokens per character of our prompts: a cautious guess until the API has counted one, then
  // what it counted. The budget check before a call needs the prompt's size in tokens.
  let tokensPerChar = 1 / 3;
  const estimatePrompt = (request: MessagesRequest): number => Math.ceil(promptChars(request) * tokensPerChar * 1.05);

  const budgetReached = (): string => `token budget reached (${budgetTokens(spent).toLocaleString('en-US')} of ${(options.budgetTokens ?? 0).toLocaleString('en-US')} tokens)`;

  /** The output budget left for a request, or null when it no longer fits: the cap is never overrun. */
  const outputRoom = (request: MessagesRequest): number | null => {
    if (options.budgetTokens === null) return request.max_tokens;
    const room = options.budgetTokens - budgetTokens(spent) - estimatePrompt(request);
    return room >= MIN_OUTPUT_TOKENS ? Math.min(request.max_tokens, room) : null;
  };

  const send = async (request: MessagesRequest, meta: CallMeta, onText?: (t: string) => void): Promise<{ result: CallResult; usage: LlmUsage }> => {
    const result = await transport.call(request, meta, onText);
    const usage = usageOfCall(result.message.usage, prices);
    spent = addUsage(spent, usage);
    if (promptTokens(usage) > 0) tokensPerChar = promptTokens(usage) / promptChars(request);
    return { result, usage };
  };

  const logCall = (meta: CallMeta, result: CallResult, usage: LlmUsage, outcome: 'ok' | 'invalid'): void =>
    log.call({ ...meta, model, outcome, attempts: result.attempts, latencyMs: result.latencyMs, requestBytes: result.requestBytes, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, cacheReadTokens: usage.cacheReadTokens, cacheWriteTokens: usage.cacheWriteTokens, costUsd: usage.costUsd, stopReason: result.message.stop_reason });

  const parseReply = (result: CallResult, evidence: Evidence): ParsedStep => {
    const call = result.message.content.find((b) => b.type === 'tool_use' && b.name === STEP_TOOL_NAME) as { input?: unknown } | undefined;
    if (!call) return { ok: false, problem: `no ${STEP_TOOL_NAME} tool call in the reply (stop reason ${result.message.stop_reason ?? 'none'})` };
    // Pseudonyms back to the real values first: the IDs they stood in for are what the evidence holds.
    return parseStepAnalysis(redactor.restoreDeep(call.input), evidence.facts);
  };

  const offline = async (context: StepContext, usage: LlmUsage[]): Promise<StepAnswer> => ({
    output: await options.fallback.runStep(context),
    helper: 'offline',
    usage: usage.length ? sumUsage(usage) : null,
  });

  async function answerStep(context: StepContext): Promise<StepAnswer> {
    if (offlineReason) return offline(context, []);
    prefix ??= buildPrefix(model, context);
    const stepNo = `step ${context.stepIndex + 1} (${context.step.id})`;
    const used: LlmUsage[] = [];
    try {
      let request = stepRequest(prefix, context, STEP_MAX_TOKENS);
      for (const purpose of ['step', 'repair'] as const) {
        const room = outputRoom(request);
        if (room === null) {
          goOffline(budgetReached(), `${stepNo} and every step after it`);
          return offline(context, used);
        }
        request = { ...request, max_tokens: room };
        const meta = { step: context.step.id, purpose };
        const { result, usage } = await send(request, meta);
        used.push(usage);
        const parsed = parseReply(result, context.evidence);
        logCall(meta, result, usage, parsed.ok ? 'ok' : 'invalid');
        if (parsed.ok) return { output: parsed.output, helper: 'claude', usage: sumUsage(used) };
        log.event('invalid step output', { step: context.step.id, purpose, problem: parsed.problem });
        if (purpose === 'repair') break;
        request = repairRequest(request, result.message.content, parsed.problem);
      }
      notify(`Claude's answer to ${stepNo} did not match the schema, even after one repair; this step uses the offline helper.`);
      return offline(context, used);
    } catch (error) {
      if (error instanceof PromptShown) return offline(context, used);
      if (error instanceof LlmCallError) {
        goOffline(describeFailure(error.failure, options.timeoutSeconds), `${stepNo} and the rest of the session`);
        return offline(context, used);
      }
      // Anything else is a bug of ours, not the API's: still never the end of the walk.
      goOffline(`unexpected error (${(error as Error).message})`, `${stepNo} and the rest of the session`);
      return offline(context, used);
    }
  }

  async function followUp(context: StepContext, question: string, current: StepOutput | null, onText: (text: string) => void): Promise<FollowUpAnswer> {
    if (offlineReason) return { ok: false, reason: `Claude is off for this session (${offlineReason}).`, usage: null };
    prefix ??= buildPrefix(model, context);
    const request = followUpRequest(prefix, context, question, current);
    const room = outputRoom(request);
    if (room === null) {
      goOffline(budgetReached(), 'every step after this one');
      return { ok: false, reason: 'The token budget is spent.', usage: null };
    }
    const restorer = createStreamRestorer(redactor);
    const meta = { step: context.step.id, purpose: 'follow-up' as const };
    try {
      const { result, usage } = await send({ ...request, max_tokens: room }, meta, (text) => onText(stripControl(restorer.push(text))));
      onText(stripControl(restorer.flush()));
      logCall(meta, result, usage, 'ok');
      const answer = stripControl(result.message.content.filter((b) => b.type === 'text').map((b) => redactor.restore(String(b.text))).join(''));
      return { ok: true, answer, usage };
    } catch (error) {
      const reason = error instanceof LlmCallError ? describeFailure(error.failure, options.timeoutSeconds) : `unexpected error (${(error as Error).message})`;
      goOffline(reason, 'every step after this one');
      return { ok: false, reason: `No answer: ${reason}.`, usage: null };
    }
  }

  return {
    name: 'claude',
    runStep: async (context) => (await answerStep(context)).output,
    answerStep,
    followUp,
    available: () => offlineReason === null,
  };
}
