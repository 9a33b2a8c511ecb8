import type { StepContext, StepOutput } from '../helpers/types.js';
import { modelInfo } from './models.js';
import { buildFollowUpMessage, buildIncidentBrief, buildRepairMessage, buildStepMessage, SYSTEM_PROMPT } from './prompt.js';
import { stepTool } from './step-schema.js';

/**
 * Messages API request bodies, as plain data. Tools, then system, then messages is the order
 * the API caches in; the one cache breakpoint sits on the incident brief, so tools + system
 * prompt + brief are written once and read by every later step and follow-up question. Every
 * request of a session shares that prefix byte for byte — same tools, same tool_choice, same
 * output_config — or the cache would miss.
 */

export interface TextBlock {
  type: 'text';
  text: string;
  cache_control?: { type: 'ephemeral' };
}
export type ContentBlock = TextBlock | { type: string; [key: string]: unknown };
export interface MessageParam {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

export interface MessagesRequest {
  model: string;
  max_tokens: number;
  tools: ReturnType<typeof stepTool>[];
  system: TextBlock[];
  messages: MessageParam[];
  output_config?: { effort: 'low' | 'medium' | 'high' };
  stream?: boolean;
}

export const STEP_MAX_TOKENS = 4096;
export const FOLLOW_UP_MAX_TOKENS = 2048;

export interface PromptPrefix {
  model: string;
  tools: ReturnType<typeof stepTool>[];
  system: TextBlock[];
  output_config?: { effort: 'low' };
}

export function buildPrefix(model: string, context: Pick<StepContext, 'playbook' | 'alert' | 'evidence'>): PromptPrefix {
  return {
    model,
    tools: [stepTool()],
    system: [
      { type: 'text', text: SYSTEM_PROMPT },
      { type: 'text', text: buildIncidentBrief(context), cache_control: { type: 'ephemeral' } },
    ],
    // Adaptive-thinking models think less at low effort: each step is extraction over a
    // pre-digested brief, and it has to come back in seconds. Older models reject the field.
    ...(modelInfo(model)?.effort ? { output_config: { effort: 'low' as const } } : {}),
  };
}

function withPrefix(prefix: PromptPrefix, maxTokens: number, messages: MessageParam[]): MessagesRequest {
  return { model: prefix.model, max_tokens: maxTokens, tools: prefix.tools, system: prefix.system, messages, ...(prefix.output_config ? { output_config: prefix.output_config } : {}) };
}

const text = (t: string): TextBlock => ({ type: 'text', text: t });

export function stepRequest(prefix: PromptPrefix, context: StepContext, maxTokens = STEP_MAX_TOKENS): MessagesRequest {
  return withPrefix(prefix, maxTokens, [{ role: 'user', content: [text(buildStepMessage(context))] }]);
}

/**
 * The one repair turn: the model sees its own answer and what was wrong with it. A tool call
 * gets a tool_result marked as an error (the API requires one to follow every tool_use).
 */
export function repairRequest(first: MessagesRequest, reply: ContentBlock[], problem: string): MessagesRequest {
  const toolUses = reply.filter((b): b is { type: 'tool_use'; id: string } => b.type === 'tool_use' && typeof b.id === 'string');
  const content: ContentBlock[] = toolUses.length
    ? toolUses.map((b, i) => ({ type: 'tool_result', tool_use_id: b.id, is_error: true, content: i === 0 ? buildRepairMessage(problem) : 'Ignored: call the tool once.' }))
    : [text(buildRepairMessage(problem))];
  return { ...first, messages: [...first.messages, { role: 'assistant', content: reply }, { role: 'user', content }] };
}

export function followUpRequest(prefix: PromptPrefix, context: StepContext, question: string, current: StepOutput | null, maxTokens = FOLLOW_UP_MAX_TOKENS): MessagesRequest {
  return { ...withPrefix(prefix, maxTokens, [{ role: 'user', content: [text(buildFollowUpMessage(context, question, current))] }]), stream: true };
}

/** The size of what the API counts as the prompt, for estimating its tokens before a call. */
export function promptChars(request: MessagesRequest): number {
  return JSON.stringify({ tools: request.tools, system: request.system, messages: request.messages }).length;
}
