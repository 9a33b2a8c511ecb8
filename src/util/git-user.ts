import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The person's name from git config, as an `@handle` for action items; null when git has none. */
export async function gitUserHandle(repo: string): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['config', 'user.name'], { cwd: repo, timeout: 2000 });
    const name = stdout.trim();
    return name ? `@${name.replace(/\s+/g, '-')}` : null;
  } catch {
    return null;
  }
}
