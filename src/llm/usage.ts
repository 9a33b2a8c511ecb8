import { ZERO_LLM_USAGE, type LlmUsage } from '../report.js';
import type { ModelPrices } from './models.js';

/** The usage fields of a Messages API response (JSON or the final streamed message). */
export interface ApiUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/**
 * One call's usage in the report's terms. `inputTokens` is the API's `input_tokens`: the part
 * of the prompt after the last cache breakpoint. The whole prompt is input + cache reads +
 * cache writes (see promptTokens).
 */
export function usageOfCall(usage: ApiUsage, prices: ModelPrices | null): LlmUsage {
  const cacheReadTokens = usage.cache_read_input_tokens ?? 0;
  const cacheWriteTokens = usage.cache_creation_input_tokens ?? 0;
  const costUsd = prices
    ? (usage.input_tokens * prices.input + usage.output_tokens * prices.output + cacheWriteTokens * prices.cacheWrite + cacheReadTokens * prices.cacheRead) / 1e6
    : 0;
  return { calls: 1, inputTokens: usage.input_tokens, outputTokens: usage.output_tokens, cacheReadTokens, cacheWriteTokens, costUsd };
}

export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return {
    calls: a.calls + b.calls,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    // Rounded to a micro-dollar so sums of floats print and compare cleanly.
    costUsd: Math.round((a.costUsd + b.costUsd) * 1e6) / 1e6,
  };
}

export function sumUsage(list: LlmUsage[]): LlmUsage {
  return list.reduce(addUsage, { ...ZERO_LLM_USAGE });
}

/** Every prompt token, wherever it was billed: what the 40k goal and the cache share are measured on. */
export function promptTokens(u: LlmUsage): number {
  return u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
}

/** What `--max-tokens-budget` counts: every token the API reported, in and out. */
export function budgetTokens(u: LlmUsage): number {
  return promptTokens(u) + u.outputTokens;
}
