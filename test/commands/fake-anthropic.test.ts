import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens, startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.js';

/**
 * The fake Messages API is only worth its numbers if it follows the protocol and the caching
 * rules: checked here with the real SDK, so the other tests can trust what it reports.
 */

const KEY = 'sk-ant-api03-fake-server-self-test-0000';
let server: FakeAnthropic;
let client: Anthropic;
beforeAll(async () => {
  server = await startFakeAnthropic({ apiKey: KEY, minCacheTokens: 50 });
  client = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
});
afterAll(async () => server?.close());

const long = (word: string): string => Array.from({ length: 80 }, (_, i) => `${word}${i}`).join(' ');
const tool = { name: 'record', description: 'r', input_schema: { type: 'object' as const, properties: { a: { type: 'string' } } } };

function ask(system: string, user: string, cached = true) {
  return client.messages.create({
    model: 'claude-sonnet-5-5',
    max_tokens: 100,
    tools: [tool],
    system: [{ type: 'text', text: system, ...(cached ? { cache_control: { type: 'ephemeral' as const } } : {}) }],
    messages: [{ role: 'user', content: user }],
  });
}

describe('the fake Messages API', () => {
  it('writes a cached prefix once, reads it while identical, and writes anew when it changes', async () => {
    server.script(() => ({ kind: 'tool', input: { a: 'x' } }));
    const first = await ask(long('alpha'), 'step one');
    const second = await ask(long('alpha'), 'step two, longer question');
    const changed = await ask(long('beta'), 'step one');
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(50);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.input_tokens).toBeGreaterThan(first.usage.input_tokens);
    expect(changed.usage.cache_read_input_tokens).toBe(0);
    expect(changed.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    // Without a breakpoint nothing is cached, and the whole prompt is input.
    const plain = await ask(long('alpha'), 'step one', false);
    expect(plain.usage.cache_read_input_tokens).toBe(0);
    expect(plain.usage.input_tokens).toBe(first.usage.input_tokens + first.usage.cache_creation_input_tokens!);
  });

  it('does not cache a prefix below the minimum length', async () => {
    // No tools: they (and the API's tool-use preamble) would make any prefix long enough.
    const tiny = () => client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 10, system: [{ type: 'text', text: 'tiny', cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: 'hello' }] });
    server.script(() => ({ kind: 'text', text: 'ok' }));
    expect((await tiny()).usage.cache_creation_input_tokens).toBe(0);
    expect((await tiny()).usage).toMatchObject({ cache_read_input_tokens: 0, input_tokens: expect.any(Number) });
  });

  it('streams tool_use input and text as SSE the SDK assembles', async () => {
    server.script(() => ({ kind: 'tool', input: { a: 'streamed' } }));
    const stream = client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 100, tools: [tool], messages: [{ role: 'user', content: 'go' }] });
    const message = await stream.finalMessage();
    expect(message.content.find((b) => b.type === 'tool_use')).toMatchObject({ name: 'record', input: { a: 'streamed' } });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage.output_tokens).toBeGreaterThan(1);

    server.script(() => ({ kind: 'text', text: 'one two three four', chunks: 4 }));
    const chunks: string[] = [];
    const text = client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'go' }] }).on('text', (t) => chunks.push(t));
    expect((await text.finalMessage()).content).toEqual([{ type: 'text', text: 'one two three four' }]);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('answers errors the way the API does: typed body, request-id, retry-after', async () => {
    server.script(() => ({ kind: 'error', status: 429, type: 'rate_limit_error', retryAfter: '3' }));
    const error = await ask('x', 'y').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')).toBe('3');
    expect((error as { error: unknown }).error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('rejects what current models reject: forced tool choice, sampling parameters', async () => {
    server.script(() => undefined);
    const forced = client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 10, tools: [tool], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'x' }] });
    await expect(forced).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    // This SDK's types no longer even offer `temperature`; an older client would still send it.
    const withSampling = { model: 'claude-sonnet-5-5', max_tokens: 10, temperature: 0, messages: [{ role: 'user', content: 'x' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming;
    const sampled = client.messages.create(withSampling);
    await expect(sampled).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });

  it('counts tokens roughly like a BPE tokenizer', () => {
    expect(countTokens('Hello, world!')).toBe(4);
    expect(countTokens('2026-11-19')).toBe(6);
    expect(countTokens('internationalization')).toBe(3);
  });
});
