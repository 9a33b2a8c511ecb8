import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildDemo, type DemoFiles } from '../../src/demo/build.js';

/**
 * The demo incident (a typical one: six commits, two hours of logs, a Sentry alert) with secrets
 * and personal data planted where they reach the prompt: alert tags and message, and a commit
 * subject in the window. Tests assert none of these strings ever reaches the fake API.
 */
export const PLANTED = {
  email: 'jane.doe@customer.example',
  dbPassword: 'Sup3rS3cretPw',
  awsKey: 'AKIAIOSFODNN7EXAMPLE',
  githubToken: `ghp_${'x1Y2z3W4'.repeat(5)}`,
  bearer: 'abcdEFGH1234ijklMNOP',
  dsnKey: '0123456789abcdef0123456789abcdef',
  ip: '203.0.113.9',
  stripe: `sk_live_${'51HxYzAbCdEf'.repeat(2)}`,
} as const;

/** The API key the fake server accepts: shaped like a real one, so a leak of it is unmistakable. */
export const TEST_API_KEY = `sk-ant-api03-${'TeStKeY0'.repeat(8)}-planted`;

const run = promisify(execFile);

export async function buildPlantedIncident(dir?: string): Promise<DemoFiles> {
  const files = await buildDemo(dir);
  const alert = JSON.parse(await readFile(files.alert, 'utf8')) as { data: { event: { tags: [string, string][]; exception: { values: { value: string }[] } } } };
  const event = alert.data.event;
  event.tags.push(
    ['user.email', PLANTED.email],
    ['user.ip', PLANTED.ip],
    ['authorization', `Bearer ${PLANTED.bearer}`],
    ['sentry.dsn', `https://${PLANTED.dsnKey}@o1.ingest.sentry.io/42`],
    // The very key triage is using, leaked into the incident's data: it must come out nowhere.
    ['env.ANTHROPIC_API_KEY', TEST_API_KEY],
  );
  event.exception.values[0]!.value = `timeout exceeded when trying to connect to postgres://shop:${PLANTED.dbPassword}@db.internal:5432/shop (key ${PLANTED.stripe})`;
  await writeFile(files.alert, JSON.stringify(alert, null, 2));
  // A commit in the window whose subject carries two credentials.
  const date = '2026-11-19T03:05:00Z';
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  await writeFile(path.join(files.dir, 'deploy.env.example'), 'REGION=eu-west-1\n');
  await run('git', ['add', '-A'], { cwd: files.dir, env });
  await run('git', ['commit', '-q', '-m', `Deploy with ${PLANTED.awsKey} and ${PLANTED.githubToken} (ask ${PLANTED.email})`], { cwd: files.dir, env });
  return files;
}

/** Every planted value that must not leave the machine. */
export function plantedValues(): string[] {
  return Object.values(PLANTED);
}
