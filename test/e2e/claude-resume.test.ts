import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report.js';
import { runCli } from '../helpers/cli.js';
import { buildPlantedIncident, PLANTED, TEST_API_KEY } from '../helpers/claude-fixture.js';
import { startFakeAnthropic, type FakeAnthropic, type RecordedRequest } from '../helpers/fake-anthropic.js';
import { KEYS, startPty } from '../helpers/pty.js';

/**
 * A person asks Claude a question at the first step and stops at the third; the built binary
 * against the fake Messages API. What they asked reaches the later steps' requests, and
 * `resume --show-prompt` previews the rest of the walk without sending or saving anything.
 */

const QUESTION = `Why the pool and not express? Mail ${PLANTED.email} if unsure.`;
const QUESTION_REDACTED = /Why the pool and not express\? Mail \[email#[0-9a-f]{6}\] if unsure\./;
const ANSWER = 'The pool ran dry after c918e0d; the express bump only passed the call along.';

let server: FakeAnthropic;
let repo: string;
/** What the interactive walk sent, before anything else talks to the server. */
let walked: RecordedRequest[];

const claudeEnv = (url: string): NodeJS.ProcessEnv => ({ ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_BASE_URL: url });
const stepOf = (raw: string): number | null => Number(/Current step: (\d)\/8/.exec(raw)?.[1] ?? Number.NaN) || null;
const stepRequests = (requests: RecordedRequest[]): RecordedRequest[] => requests.filter((r) => !r.body.stream);

/** Every file under the session directory, with its bytes: what "leaves the session untouched" compares. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(files.map((e) => [path.join(e.parentPath, e.name), readFileSync(path.join(e.parentPath, e.name))]));
}

beforeAll(async () => {
  server = await startFakeAnthropic({ apiKey: TEST_API_KEY });
  server.script((body) => (body.stream ? { kind: 'text', text: ANSWER, chunks: 2 } : undefined));
  const files = await buildPlantedIncident(path.join(mkdtempSync(path.join(tmpdir(), 'triage-claude-resume-')), 'shop'));
  repo = files.dir;
  const session = startPty([files.alert, '--repo', repo, '--logs', files.logs], { env: claudeEnv(server.url) });
  await session.waitFor(/1\/8 Acknowledge & assess[\s\S]*Next\?/);
  session.write(KEYS.down.repeat(4) + KEYS.enter); // ask
  await session.waitFor(/Question:/);
  session.write(`${QUESTION}${KEYS.enter}`);
  await session.waitFor(/passed the call along\.[\s\S]*Next\?/);
  session.write(KEYS.enter); // continue
  await session.waitFor(/2\/8[\s\S]*Next\?/);
  session.write(KEYS.enter);
  await session.waitFor(/3\/8[\s\S]*Next\?/);
  session.write(KEYS.down.repeat(3) + KEYS.enter); // stop
  await session.waitFor(/resume with: triage resume/);
  expect(await session.exited).toBe(0);
  walked = [...server.requests];
}, 60_000);
afterAll(async () => server?.close());

describe('follow-up questions reach later steps', () => {
  it("a later step's request carries an earlier step's question and answer; the step before it does not", () => {
    expect(walked.map((r) => (r.body.stream ? 'follow-up' : stepOf(r.raw)))).toEqual([1, 'follow-up', 2, 3]);
    const [first, second, third] = stepRequests(walked);
    expect(first!.raw).not.toContain('Why the pool');
    expect(first!.raw).not.toContain('passed the call along');
    expect(first!.raw).not.toContain('source=\\"follow-ups\\"');
    for (const later of [second!, third!]) {
      const message = later.body.messages.map((m) => JSON.stringify(m.content)).join('\n');
      expect(message).toMatch(/source=\\"follow-ups\\">\\nquestion at assess: Why the pool/);
      expect(message).toMatch(QUESTION_REDACTED);
      expect(message).toContain(`answer: ${ANSWER}`);
      // Redacted like the rest of the prompt, and outside the cached prefix.
      expect(later.raw).not.toContain(PLANTED.email);
      expect(JSON.stringify(later.body.system)).toBe(JSON.stringify(first!.body.system));
      expect(JSON.stringify(later.body.system)).not.toContain('Why the pool');
      expect(later.usage!.cache_read_input_tokens).toBeGreaterThan(0);
    }
  });
});

describe('triage resume --show-prompt', () => {
  let shown: string[];

  it('prints the remaining steps\' requests, sends nothing and leaves the session files byte for byte', async () => {
    const sessions = path.join(repo, '.triage', 'sessions');
    const before = snapshot(sessions);
    expect(before.size).toBeGreaterThanOrEqual(2); // state.json and llm.log
    const untouched = await startFakeAnthropic({ apiKey: TEST_API_KEY });
    try {
      const result = await runCli(['resume', '--repo', repo, '--show-prompt'], { env: claudeEnv(untouched.url) });
      expect(result.code, result.stderr).toBe(0);
      expect(untouched.requests).toHaveLength(0);
      shown = result.stdout.trim().split('\n');
      const bodies = shown.map((line) => JSON.parse(line) as { messages: { content: { text: string }[] }[] });
      expect(bodies.map((b) => stepOf(JSON.stringify(b)))).toEqual([3, 4, 5, 6, 7, 8]);
      expect(result.stderr).toMatch(/--show-prompt: request 1 \(what-changed, step\): POST http:\/\/127\.0\.0\.1:\d+\/v1\/messages, [\d,]+ bytes, not sent/);
      for (const body of bodies) {
        expect(body.messages[0]!.content[0]!.text).toMatch(QUESTION_REDACTED);
        expect(body.messages[0]!.content[0]!.text).toContain(ANSWER);
      }
      expect(result.stdout).not.toContain(PLANTED.email);
      const after = snapshot(sessions);
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
    } finally {
      await untouched.close();
    }
  });

  it('showed what resuming then sends', async () => {
    const sentBefore = server.requests.length;
    const result = await runCli(['resume', '--repo', repo, '--no-input', '--json'], { env: claudeEnv(server.url), timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.session.status).toBe('completed');
    const sent = server.requests.slice(sentBefore);
    expect(sent.map((r) => stepOf(r.raw))).toEqual([3, 4, 5, 6, 7, 8]);
    // The first request is byte for byte the preview (pseudonyms are keyed per run). Later ones
    // differ by design: the preview's steps took the offline answers, which later steps quote.
    const unkeyed = (text: string): string => text.replace(/\[(email|ip)#[0-9a-f]{6}\]/g, '[$1#…]');
    expect(unkeyed(sent[0]!.raw)).toBe(unkeyed(shown[0]!));
    for (const r of sent) expect(r.raw).toMatch(QUESTION_REDACTED);
  });
});
