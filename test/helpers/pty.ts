import { spawn, type IPty } from 'node-pty';
import { assertBuilt, CLI } from './cli.js';

/**
 * A real pseudo-terminal session with the built CLI: what a person at 3 AM sees and types.
 * `waitFor` polls the screen text (ANSI stripped) so tests react to prompts, not to timing.
 */
export interface PtySession {
  pty: IPty;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  write(keys: string): void;
  exited: Promise<number>;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007|\u001b[()][A-Z0-9]/g;

export const KEYS = { enter: '\r', down: '\u001b[B', up: '\u001b[A', ctrlC: '\u0003' };

export function startPty(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): PtySession {
  assertBuilt();
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  // The developer's own key never leaks into a test; a test that wants Claude passes one.
  delete env.ANTHROPIC_API_KEY;
  delete env.ANTHROPIC_BASE_URL;
  Object.assign(env, options.env);
  const pty = spawn(process.execPath, [CLI, ...args], { name: 'xterm-256color', cols: 160, rows: 50, cwd: options.cwd ?? process.cwd(), env: env as Record<string, string> });
  let text = '';
  pty.onData((data) => (text += data));
  const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  const output = (): string => text.replace(ANSI, '');
  // Like `expect`: each wait consumes the screen up to its match, so a prompt shown after
  // every step is waited for afresh each time.
  let cursor = 0;
  return {
    pty,
    output,
    write: (keys) => pty.write(keys),
    exited,
    async waitFor(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const rest = output().slice(cursor);
        const match = pattern.exec(rest);
        if (match) {
          cursor += match.index + match[0].length;
          return;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`timed out waiting for ${pattern} in:\n${output().slice(cursor).slice(-2000)}`);
    },
  };
}
