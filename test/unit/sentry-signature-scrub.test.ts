import { describe, expect, it } from 'vitest';
import { commandOf, crashReportsEnabled } from '../../src/sentry/crash-reports.js';
import { scrubCrashEvent, scrubPath, scrubText, type ScrubContext } from '../../src/sentry/crash-scrub.js';
import { parseSentryDsn } from '../../src/sentry/dsn.js';
import { sentryHookSignature, verifySentrySignature } from '../../src/sentry/webhook-signature.js';

describe('Sentry-Hook-Signature', () => {
  const body = Buffer.from('{"action":"created","data":{"issue":{"id":"1"}}}');
  // HMAC-SHA256 of exactly these bytes keyed with "s3cret", computed independently with `openssl dgst -sha256 -hmac s3cret`.
  const signature = '470e67165a3d06067d1e1bff817ea08fdfb3a016b6683abceeb85a679350e084';

  it('is the hex HMAC-SHA256 of the raw bytes under the client secret', () => {
    expect(sentryHookSignature(body, 's3cret')).toBe(signature);
    expect(verifySentrySignature(body, 's3cret', signature)).toEqual({ valid: true });
    expect(verifySentrySignature(body, 's3cret', ` ${signature.toUpperCase()}\n`)).toEqual({ valid: true });
  });

  it('fails for another secret, a changed byte, re-encoded JSON, or a malformed signature', () => {
    const good = sentryHookSignature(body, 's3cret');
    const reencoded = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
    expect(verifySentrySignature(body, 'other', good)).toEqual({ valid: false, reason: 'the signature does not match the body and secret' });
    expect(verifySentrySignature(Buffer.from(body.toString().replace('1', '2')), 's3cret', good).valid).toBe(false);
    expect(verifySentrySignature(reencoded, 's3cret', good).valid).toBe(false);
    expect(verifySentrySignature(body, 's3cret', 'xyz')).toEqual({ valid: false, reason: 'the signature is not a SHA-256 hex digest (64 hex characters)' });
    expect(verifySentrySignature(body, 's3cret', good.slice(0, 63)).valid).toBe(false);
  });
});

describe('DSN', () => {
  it('reads host and project; refuses anything else', () => {
    expect(parseSentryDsn('https://abc123@o1.ingest.sentry.io/4507712', '--dsn')).toEqual({ dsn: 'https://abc123@o1.ingest.sentry.io/4507712', host: 'o1.ingest.sentry.io', projectId: '4507712' });
    expect(parseSentryDsn('http://k@127.0.0.1:9000/sentry/42', '--dsn').projectId).toBe('42');
    for (const bad of ['', 'abc', 'https://o1.ingest.sentry.io/1', 'https://k@host/notanumber', 'ftp://k@host/1']) {
      expect(() => parseSentryDsn(bad, 'SENTRY_DSN')).toThrow('SENTRY_DSN is not a Sentry DSN');
    }
  });
});

describe('crash reports: opt-in, DO_NOT_TRACK, offline', () => {
  it('only with TRIAGE_SENTRY_DSN, never with DO_NOT_TRACK or --offline', () => {
    const argv = ['node', 'cli.js', 'run'];
    expect(crashReportsEnabled({}, argv)).toBe(false);
    expect(crashReportsEnabled({ TRIAGE_SENTRY_DSN: 'https://k@h/1' }, argv)).toBe(true);
    expect(crashReportsEnabled({ TRIAGE_SENTRY_DSN: 'https://k@h/1', DO_NOT_TRACK: '1' }, argv)).toBe(false);
    expect(crashReportsEnabled({ TRIAGE_SENTRY_DSN: 'https://k@h/1', DO_NOT_TRACK: 'true' }, argv)).toBe(false);
    expect(crashReportsEnabled({ TRIAGE_SENTRY_DSN: 'https://k@h/1', DO_NOT_TRACK: '0' }, argv)).toBe(true);
    expect(crashReportsEnabled({ TRIAGE_SENTRY_DSN: 'https://k@h/1' }, [...argv, '--offline'])).toBe(false);
  });

  it('names the command, never an argument', () => {
    expect(commandOf(['node', 'cli.js', 'lint', 'POSTMORTEMS.md'])).toBe('lint');
    expect(commandOf(['node', 'cli.js', '/home/dana/alerts/checkout-down.json', '--no-input'])).toBe('run');
    expect(commandOf(['node', 'cli.js', '--debug'])).toBeNull();
  });
});

describe('crash report scrubbing', () => {
  const context: ScrubContext = {
    packageRoot: '/home/dana/.npm/_npx/1a2b/node_modules/triage',
    version: '0.1.0',
    command: 'run',
    env: { HOME: '/home/dana', STRIPE_KEY: 'sk_live_51Habcdef', SHORT: 'x' },
  };

  it('keeps triage frames relative, dependencies from node_modules on, other paths as a bare name', () => {
    expect(scrubPath('/home/dana/.npm/_npx/1a2b/node_modules/triage/dist/commands/walk.js', context)).toBe('app:///dist/commands/walk.js');
    expect(scrubPath('file:///home/dana/.npm/_npx/1a2b/node_modules/triage/dist/cli.js', context)).toBe('app:///dist/cli.js');
    expect(scrubPath('/home/dana/.npm/_npx/1a2b/node_modules/zod/v4/core.js', context)).toBe('node_modules/zod/v4/core.js');
    expect(scrubPath('/home/dana/src/shop/alert.json', context)).toBe('<path>/alert.json');
    expect(scrubPath('node:internal/fs/promises', context)).toBe('node:internal/fs/promises');
  });

  it('cuts paths, quoted text and environment values out of messages', () => {
    expect(scrubText("ENOTDIR: not a directory, mkdir '/home/dana/shop/.triage/sessions/x'", context)).toBe("ENOTDIR: not a directory, mkdir '…'");
    expect(scrubText('cannot open /home/dana/shop/logs/app.log for reading', context)).toBe('cannot open <path> for reading');
    expect(scrubText('Unexpected token "Checkout down for user dana@example.com"', context)).toBe('Unexpected token "…"');
    expect(scrubText('bad key sk_live_51Habcdef in request', context)).toBe('bad key <env> in request');
    expect(scrubText('C:\\Users\\dana\\shop\\x.json missing and/or broken', context)).toBe('<path> missing and/or broken');
  });

  it('builds the event from an allowlist: no host, user, breadcrumbs, extra, request, env or modules', () => {
    const event = {
      event_id: 'e'.repeat(32),
      timestamp: 1,
      platform: 'node',
      level: 'error',
      server_name: 'danas-laptop',
      user: { ip_address: '1.2.3.4' },
      request: { url: 'https://x' },
      breadcrumbs: [{ message: 'log line: payment failed for order 42' }],
      extra: { alert: { title: 'Checkout down' } },
      modules: { shop: '1.0.0' },
      contexts: { runtime: { name: 'node', version: 'v20.20.2' }, app: { app_memory: 1 }, os: { kernel_version: 'x' } },
      exception: { values: [{ type: 'TypeError', value: "Cannot read properties of undefined (reading 'title')", mechanism: { type: 'generic', handled: true, data: { x: 1 } }, stacktrace: { frames: [{ filename: '/home/dana/.npm/_npx/1a2b/node_modules/triage/dist/report.js', abs_path: '/home/dana/x', function: 'buildReport', lineno: 3, colno: 9, in_app: true, context_line: 'secret()', pre_context: ['a'], vars: { token: 'x' } }] } }] },
    };
    const scrubbed = scrubCrashEvent(event, context);
    expect(scrubbed).toEqual({
      event_id: 'e'.repeat(32),
      timestamp: 1,
      platform: 'node',
      level: 'error',
      sdk: undefined,
      release: 'triage@0.1.0',
      environment: 'production',
      tags: { command: 'run' },
      contexts: { runtime: { name: 'node', version: 'v20.20.2' } },
      exception: { values: [{ type: 'TypeError', value: "Cannot read properties of undefined (reading '…')", mechanism: { type: 'generic', handled: true }, stacktrace: { frames: [{ filename: 'app:///dist/report.js', function: 'buildReport', lineno: 3, colno: 9, in_app: true }] } }] },
    });
    expect(JSON.stringify(scrubbed)).not.toMatch(/dana|laptop|1\.2\.3\.4|Checkout|payment/);
  });
});
