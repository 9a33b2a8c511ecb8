import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { actScene, onlySession } from '../helpers/act-scene.js';
import { runCli } from '../helpers/cli.js';
import { reply, serversClosedAfterEach } from '../helpers/http-server.js';
import { KEYS, startPty } from '../helpers/pty.js';

/**
 * A person at a real terminal: confirming (default No), typing a risky command's target, and
 * editing a status update before it goes out. Same scene as act-cli.test.ts: the demo with a
 * Kubernetes manifest, a fake kubectl that leaves markers, and `--since 1m` (saturation).
 */

let template: string;
const server = serversClosedAfterEach();

beforeAll(async () => {
  template = path.join(mkdtempSync(path.join(tmpdir(), 'triage-act-pty-')), 'demo');
  expect((await runCli(['demo', '--dir', template, '--no-input'])).code).toBe(0);
});

const scene = (): { dir: string; markers: string; env: NodeJS.ProcessEnv; args: string[] } => {
  const base = actScene(template);
  return { ...base, args: base.args() };
};

/** "Run a suggested command" is the fifth choice without Claude; the command list starts on "None, go back". */
const RUN_MENU = KEYS.down.repeat(4) + KEYS.enter;
const PICK = { scale: KEYS.up.repeat(3), restart: KEYS.up.repeat(2) };

describe('a person runs mitigation commands', () => {
  it('default No declines; a risky restart needs "shop-api" typed; then it runs and is recorded', async () => {
    const s = scene();
    const session = startPty(s.args, { env: s.env });
    for (let step = 1; step <= 4; step++) {
      await session.waitFor(new RegExp(`${step}/8[\\s\\S]*Next\\?`));
      session.write(KEYS.enter);
    }
    await session.waitFor(/5\/8 Apply a fast mitigation[\s\S]*Next\?/);

    session.write(RUN_MENU);
    await session.waitFor(/Which command\?/);
    session.write(PICK.scale + KEYS.enter);
    await session.waitFor(/\$ kubectl scale deployment\/shop-api[\s\S]*Run this reversible command in .*\(y\/N\)/);
    session.write(KEYS.enter);
    await session.waitFor(/Not run: declined\.[\s\S]*Next\?/);
    expect(readdirSync(s.markers)).toEqual([]);

    session.write(RUN_MENU);
    await session.waitFor(/Which command\?/);
    session.write(PICK.restart + KEYS.enter);
    await session.waitFor(/Run this risky command in .*\(y\/N\)/);
    session.write('y' + KEYS.enter);
    await session.waitFor(/type "shop-api" to run it/);
    session.write('shop' + KEYS.enter);
    await session.waitFor(/Not run: not confirmed: "shop-api" was not typed\.[\s\S]*Next\?/);
    expect(readdirSync(s.markers)).toEqual([]);

    session.write(RUN_MENU);
    await session.waitFor(/Which command\?/);
    session.write(PICK.restart + KEYS.enter);
    await session.waitFor(/Run this risky command/);
    session.write('y' + KEYS.enter);
    await session.waitFor(/type "shop-api" to run it/);
    session.write('shop-api' + KEYS.enter);
    await session.waitFor(/fake kubectl rollout restart deployment\/shop-api -n prod[\s\S]*Next\?/);
    expect(existsSync(path.join(s.markers, 'rollout-restart'))).toBe(true);

    session.write(KEYS.down.repeat(3) + KEYS.enter); // stop
    expect(await session.exited).toBe(0);
    const state = onlySession(s.dir);
    expect(state.act?.commands).toEqual([expect.objectContaining({ kind: 'restart', risk: 'risky', exitCode: 0, unattended: false })]);
    expect(state.timeline.filter((e) => e.step === 'mitigate').map((e) => e.kind)).toEqual(['note', 'mitigated']);
  });

  it('a status update is shown before it goes out, and can be edited', async () => {
    const s = scene();
    const hook = await server((_r, res) => reply(res, 200, 'ok'));
    const session = startPty(s.args, { env: { ...s.env, TRIAGE_WEBHOOK_URL: `${hook.url}/hook` } });
    for (let step = 1; step <= 6; step++) {
      await session.waitFor(new RegExp(`${step}/8[\\s\\S]*Next\\?`));
      session.write(KEYS.enter);
    }
    await session.waitFor(/7\/8 Communicate[\s\S]*│ \[Mitigating\][\s\S]*Send this update to the webhook \(127\.0\.0\.1:\d+\)\?/);
    expect(hook.requests).toEqual([]);
    session.write(KEYS.down + KEYS.enter); // edit
    await session.waitFor(/> \(\[Mitigating\] TimeoutError/);
    session.write('[Mitigating] Checkout is slow; we are on it' + KEYS.enter);
    // Each line offers its draft as the default: Enter keeps it.
    for (const part of ['Issue', 'Impact', 'Action', 'Status']) {
      await session.waitFor(new RegExp(`> \\(${part}: `));
      session.write(KEYS.enter);
    }
    await session.waitFor(/Status update sent to the webhook[\s\S]*Next\?/);
    session.write(KEYS.down.repeat(3) + KEYS.enter); // stop
    expect(await session.exited).toBe(0);
    expect(hook.requests).toHaveLength(1);
    expect((hook.requests[0]!.body as { text: string }).text).toMatch(/^\[Mitigating\] Checkout is slow; we are on it\nIssue: TimeoutError/);
  });
});
