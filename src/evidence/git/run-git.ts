import { execFile } from 'node:child_process';

/**
 * The one place triage spawns git. No shell, a fixed C locale (stable messages and dates),
 * core.quotepath off (UTF-8 paths come back as written) and no pager or prompt, so output
 * parses the same on every machine.
 */

const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

export class GitCommandError extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(args: string[], exitCode: number | null, stderr: string) {
    super(`git ${args.slice(0, 3).join(' ')} failed: ${stderr.trim().split('\n')[0] ?? ''}`);
    this.name = 'GitCommandError';
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

export interface RunGitOptions {
  /** Written to git's stdin (cat-file --batch). */
  input?: string;
}

function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' };
}

export function runGitBuffer(cwd: string, args: string[], options: RunGitOptions = {}): Promise<Buffer> {
  const fullArgs = ['-c', 'core.quotepath=off', '-c', 'color.ui=false', ...args];
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      fullArgs,
      { cwd, env: gitEnv(), encoding: 'buffer', maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === 'number' ? error.code : null;
          reject(new GitCommandError(args, code, stderr.toString('utf8') || error.message));
          return;
        }
        resolve(stdout);
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

export async function runGit(cwd: string, args: string[], options: RunGitOptions = {}): Promise<string> {
  return (await runGitBuffer(cwd, args, options)).toString('utf8');
}
