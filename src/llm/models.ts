/**
 * Models triage knows, with list prices in USD per million tokens, for the cost it reports. The
 * README ("Budget and cost") shows this table; costs are estimates from it and the API's usage
 * fields. Prices as listed on platform.claude.com/docs/en/about-claude/pricing, checked
 * 2026-11-23 (Sonnet 5.5 cache reads at the 2026-10-07 rate). Cache writes are 5-minute writes,
 * the only kind triage asks for.
 */

/** Claude Sonnet 5.5: the current Sonnet, fast and strong enough to reason over a digest at 3 AM. */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

export interface ModelPrices {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

export interface ModelInfo {
  prices: ModelPrices;
  /** Accepts `output_config.effort`; older models reject it with a 400. */
  effort: boolean;
}

export const MODELS: Record<string, ModelInfo> = {
  'claude-sonnet-5-5': { prices: { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 }, effort: true },
  'claude-opus-5-5': { prices: { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 }, effort: true },
  // The ≤100k-token prompt tier: every triage request is far below it.
  'claude-haiku-5-5': { prices: { input: 0.1, output: 0.5, cacheWrite: 0.125, cacheRead: 0.01 }, effort: true },
  'claude-fable-5-1': { prices: { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 1 }, effort: true },
  'claude-sonnet-5': { prices: { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 }, effort: true },
  'claude-opus-5': { prices: { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 }, effort: true },
  'claude-haiku-4-5': { prices: { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 }, effort: false },
};

/** `claude-haiku-4-5-20251001` is priced as `claude-haiku-4-5`; an unknown model has no info. */
export function modelInfo(model: string): ModelInfo | null {
  return MODELS[model] ?? MODELS[model.replace(/-\d{8}$/, '')] ?? null;
}
