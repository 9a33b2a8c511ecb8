import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Messages API for tests: the real SDK talks to it over real HTTP through
 * ANTHROPIC_BASE_URL. It speaks the wire protocol as documented — `POST /v1/messages`, JSON or
 * SSE (`message_start`, `content_block_start`, `ping`, `content_block_delta` with `text_delta` /
 * `input_json_delta`, `content_block_stop`, `message_delta`, `message_stop`, `error`), error
 * bodies `{type: "error", error: {type, message}, request_id}` with `request-id`,
 * `retry-after` and `x-should-retry` headers — and it accounts prompt caching the way the API
 * does: a `cache_control` breakpoint caches the prefix up to it (tools, then system, then
 * messages), a later request with a byte-identical prefix reads it (looking back up to 20 blocks
 * from a breakpoint), prefixes below the minimum length are not cached, and entries live 5
 * minutes from their last use. Usage is computed from the request, never made up.
 *
 * It also enforces what current models reject with a 400 (forced tool_choice, sampling
 * parameters, assistant prefill, a tool_use without its tool_result), so a request triage builds
 * wrongly fails here as it would for real.
 */

export type Reply =
  | { kind: 'step' }
  | { kind: 'tool'; input: unknown }
  | { kind: 'text'; text: string; chunks?: number; chunkDelayMs?: number; gate?: Promise<void> }
  | { kind: 'error'; status: number; type: string; message?: string; retryAfter?: string; retryAfterMs?: string }
  | { kind: 'hang' }
  | { kind: 'slow'; delayMs: number; then: Reply };

export interface RecordedRequest {
  index: number;
  receivedAt: number;
  headers: IncomingMessage['headers'];
  raw: string;
  body: MessagesBody;
  reply: Reply['kind'];
  status: number;
  usage: Usage | null;
}

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

interface Block {
  type: string;
  text?: string;
  cache_control?: unknown;
  [key: string]: unknown;
}
interface MessagesBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system?: string | Block[];
  tools?: Block[];
  tool_choice?: { type: string };
  messages: { role: string; content: string | Block[] }[];
  temperature?: number;
  [key: string]: unknown;
}

/** A rough BPE stand-in: words in pieces of up to 8 letters, digits in threes, each symbol alone. */
export function countTokens(text: string): number {
  return (text.match(/[A-Za-z]{1,8}|\d{1,3}|[^\sA-Za-z\d]/g) ?? []).length;
}

/** The API adds its own tool-use system prompt when tools are present. */
const TOOL_USE_OVERHEAD = 300;
const TTL_MS = 5 * 60_000;
const LOOKBACK = 20;

function strip(block: Block): Block {
  const { cache_control: _ignored, ...rest } = block;
  return rest;
}

export interface FakeAnthropic {
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** Decide the reply to each request; return undefined for the default. */
  script(fn: (request: MessagesBody, index: number) => Reply | undefined): void;
  totals(): { calls: number; input: number; output: number; cacheRead: number; cacheWrite: number };
  close(): Promise<void>;
}

export async function startFakeAnthropic(options: { apiKey: string; minCacheTokens?: number }): Promise<FakeAnthropic> {
  const minCache = options.minCacheTokens ?? 1024;
  const cache = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  let decide: (request: MessagesBody, index: number) => Reply | undefined = () => undefined;
  let ids = 0;

  const blocksOf = (body: MessagesBody): Block[] => {
    const system = typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : (body.system ?? []);
    const messages = body.messages.flatMap((m) => (typeof m.content === 'string' ? [{ type: 'text', text: m.content, role: m.role }] : m.content.map((b) => ({ ...b, role: m.role }))));
    return [...(body.tools ?? []), ...system, ...messages];
  };

  /** Prompt caching, as documented: see the module comment. */
  function account(body: MessagesBody, now: number): Omit<Usage, 'output_tokens'> {
    const blocks = blocksOf(body);
    const sizes = blocks.map((b, i) => countTokens(JSON.stringify(strip(b))) + (i === 0 && body.tools?.length ? TOOL_USE_OVERHEAD : 0));
    const upTo = (i: number): number => sizes.slice(0, i + 1).reduce((a, b) => a + b, 0);
    const key = (i: number): string => createHash('sha256').update(body.model).update(JSON.stringify(blocks.slice(0, i + 1).map(strip))).digest('hex');
    const total = upTo(blocks.length - 1);
    const breakpoints = blocks.flatMap((b, i) => (b.cache_control ? [i] : []));
    for (const [k, expires] of cache) if (expires < now) cache.delete(k);
    let readTo = -1;
    for (const bp of breakpoints) {
      for (let j = bp; j >= Math.max(0, bp - LOOKBACK); j--) {
        if (cache.has(key(j))) {
          readTo = Math.max(readTo, j);
          break;
        }
      }
    }
    if (readTo >= 0) cache.set(key(readTo), now + TTL_MS);
    const read = readTo >= 0 ? upTo(readTo) : 0;
    let writtenTo = readTo;
    for (const bp of breakpoints) {
      if (bp > readTo && upTo(bp) >= minCache) {
        cache.set(key(bp), now + TTL_MS);
        writtenTo = bp;
      }
    }
    const written = writtenTo > readTo ? upTo(writtenTo) - read : 0;
    return { input_tokens: total - read - written, cache_creation_input_tokens: written, cache_read_input_tokens: read };
  }

  /** What the current models answer 400 to. */
  function invalid(body: MessagesBody): string | null {
    if (typeof body.model !== 'string' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) return 'model and max_tokens are required';
    if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
    if (body.tool_choice && ['any', 'tool'].includes(body.tool_choice.type)) return 'tool_choice: type "tool" and "any" are not supported for this model.';
    if (body.temperature !== undefined || body.top_p !== undefined || body.top_k !== undefined) return 'sampling parameters are not supported for this model';
    if (body.messages.at(-1)?.role !== 'user') return 'This model does not support assistant message prefill.';
    const breakpoints = blocksOf(body).filter((b) => b.cache_control).length;
    if (breakpoints > 4) return 'A maximum of 4 blocks with cache_control may be provided.';
    for (const [i, m] of body.messages.entries()) {
      if (m.role !== 'assistant' || typeof m.content === 'string') continue;
      const uses = m.content.filter((b) => b.type === 'tool_use').map((b) => b.id);
      const next = body.messages[i + 1];
      const results = next && typeof next.content !== 'string' ? next.content.filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id) : [];
      if (uses.some((id) => !results.includes(id))) return 'tool_use ids were found without tool_result blocks immediately after';
    }
    return null;
  }

  const evidenceIds = (body: MessagesBody): string[] => {
    const text = blocksOf(body).map((b) => b.text ?? '').join('\n');
    return [...text.matchAll(/^(\S+) \([a-z-]+\): /gm)].map((m) => m[1]!);
  };

  /** A plausible step answer built from the request: it cites real IDs, and one it should not. */
  function stepInput(body: MessagesBody): unknown {
    const last = body.messages.at(-1)!;
    const text = typeof last.content === 'string' ? last.content : last.content.map((b) => b.text ?? '').join('\n');
    const step = /Current step: \d+\/\d+ (\S+)/.exec(blocksOf(body).map((b) => b.text ?? '').join('\n'))?.[1] ?? 'unknown';
    const ids = evidenceIds(body);
    const commit = ids.find((id) => id.startsWith('commit:')) ?? 'alert';
    return {
      summary: `Claude's view of ${step}: the evidence points at ${commit}.`,
      findings: [
        { text: `At ${step}, the first facts are ${ids.slice(0, 2).join(' and ')}.`, evidence: ids.slice(0, 2) },
        ...(step === 'what-changed' ? [{ text: 'A commit the evidence does not hold.', evidence: ['commit:0000000'] }] : []),
      ],
      hypotheses: step === 'localize' ? [{ summary: `Change ${commit} broke it.`, category: 'code-change', confidence: 0.7, evidence: [commit] }] : [],
      actions: step === 'mitigate' ? [{ title: `Revert ${commit}`, command: `git revert --no-edit ${commit.replace('commit:', '')}`, risk: 'reversible', why: 'It is the top suspect.', evidence: [commit] }] : [],
      questions: text.includes('Earlier steps') ? [] : ['Is anyone else looking at this?'],
    };
  }

  let toolUseIds = 0;
  function content(reply: Reply, body: MessagesBody): Block[] {
    const thinking: Block[] = /-5-5$/.test(body.model) ? [{ type: 'thinking', thinking: '', signature: `sig${ids}` }] : [];
    if (reply.kind === 'text') return [{ type: 'text', text: reply.text }];
    const input = reply.kind === 'tool' ? reply.input : stepInput(body);
    return [...thinking, { type: 'tool_use', id: `toolu_fake${++toolUseIds}`, name: String(body.tools?.[0]?.name ?? 'tool'), input }];
  }

  function sendError(res: ServerResponse, reply: Extract<Reply, { kind: 'error' }>): void {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': `req_fake${ids}` };
    if (reply.retryAfter !== undefined) headers['retry-after'] = reply.retryAfter;
    if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = reply.retryAfterMs;
    if ([429, 500, 529].includes(reply.status)) headers['x-should-retry'] = 'true';
    res.writeHead(reply.status, headers);
    res.end(JSON.stringify({ type: 'error', error: { type: reply.type, message: reply.message ?? reply.type }, request_id: `req_fake${ids}` }));
  }

  async function sendMessage(res: ServerResponse, reply: Extract<Reply, { kind: 'step' | 'tool' | 'text' }>, body: MessagesBody, blocks: Block[], usage: Usage): Promise<void> {
    const stop = blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
    const message = { id: `msg_fake${ids}`, type: 'message', role: 'assistant', model: body.model, content: blocks, stop_reason: stop, stop_sequence: null, usage };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_fake${ids}` });
      res.end(JSON.stringify(message));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_fake${ids}` });
    const event = (name: string, data: unknown): void => void res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    event('message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } });
    event('ping', { type: 'ping' });
    for (const [index, block] of blocks.entries()) {
      if (block.type === 'text') {
        event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
        const text = block.text!;
        const n = reply.kind === 'text' ? (reply.chunks ?? 4) : 1;
        const size = Math.ceil(text.length / n);
        for (let i = 0; i < text.length; i += size) {
          event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: text.slice(i, i + size) } });
          if (i === 0 && reply.kind === 'text' && reply.gate) await reply.gate;
          else if (reply.kind === 'text' && reply.chunkDelayMs) await new Promise((r) => setTimeout(r, reply.chunkDelayMs));
        }
      } else if (block.type === 'tool_use') {
        event('content_block_start', { type: 'content_block_start', index, content_block: { ...block, input: {} } });
        event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } });
      } else {
        event('content_block_start', { type: 'content_block_start', index, content_block: block });
      }
      event('content_block_stop', { type: 'content_block_stop', index });
    }
    event('message_delta', { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
    event('message_stop', { type: 'message_stop' });
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/messages') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'Not found' } }));
      return;
    }
    const index = ids++;
    const body = JSON.parse(raw) as MessagesBody;
    const record: RecordedRequest = { index, receivedAt: Date.now(), headers: req.headers, raw, body, reply: 'error', status: 0, usage: null };
    requests.push(record);
    // SDK 1.x sends the key as `Authorization: Bearer`; older clients and curl use `x-api-key`.
    const presented = req.headers['x-api-key'] ?? req.headers.authorization?.replace(/^Bearer /, '');
    if (presented !== options.apiKey) return sendError(res, (record.status = 401, { kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' }));
    if (!req.headers['anthropic-version']) return sendError(res, (record.status = 400, { kind: 'error', status: 400, type: 'invalid_request_error', message: 'anthropic-version header is required' }));
    const problem = invalid(body);
    if (problem) return sendError(res, (record.status = 400, { kind: 'error', status: 400, type: 'invalid_request_error', message: problem }));
    let reply = decide(body, index) ?? { kind: 'step' };
    while (reply.kind === 'slow') {
      const { delayMs, then } = reply;
      await new Promise((r) => setTimeout(r, delayMs));
      // The client gave up (its timeout): nothing to answer.
      if (res.destroyed) return;
      reply = then;
    }
    record.reply = reply.kind;
    if (reply.kind === 'hang') return;
    if (reply.kind === 'error') {
      record.status = reply.status;
      return sendError(res, reply);
    }
    const prompt = account(body, Date.now());
    const blocks = content(reply, body);
    const usage: Usage = { ...prompt, output_tokens: countTokens(JSON.stringify(blocks)) };
    record.status = 200;
    record.usage = usage;
    await sendMessage(res, reply, body, blocks, usage);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(error) } }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: options.apiKey,
    requests,
    script: (fn) => void (decide = fn),
    totals() {
      const ok = requests.filter((r) => r.usage);
      const sum = (f: (u: Usage) => number): number => ok.reduce((n, r) => n + f(r.usage!), 0);
      return { calls: ok.length, input: sum((u) => u.input_tokens), output: sum((u) => u.output_tokens), cacheRead: sum((u) => u.cache_read_input_tokens), cacheWrite: sum((u) => u.cache_creation_input_tokens) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
