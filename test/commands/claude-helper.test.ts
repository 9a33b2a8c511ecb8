import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseAlert } from '../../src/alert/index.js';
import { RunOptionsSchema } from '../../src/commands/options.js';
import { startSession } from '../../src/commands/start-session.js';
import { createOfflineHelper } from '../../src/helpers/offline/index.js';
import { DEFAULT_MODEL } from '../../src/llm/models.js';
import { setUpClaude, type ClaudeFlags } from '../../src/llm/setup.js';
import { budgetTokens } from '../../src/llm/usage.js';
import { walkSession, type WalkDeps } from '../../src/playbook/engine.js';
import type { SessionState } from '../../src/playbook/session.js';
import { saveSession, sessionDir } from '../../src/playbook/session-store.js';
import { nonInteractive } from '../../src/ui/interaction.js';
import { createTheme } from '../../src/ui/theme.js';
import { buildPlantedIncident, PLANTED, plantedValues, TEST_API_KEY } from '../helpers/claude-fixture.js';
import { startFakeAnthropic, type FakeAnthropic, type Reply } from '../helpers/fake-anthropic.js';

/**
 * The Claude helper in-process, with the real SDK over real HTTP against the fake Messages API:
 * every failure mode ends in a completed session, and the numbers are the server's.
 */

let server: FakeAnthropic;
let base: SessionState;
let runs = 0;

beforeAll(async () => {
  const files = await buildPlantedIncident(path.join(mkdtempSync(path.join(tmpdir(), 'triage-claude-cmd-')), 'shop'));
  const alert = parseAlert(JSON.parse(await readFile(files.alert, 'utf8')), { receivedAt: new Date() });
  const options = RunOptionsSchema.parse({ repo: files.dir, logs: [files.logs], input: false });
  base = await startSession(alert, options, { now: () => new Date() });
  server = await startFakeAnthropic({ apiKey: TEST_API_KEY });
});
afterAll(async () => server?.close());
beforeEach(() => {
  server.requests.length = 0;
  server.script(() => undefined);
});

/** A step's index in the request stream is not fixed (retries, repairs): match on the step message. */
const stepOf = (body: { messages: unknown[] }): string | undefined => JSON.stringify(body.messages[0]).match(/Current step: \d\/8 ([a-z-]+)/)?.[1];

async function walk(flags: ClaudeFlags = {}, options: { key?: string } = {}): Promise<{ state: SessionState; said: string; deps: WalkDeps; live: string[] }> {
  const state = structuredClone(base);
  state.id = `test-${++runs}`;
  const said: string[] = [];
  const setup = await setUpClaude(state, flags, createOfflineHelper(), {
    env: { ANTHROPIC_API_KEY: options.key ?? TEST_API_KEY, ANTHROPIC_BASE_URL: server.url },
    theme: createTheme({ NO_COLOR: '1' }, false),
    stderr: (t) => said.push(t),
    stdout: () => undefined,
  });
  const deps: WalkDeps = {
    helper: setup!.helper,
    interaction: nonInteractive,
    reporter: { stepStarted: () => undefined, stepFinished: () => undefined, message: (t) => said.push(t) },
    save: saveSession,
    appendPostmortem: async () => ({ written: true }),
    now: () => new Date(),
    ask: setup!.ask,
  };
  await walkSession(state, deps);
  return { state, said: said.join(''), deps, live: said };
}

function expectServerAccounting(state: SessionState): void {
  const t = server.totals();
  expect(state.llm).toMatchObject({ calls: t.calls, inputTokens: t.input, outputTokens: t.output, cacheReadTokens: t.cacheRead, cacheWriteTokens: t.cacheWrite });
}

const logOf = (state: SessionState): string => readFileSync(path.join(sessionDir(state.options.repo, state.id), 'llm.log'), 'utf8');

describe('structured output', () => {
  it('keeps a claim citing unknown evidence, marked unsupported, and the rest of the answer', async () => {
    const { state } = await walk();
    expect(state.status).toBe('completed');
    const changed = state.steps.find((s) => s.id === 'what-changed')!;
    expect(changed.helper).toBe('claude');
    expect(changed.output!.findings.map((f) => [f.evidence[0], f.supported])).toEqual([
      ['alert', true],
      ['commit:0000000', false],
    ]);
    expect(state.steps.find((s) => s.id === 'localize')!.output!.hypotheses[0]).toMatchObject({ category: 'code-change', supported: true });
    expectServerAccounting(state);
  });

  it('repairs an invalid answer once, echoing the reply with an error tool_result', async () => {
    let first = true;
    server.script((body) => (stepOf(body) === 'assess' && first ? ((first = false), { kind: 'tool', input: { summary: 42, findings: 'none' } }) : undefined));
    const { state } = await walk();
    const assess = state.steps[0]!;
    expect(assess.helper).toBe('claude');
    expect(assess.llm!.calls).toBe(2);
    const repair = server.requests[1]!.body;
    expect(repair.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    // The assistant turn goes back as it came, thinking block included; the tool_use gets its result.
    expect((repair.messages[1]!.content as { type: string }[]).map((b) => b.type)).toEqual(['thinking', 'tool_use']);
    expect(repair.messages[2]!.content).toEqual([expect.objectContaining({ type: 'tool_result', is_error: true, content: expect.stringMatching(/summary: .*expected string/) })]);
    // Same cached prefix: the repair reads it from the cache like any later step.
    expect(server.requests[1]!.usage!.cache_read_input_tokens).toBeGreaterThan(0);
    expect(state.llm.calls).toBe(9);
    expectServerAccounting(state);
  });

  it('falls back to the offline answer for a step that stays invalid, and keeps Claude for the rest', async () => {
    server.script((body) => (stepOf(body) === 'golden-signals' ? { kind: 'text', text: 'I think the database is slow.' } : undefined));
    const { state, said } = await walk();
    expect(state.steps.map((s) => s.helper)).toEqual(['claude', 'offline', 'claude', 'claude', 'claude', 'claude', 'claude', 'claude']);
    expect(state.steps[1]!.output!.summary).toMatch(/Anomaly began/);
    expect(state.steps[1]!.llm!.calls).toBe(2);
    expect(said).toMatch(/step 2 \(golden-signals\) did not match the schema, even after one repair/);
    expect(state.llm.calls).toBe(9);
    expect(logOf(state)).toMatch(/"outcome":"invalid"/);
  });
});

describe('resilience', () => {
  it('honours retry-after on a 429, then carries on with Claude', async () => {
    let throttled = false;
    server.script(() => (throttled ? undefined : ((throttled = true), { kind: 'error', status: 429, type: 'rate_limit_error', retryAfter: '1' })));
    const { state } = await walk();
    const [limited, retried] = server.requests;
    expect(limited!.status).toBe(429);
    expect(retried!.receivedAt - limited!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(state.steps.every((s) => s.helper === 'claude')).toBe(true);
    expect(logOf(state)).toMatch(/"event":"llm.retry".*"kind":"rate-limited".*"waitMs":1000/);
    expectServerAccounting(state);
  });

  it('retries 529 and 500 with backoff and succeeds on the third attempt', async () => {
    const errors: Reply[] = [
      { kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' },
      { kind: 'error', status: 500, type: 'api_error', message: 'Internal server error' },
    ];
    server.script(() => errors.shift());
    const { state } = await walk();
    expect(server.requests.slice(0, 3).map((r) => r.status)).toEqual([529, 500, 200]);
    expect(state.steps[0]!.helper).toBe('claude');
    expect(state.llm.calls).toBe(8);
  });

  it('opens the circuit after a step fails for good: one notice, no more calls, a completed session', async () => {
    server.script(() => ({ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' }));
    const { state, said } = await walk();
    expect(server.requests).toHaveLength(3);
    expect(state.status).toBe('completed');
    expect(state.steps.map((s) => s.helper)).toEqual(Array(8).fill('offline'));
    expect(said.match(/use the offline helper/g)).toHaveLength(1);
    expect(said).toMatch(/the API is overloaded \(HTTP 529\); step 1 \(assess\) and the rest of the session use the offline helper/);
    expect(state.llm.calls).toBe(0);
  });

  it('does not sleep through a retry-after longer than the step timeout', async () => {
    server.script(() => ({ kind: 'error', status: 429, type: 'rate_limit_error', retryAfter: '120' }));
    const started = Date.now();
    const { state, said } = await walk({ llmTimeout: 5 });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(server.requests).toHaveLength(1);
    expect(said).toMatch(/rate limited \(HTTP 429\), asked to wait 120 s/);
    expect(state.status).toBe('completed');
  });

  it('a server that never answers costs one timeout, then the session goes on offline', async () => {
    server.script((body) => (stepOf(body) === 'what-changed' ? { kind: 'hang' } : undefined));
    const started = Date.now();
    const { state, said } = await walk({ llmTimeout: 1 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(6000);
    expect(server.requests).toHaveLength(3);
    expect(state.steps.map((s) => s.helper)).toEqual(['claude', 'claude', 'offline', 'offline', 'offline', 'offline', 'offline', 'offline']);
    expect(said).toMatch(/no answer within 1 s \(--llm-timeout\); step 3 \(what-changed\) and the rest of the session use the offline helper/);
    expectServerAccounting(state);
  });

  it('a slow answer within the timeout is waited for; past it, it is not', async () => {
    server.script((body) => (stepOf(body) === 'assess' ? { kind: 'slow', delayMs: 400, then: { kind: 'step' } } : undefined));
    expect((await walk({ llmTimeout: 3 })).state.steps[0]!.helper).toBe('claude');
    server.requests.length = 0;
    server.script(() => ({ kind: 'slow', delayMs: 2500, then: { kind: 'step' } }));
    const { state } = await walk({ llmTimeout: 1 });
    expect(state.steps[0]!.helper).toBe('offline');
    expect(server.requests).toHaveLength(1);
  });

  it('a rejected key is not retried, and says what to check', async () => {
    const { state, said } = await walk({}, { key: 'sk-ant-api03-wrong-key-0000000000000000' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.status).toBe(401);
    expect(said).toMatch(/the API rejected the key \(HTTP 401\): check ANTHROPIC_API_KEY/);
    expect(state.steps.every((s) => s.helper === 'offline')).toBe(true);
  });
});

describe('settings', () => {
  it('takes the model from --model, else what the session started with, else TRIAGE_MODEL, else the default', async () => {
    const modelOf = async (flags: ClaudeFlags, saved: string | null, env: string | undefined): Promise<string> => {
      const state = structuredClone(base);
      state.id = `model-${++runs}`;
      state.options.dryRun = true;
      if (saved) state.options.claude = { model: saved, maxTokensBudget: null, timeoutSeconds: 60 };
      server.requests.length = 0;
      const setup = await setUpClaude(state, flags, createOfflineHelper(), {
        env: { ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: server.url, ...(env ? { TRIAGE_MODEL: env } : {}) },
        theme: createTheme({ NO_COLOR: '1' }, false),
        stderr: () => undefined,
        stdout: () => undefined,
      });
      const context = { step: state.playbook.steps[0]!, stepIndex: 0, playbook: state.playbook, alert: state.alert, evidence: state.evidence, timeline: [], previous: [] };
      await setup!.helper.answerStep!(context);
      return server.requests[0]!.body.model;
    };
    expect(await modelOf({}, null, undefined)).toBe(DEFAULT_MODEL);
    expect(await modelOf({}, null, 'claude-haiku-5-5')).toBe('claude-haiku-5-5');
    expect(await modelOf({}, 'claude-opus-5-5', 'claude-haiku-5-5')).toBe('claude-opus-5-5');
    expect(await modelOf({ model: 'claude-fable-5-1' }, 'claude-opus-5-5', 'claude-haiku-5-5')).toBe('claude-fable-5-1');
  });
});

describe('budget', () => {
  it('stops calling Claude before the budget is spent, says so once, and the rest goes offline', async () => {
    const { state, said } = await walk({ maxTokensBudget: 12_000 });
    const claude = state.steps.filter((s) => s.helper === 'claude').length;
    expect(claude).toBeGreaterThanOrEqual(1);
    expect(claude).toBeLessThan(8);
    expect(state.steps.slice(claude).every((s) => s.helper === 'offline')).toBe(true);
    expect(budgetTokens(state.llm)).toBeLessThanOrEqual(12_000);
    expect(said.match(/token budget reached \([\d,]+ of 12,000 tokens\)/g)).toHaveLength(1);
    expectServerAccounting(state);
  });
});

describe('privacy and the session log', () => {
  it('sends no planted secret, logs every call without the key, and restores pseudonyms locally', async () => {
    server.script((body) => {
      if (stepOf(body) !== 'assess') return undefined;
      // The model cites the pseudonym it was shown; triage shows the person the real address.
      const pseudonym = JSON.stringify(body.system).match(/user\.email=(\[email#[0-9a-f]{6}\])/)![1]!;
      return { kind: 'tool', input: { summary: `Reported by ${pseudonym}.`, findings: [{ text: `User ${pseudonym} hit it.`, evidence: ['alert'] }] } };
    });
    const { state } = await walk();
    for (const r of server.requests) for (const secret of [...plantedValues(), TEST_API_KEY]) expect(r.raw.includes(secret), secret).toBe(false);
    expect(state.steps[0]!.output!.summary).toBe(`Reported by ${PLANTED.email}.`);
    const log = logOf(state);
    const calls = log.trim().split('\n').map((l) => JSON.parse(l) as { event: string; step?: string });
    expect(calls.filter((c) => c.event === 'llm.call').map((c) => c.step)).toEqual(state.steps.map((s) => s.id));
    for (const secret of [...plantedValues(), TEST_API_KEY]) expect(log.includes(secret), secret).toBe(false);
  });

  it('sends nothing when the repository redaction config is broken', async () => {
    const state = structuredClone(base);
    const repo = mkdtempSync(path.join(tmpdir(), 'triage-badrc-'));
    state.options.repo = repo;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(repo, '.triagerc.json'), JSON.stringify({ redact: { patterns: [{ name: 'customer', pattern: '(' }] } }));
    const said: string[] = [];
    const setup = await setUpClaude(state, {}, createOfflineHelper(), { env: { ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: server.url }, theme: createTheme({ NO_COLOR: '1' }, false), stderr: (t) => said.push(t), stdout: () => undefined });
    expect(setup).toBeNull();
    expect(said.join('')).toMatch(/Claude is off for this session: the redaction config is broken \(.*redact\.patterns\[0\]\.pattern/);
  });
});

describe('follow-up questions', () => {
  it('streams the answer as it arrives, from the same cached evidence', async () => {
    const { state, deps, live } = await walk();
    server.requests.length = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const text = 'The pool is exhausted since 02:36 [saturation:1]; revert c918e0d first [commit:c918e0d].';
    server.script(() => ({ kind: 'text', text, chunks: 4, gate }));
    const context = { step: state.playbook.steps[3]!, stepIndex: 3, playbook: state.playbook, alert: state.alert, evidence: state.evidence, timeline: state.timeline, previous: [] };
    const before = live.length;
    const answering = deps.ask!.answer(context, 'Why the pool and not the express bump?', state.steps[3]!.output!);
    // The first chunk is on the screen while the server still holds back the rest.
    await vi.waitFor(() => expect(live.slice(before).join('')).toContain('The pool is exh'));
    expect(live.slice(before).join('')).not.toContain('[commit:c918e0d]');
    release();
    const reply = await answering;
    expect(live.slice(before).join('')).toContain(text);
    expect(reply.answer).toBe(text);
    const request = server.requests[0]!;
    expect(request.body.stream).toBe(true);
    expect(request.usage!.cache_read_input_tokens).toBeGreaterThan(0);
    expect(JSON.stringify(request.body.messages)).toContain('<untrusted-data source=\\"question\\">\\nWhy the pool and not the express bump?');
    expect(reply.usage!.calls).toBe(1);
  });
});

describe('the default model', () => {
  it('is current: the SDK does not warn that it is deprecated (and does for one that is)', async () => {
    const { default: Anthropic } = await import('@anthropic-ai/sdk');
    const client = new Anthropic({ apiKey: TEST_API_KEY, baseURL: server.url, maxRetries: 0 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ask = (model: string) => client.messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'ping' }] });
    server.script(() => ({ kind: 'text', text: 'pong' }));
    await ask(DEFAULT_MODEL);
    expect(warn).not.toHaveBeenCalled();
    await ask('claude-sonnet-4-5');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/deprecated/));
    warn.mockRestore();
  });
});
